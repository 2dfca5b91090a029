import DFLBenchmarks
import DFLData
import DFLLayers
import DFLLosses
import DFLOptimization
import DFLReport
import DFLTraining

/// `dfl reproduce smoothing`: the smoothing paper's (arXiv:2508.11365) App. B Top-1 simulation
/// (Table 2 and the Fig. 4 gradient magnitudes), Table 1 (``SmoothingTableOne``) and Fig. 3 /
/// App. E–F (``SmoothingScaling``), each printed beside the paper's numbers.
public enum SmoothingReproduction {
    /// A part of the reproduction.
    public enum Part: String, Sendable, CaseIterable {
        /// App. B: Table 2 and the Fig. 4 gradient magnitudes (exact, seconds).
        case table2
        /// Table 1 (a plan of cells; the long part).
        case table1
        /// Fig. 3 / App. E–F: DYS vs QP vs exact on larger instances, solution caching.
        case scaling
    }

    /// The report: markdown, and the files to write next to it (name → content).
    public struct Report: Sendable {
        /// The markdown report.
        public var markdown: String
        /// SVG files by name.
        public var files: [String: String]
    }

    /// The built-in problem's LP-representable model (see ``BuiltinProblem/relaxation(train:test:features:degree:noise:seed:)``).
    /// - Throws: ``TrainingError`` or the generator's error for bad sizes.
    public static func relaxation(
        of problem: BuiltinProblem, train: Int, test: Int, features: Int, degree: Int, noise: Double, seed: UInt64
    ) throws -> any LinearProgramRepresentable {
        try problem.relaxation(train: train, test: test, features: features, degree: degree, noise: noise, seed: seed)
    }

    /// Table 2 beside the paper (`smoothing-paper.json`), as markdown.
    /// - Throws: ``PaperNumbersError`` for a missing table; layer errors from the simulation.
    public static func tableTwo(runs: Int) throws -> String {
        let paper = try PaperNumbers.smoothing.table2
        var t = TextTable(header: ["τ"] + paper.items.map { "M=\($0) ours / paper" })
        for row in paper.rows {
            guard row.values.count == paper.items.count else {
                throw PaperNumbersError.malformed(
                    file: PaperNumbers.files[0], key: "table2.rows",
                    reason: "τ = \(row.tau) has \(row.values.count) values for \(paper.items.count) item counts")
            }
            var cells = [formatFixed(row.tau, digits: 2)]
            for (k, m) in paper.items.enumerated() {
                let ours = try TopOneSimulation.manhattanDistance(items: m, tau: row.tau, runs: runs, seed: 1)
                cells.append("\(formatFixed(ours, digits: 3)) / \(formatFixed(row.values[k], digits: 3))")
            }
            t.add(row: cells)
        }
        return t.markdown()
    }

    /// Fig. 4's mean |gradient| of regret and SCE through the QP layer, as markdown.
    public static func gradientTable(runs: Int) throws -> String {
        let items = [5, 20, 100]
        var t = TextTable(header: ["μ"] + items.flatMap { ["M=\($0) regret", "M=\($0) SCE"] })
        for mu in [0.1, 0.5, 0.99, 1.05, 1.5, 2, 5] {
            var cells = [formatFixed(mu, digits: 2)]
            for m in items {
                let g = try TopOneSimulation.gradientMagnitudes(items: m, smoothing: mu, runs: runs, seed: 1)
                cells += [formatFixed(g.regret, digits: 4), formatFixed(g.sce, digits: 4)]
            }
            t.add(row: cells)
        }
        return t.markdown()
    }

    /// The plan (a resource in `plans/`) that holds the cells of `part` (`nil` for Table 2, which
    /// runs in seconds in-process): `smoothing-table1[-quick]` or `smoothing-scaling[-quick]`.
    public static func planName(of part: Part, quick: Bool) -> String? {
        part == .table2 ? nil : "smoothing-\(part.rawValue)" + (quick ? "-quick" : "")
    }

    /// Runs the requested parts in this process (`quick`: reduced sizes) and returns the report
    /// (`dfl reproduce smoothing` runs the Table 1 and scaling cells as plans instead, then calls
    /// ``report(parts:quick:table1:scaling:results:simulationRuns:log:)``).
    /// - Throws: ``TrainingError``, solver and layer errors.
    public static func run(
        parts: Set<Part>, quick: Bool, simulationRuns: Int = 20, threads: Int = 2, log: (String) -> Void = { _ in }
    ) throws -> Report {
        let table1 =
            parts.contains(.table1)
            ? try SmoothingTableOne.run(quick ? .quick : .init(), threads: threads, log: log) : []
        let scaling =
            parts.contains(.scaling)
            ? try SmoothingScaling.run(quick ? .quick : .init(), threads: threads, log: log).results : []
        return try report(
            parts: parts, quick: quick, table1: table1, scaling: scaling, results: "this process",
            simulationRuns: simulationRuns, log: log)
    }

    /// The report of the requested parts: Table 2 and the gradients computed here (seconds), Table 1
    /// and the scaling part from finished cells (`results` says where they are kept).
    /// - Throws: ``PaperNumbersError``; layer errors from the simulation.
    public static func report(
        parts: Set<Part>, quick: Bool, table1: [SmoothingTableOne.Result], scaling: [SmoothingTableOne.Result],
        results: String, simulationRuns: Int = 20, log: (String) -> Void = { _ in }
    ) throws -> Report {
        var md = "# Smoothing paper (arXiv:2508.11365) — DFLKit reproduction\n\n"
        var files: [String: String] = [:]
        if parts.contains(.table2) {
            md += "## Table 2: Manhattan distance, norm-smoothed Top-1 (τ‖v‖₂) vs exact, \(simulationRuns) runs\n\n"
            md += try tableTwo(runs: simulationRuns) + "\n\n"
            log("Table 2 done")
            md += "## Fig. 4: mean |∂L/∂ŷ| through the QP layer ((μ/2)‖v‖², App. B Eq. 16)\n\n"
            md += try gradientTable(runs: simulationRuns) + "\n\n"
            log("gradient table done")
        }
        if parts.contains(.table1) {
            let s: SmoothingTableOne.Settings = quick ? .quick : .init()
            md +=
                "## Table 1: \(s.train) train / \(s.test) test, \(s.epochs) epochs, Adam \(s.learningRate), batch \(s.batchSize), "
            md +=
                "seeds \(s.seeds.map(String.init).joined(separator: ",")); QP layer μ‖v‖² with μ per row (docs/smoothing.md)\n\n"
            md += try SmoothingTableOne.markdown(table1) + "\n\n"
            for (name, svg) in SmoothingTableOne.charts(table1).sorted(by: { $0.key < $1.key }) {
                files[name] = svg
                md += "![\(name)](\(name))\n"
            }
            md += "\nRaw results: \(results)\n\n"
        }
        if parts.contains(.scaling) {
            let report = SmoothingScaling.report(scaling, settings: quick ? .quick : .init())
            md += report.markdown + "\n"
            for (name, svg) in report.charts.sorted(by: { $0.key < $1.key }) {
                files[name] = svg
                md += "![\(name)](\(name))\n"
            }
            md += "\nRaw results: \(results)\n\n"
        }
        return Report(markdown: md, files: files)
    }
}
