import DFLReproduction
import DFLRunStore
import Foundation
import Testing

@testable import DFLCLI

/// A fresh folder for a test's stores and plans.
private func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-plans-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct SweepPlanSectionTests {
    @Test func sectionsConcatenateAndOrderNestsTheExpansion() throws {
        let plan = try SweepPlan.parse(
            yaml: """
                kind: reproduce-energy
                base: {budget: quick}
                sections:
                  - base: {part: power}
                    seeds: [0, 1]
                  - base: {part: sweep}
                    grid: {ratio: [0.25, 0.5]}
                order: [seed, ratio]
                seeds: [7]
                """, source: "p.yaml")
        let runs = plan.runs()
        #expect(runs.map { $0.settings["part"] ?? "" } == ["power", "power", "sweep", "sweep"])
        #expect(runs.map { $0.settings["seed"] ?? "" } == ["0", "1", "7", "7"])
        #expect(runs.map { $0.settings["ratio"] } == [nil, nil, "0.25", "0.5"])
        #expect(runs.allSatisfy { $0.kind == "reproduce-energy" && $0.settings["budget"] == "quick" })
        #expect(Set(runs.map(\.id)).count == 4)
        // The kind is part of the identity; a train run's id is what it always was.
        let train = SweepPlan.run(kind: "train", settings: ["seed": "1", "method": "spo+"])
        #expect(train.id == SHA256.hex("dfl train\nmethod=spo+\nseed=1"))
        #expect(SweepPlan.run(kind: "reproduce-energy", settings: train.settings).id != train.id)
        // `order` puts the seed outside the grid key it names after it.
        let nested = SweepPlan(grid: ["a": ["1", "2"], "b": ["x", "y"]], seeds: [1, 2], order: ["b", "seed"])
        #expect(
            nested.runs().prefix(3).map { "\($0.settings["b"]!)\($0.settings["seed"]!)\($0.settings["a"]!)" } == [
                "x11", "x12", "x21",
            ])
    }

    @Test func badKindsAndSectionsNameTheFile() throws {
        for (text, fragment) in [
            ("kind: bogus", "unknown kind 'bogus'"), ("sections: []", "sections must be"),
            ("sections:\n  - {grid: {a: [1]}, extra: 1}", "sections[0]: unknown key 'extra'"),
            ("base: {a: 1}\nsections:\n  - grid: {a: [1, 2]}", "both base and grid"),
            ("sections:\n  - base: {seed: 1}", "set by the sweep"),
        ] {
            do {
                _ = try SweepPlan.parse(yaml: text, source: "p.yaml")
                Issue.record("accepted: \(text)")
            } catch let failure as CommandFailure {
                #expect(failure.status == .dataError && failure.message.contains(fragment), "\(failure.message)")
                #expect(failure.message.hasPrefix("p.yaml: "))
            }
        }
    }

    /// The bundled smoothing plans are the runners' cells: rows × seeds × columns with the sizes of
    /// the Settings presets, in the order the in-process run trains them.
    @Test func theBundledSmoothingPlansAreTheRunnersCells() throws {
        for quick in [true, false] {
            let table1: SmoothingTableOne.Settings = quick ? .quick : .init()
            let scaling: SmoothingScaling.Settings = quick ? .quick : .init()
            let expected: [(SmoothingReproduction.Part, [String: String], [String], [String], [UInt64])] = [
                (
                    .table1, table1.planSettings,
                    SmoothingTableOne.benchmarks.map(\.label).filter { table1.labels?.contains($0) ?? true },
                    SmoothingTableOne.methods, table1.seeds
                ),
                (
                    .scaling, scaling.planSettings,
                    SmoothingScaling.benchmarks.map(\.label).filter { scaling.labels?.contains($0) ?? true },
                    SmoothingScaling.variants.map(\.label), scaling.seeds
                ),
            ]
            for (part, sizes, rows, columns, seeds) in expected {
                let name = try #require(SmoothingReproduction.planName(of: part, quick: quick))
                let runs = try SweepPlan.parse(yaml: ReproductionPlans.yaml(named: name), source: name).runs()
                var cells: [[String: String]] = []
                for row in rows {
                    for seed in seeds {
                        for column in columns {
                            cells.append(
                                sizes.merging([
                                    "part": part.rawValue, "row": row, "column": column, "seed": "\(seed)",
                                ]) { $1 })
                        }
                    }
                }
                #expect(runs.map(\.settings) == cells, "\(name)")
                #expect(runs.allSatisfy { $0.kind == ReproductionCell.Kind.smoothing.rawValue })
            }
        }
    }
}

@Suite struct RecursivePlanTests {
    /// The bundled R-DFL plans hold exactly the tables' cells of their presets, in order; `--seed`
    /// renumbers them and `--part` selects them.
    @Test func theBundledPlansAreTheSettingsCells() throws {
        for quick in [["--quick"], []] {
            for extra in [[], ["--seed", "3"], ["--part", "matching30,depth"]] {
                let cmd = try Reproduce.Recursive.parse(quick + extra)
                let s = cmd.settings()
                let runs = try cmd.planRuns(s)
                #expect(
                    try runs.map { try ReproductionCell.recursiveCell($0.settings) } == RecursiveExperiment.cells(s),
                    "\(quick + extra)")
                #expect(runs.allSatisfy { $0.settings["budget"] == (quick.isEmpty ? "full" : "quick") })
            }
        }
        let moved = try Reproduce.Recursive.parse(["--quick", "--seed", "3"])
        #expect(try moved.planRuns(moved.settings()).allSatisfy { Int($0.settings["seed"] ?? "") ?? 0 >= 3 })
    }
}

