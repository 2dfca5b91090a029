import DFLRunStore
import Foundation
import Testing

@testable import DFLCLI

/// A fresh folder holding `plan.yaml` with `text`.
private func planFolder(_ text: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-sweep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: dir.appendingPathComponent("plan.yaml"))
    return dir
}

private let smallPlan = """
    base:
      problem: shortest-path
      grid: 3x3
      train: 40
      test: 40
      epochs: 2
    grid:
      method: [two-stage, spo+]
    seeds: [1, 2]
    """

@Suite struct SweepPlanTests {
    @Test func expansionIsTheGridTimesTheSeedsWithStableIdentities() throws {
        let plan = SweepPlan(
            base: ["problem": "knapsack", "verbose": "true", "plot-free": "false"],
            grid: ["method": ["spo+", "pfyl"], "lr": ["0.1", "0.01", "0.001"]], seeds: [1, 2])
        let runs = plan.runs()
        #expect(runs.count == 2 * 3 * 2)
        #expect(Set(runs.map(\.id)).count == runs.count)
        #expect(plan.runs() == runs)  // deterministic order and ids
        #expect(
            runs[0].settings == [
                "problem": "knapsack", "verbose": "true", "plot-free": "false", "lr": "0.1", "method": "spo+",
                "seed": "1",
            ])
        #expect(
            runs[0].arguments == [
                "--lr", "0.1", "--method", "spo+", "--problem", "knapsack", "--seed", "1", "--verbose",
            ])
    }

    @Test func badPlansNameTheFileAndTheProblem() throws {
        for (text, fragment) in [
            ("base: [1, 2]", "base must be a mapping"), ("grid:\n  method: []", "empty list"),
            ("base:\n  output: x.json", "set by the sweep"), ("seeds: [1, x]", "seeds must be"),
            ("methods: [spo+]", "unknown key 'methods'"), ("base:\n  lr: 1\ngrid:\n  lr: [1, 2]", "both base and grid"),
        ] {
            let path = try planFolder(text).appendingPathComponent("plan.yaml").path
            #expect(throws: CommandFailure.self) { try SweepPlan.read(path: path) }
            do { _ = try SweepPlan.read(path: path) } catch let failure as CommandFailure {
                #expect(failure.status == .dataError && failure.message.contains(fragment), "\(failure.message)")
                #expect(failure.message.hasPrefix(path))
            }
        }
    }
}

@Suite struct SweepCommandTests {
    @Test func runsOnTwoWorkersThenSkipsWhatIsDone() throws {
        let dir = try planFolder(smallPlan)
        let plan = dir.appendingPathComponent("plan.yaml").path, store = dir.appendingPathComponent("s.sqlite").path
        let first = try BuiltBinaryTests.dfl(["sweep", plan, "--store", store, "--workers", "2"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("sweep: 4 finished, 0 failed, 0 already"))
        #expect(first.standardError.contains("sweep: 4/4 done"))
        let again = try BuiltBinaryTests.dfl(["sweep", plan, "--store", store, "--quiet"])
        #expect(again.standardOutput.contains("sweep: 0 finished, 0 failed, 4 already") && again.standardError.isEmpty)
        let records = try RunStore(path: store).runs()
        #expect(records.count == 4 && records.allSatisfy { $0.status == .finished && $0.history.count == 1 + 2 })
        // Epoch 0 is the untrained model.
        #expect(records.allSatisfy { $0.history.first?.epoch == 0 && $0.history.first?.test != nil })
        #expect(records.allSatisfy { $0.metrics["test.normalizedRegret"] != nil && $0.timings["wall"] != nil })
        let shard = try BuiltBinaryTests.dfl(["sweep", plan, "--store", store, "--shard", "2/3", "--dry-run"])
        #expect(shard.standardOutput.split(separator: "\n").count == 1)  // runs 2 of 4 (index 1)
        #expect(shard.standardOutput.hasPrefix("done "))
    }

    @Test func aKilledSweepResumesWithEveryRunRecordedOnce() throws {
        let dir = try planFolder(smallPlan.replacingOccurrences(of: "seeds: [1, 2]", with: "seeds: [1, 2, 3, 4]"))
        let plan = dir.appendingPathComponent("plan.yaml").path, store = dir.appendingPathComponent("k.sqlite").path
        let process = Process()
        process.executableURL = try BuiltBinaryTests.executable()
        process.arguments = ["sweep", plan, "--store", store, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait for some runs to land, then kill the sweep without warning.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, (try? RunStore(path: store, readOnly: true).count()) ?? 0 < 2 { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = try RunStore(path: store).count()
        #expect(before >= 2 && before < 8, "\(before) runs before the kill")
        let resumed = try BuiltBinaryTests.dfl(["sweep", plan, "--store", store, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("\(before) already"))
        let store2 = try RunStore(path: store)
        #expect(try store2.count() == 8)
        #expect(Set(try store2.runs().map(\.id)).count == 8)
        try store2.checkIntegrity()
    }

    @Test func usageAndPlanErrorsAreOneLine() throws {
        let missing = try BuiltBinaryTests.dfl(["sweep", "/nonexistent/plan.yaml"])
        #expect(missing.status == 66 && missing.standardError.split(separator: "\n").count == 1)
        let dir = try planFolder("base:\n  checkpoint: c.json")
        let reserved = try BuiltBinaryTests.dfl(["sweep", dir.appendingPathComponent("plan.yaml").path])
        #expect(reserved.status == 65 && reserved.standardError.contains("set by the sweep"))
        let workers = try BuiltBinaryTests.dfl(["sweep", "p.yaml", "--workers", "0"])
        #expect(workers.status == 64)
        let shard = try BuiltBinaryTests.dfl(["sweep", "p.yaml", "--shard", "3/2"])
        #expect(shard.status == 64 && shard.standardError.contains("--shard must be"))
    }
}

@Suite struct SweepSlurmTests {
    @Test func dryRunPrintsAJobArrayOfShardsIntoTheirOwnStores() throws {
        let dir = try planFolder(smallPlan)
        let plan = dir.appendingPathComponent("plan.yaml").path
        let run = try BuiltBinaryTests.dfl([
            "sweep", plan, "--store", dir.appendingPathComponent("s.sqlite").path, "--slurm", "--dry-run", "--tasks",
            "8",
            "--partition", "debug", "--time", "00:10:00", "--mem", "2G", "--cpus", "2",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let script = run.standardOutput
        #expect(script.hasPrefix("#!/bin/bash\n"))
        #expect(script.contains("#SBATCH --array=1-4\n"))  // never more tasks than the 4 runs
        for line in [
            "#SBATCH --partition=debug", "#SBATCH --time=00:10:00", "#SBATCH --mem=2G", "#SBATCH --cpus-per-task=2",
        ] {
            #expect(script.contains(line + "\n"), "\(line)")
        }
        #expect(script.contains("--shard \"${SLURM_ARRAY_TASK_ID}/4\""))
        #expect(script.contains("s.sqlite.shard-\"${SLURM_ARRAY_TASK_ID}\".sqlite --workers 2 --quiet"))
        let clash = try BuiltBinaryTests.dfl(["sweep", plan, "--slurm", "--shard", "1/2", "--dry-run"])
        #expect(clash.status == 64)
    }
}