@Suite struct ReproductionPlanBinaryTests {
    /// Tiny smoothing cells as a user's plan: `dfl sweep` runs them on two workers through
    /// `dfl reproduce cell`, and the store holds their metrics.
    @Test func aSweepOfReproductionCellsRecordsTheirMetrics() throws {
        let dir = try folder()
        let plan = dir.appendingPathComponent("cells.yaml").path, store = dir.appendingPathComponent("c.sqlite").path
        try """
        kind: reproduce-smoothing
        base: {part: table1, row: "SP (5×5)", train: 24, test: 16, epochs: 1, batch: 8}
        grid:
          column: [two-stage, spo+]
        seeds: [1]
        """.write(toFile: plan, atomically: true, encoding: .utf8)
        let run = try BuiltBinaryTests.dfl(["sweep", plan, "--store", store, "--workers", "2", "--quiet"])
        #expect(run.status == 0, "\(run.standardError)")
        let records = try RunStore(path: store).runs()
        #expect(records.count == 2 && records.allSatisfy { $0.status == .finished && $0.problem == "SP (5×5)" })
        #expect(Set(records.map(\.method)) == ["two-stage", "spo+"])
        #expect(records.allSatisfy { ($0.metrics["meanRelativeRegret"] ?? -1) >= 0 && $0.timings["epoch"] != nil })
        // The same cell run in this process gives the number the worker recorded.
        let direct = try SmoothingTableOne.cell(
            row: "SP (5×5)", method: "spo+", seed: 1,
            settings: try SmoothingTableOne.Settings(planSettings: [
                "train": "24", "test": "16", "epochs": "1", "batch": "8",
            ]),
            threads: 2)
        #expect(records.first { $0.method == "spo+" }?.metrics["meanRelativeRegret"] == direct.meanRelativeRegret)
    }

    /// `dfl reproduce smoothing --part table1` draws its report from the store: with every cell of
    /// the quick plan already recorded it runs nothing and prints the table from those records.
    @Test func theReportIsDrawnFromTheStore() throws {
        let dir = try folder()
        let store = dir.appendingPathComponent("r.sqlite").path
        let runs = try SweepPlan.parse(
            yaml: ReproductionPlans.yaml(named: "smoothing-table1-quick"), source: "quick"
        ).runs()
        let db = try RunStore(path: store)
        for (i, run) in runs.enumerated() {
            try db.record(
                RunRecord(
                    id: run.id, problem: run.settings["row"]!, method: run.settings["column"]!, seed: 1,
                    settings: try RunRecord.canonicalJSON(run.settings), version: "test",
                    metrics: ["meanRelativeRegret": 0.5 + Double(i) / 1000, "normalizedRegret": 0.25],
                    timings: ["epoch": 0.01]))
        }
        let out = dir.appendingPathComponent("out").path
        let result = try BuiltBinaryTests.dfl([
            "reproduce", "smoothing", "--quick", "--part", "table1", "--output", out, "--store", store,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("sweep: 0 finished, 0 failed, \(runs.count) already"))
        // Row SP (5×5) is the plan's second row: its two-stage and pfyl cells are runs 7 and 8.
        let row = try #require(result.standardOutput.split(separator: "\n").first { $0.contains("| SP (5×5)") })
        #expect(row.contains("0.507") && row.contains("0.508"), "\(row)")
        #expect(FileManager.default.fileExists(atPath: out + "/smoothing-table1-quick.md"))
        #expect(FileManager.default.fileExists(atPath: out + "/smoothing-table1-sp.svg"))
    }

    /// One shard of the quick Table 1 plan runs its cells into the store and skips the report.
    @Test func aShardRunsItsCellsAndSkipsTheReport() throws {
        let dir = try folder()
        let out = dir.appendingPathComponent("out").path
        let result = try BuiltBinaryTests.dfl([
            "reproduce", "smoothing", "--quick", "--part", "table1", "--output", out, "--shard", "1/28", "--quiet",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("shard 1/28: 1 finished, 0 already"))
        let records = try RunStore(path: out + "/runs.sqlite").runs()
        #expect(records.count == 1 && records[0].problem == "Top-K (50)" && records[0].method == "two-stage")
        #expect(!FileManager.default.fileExists(atPath: out + "/smoothing-table1-quick.md"))
        let script = try BuiltBinaryTests.dfl([
            "reproduce", "smoothing", "--quick", "--part", "table1", "--output", out, "--slurm", "--tasks", "4",
            "--dry-run",
        ])
        #expect(script.status == 0, "\(script.standardError)")
        #expect(script.standardOutput.contains("#SBATCH --array=1-4\n"))
        #expect(script.standardOutput.contains(" reproduce smoothing --quick --part table1 --output \(out)"))
        #expect(script.standardOutput.contains("--shard \"${SLURM_ARRAY_TASK_ID}/4\""))
        let list = try BuiltBinaryTests.dfl([
            "reproduce", "smoothing", "--quick", "--part", "table1", "--output", out, "--dry-run",
        ])
        let lines = list.standardOutput.split(separator: "\n")
        #expect(lines.count == 28 && lines.filter { $0.hasPrefix("done ") }.count == 1, "\(list.standardOutput)")
    }
}
