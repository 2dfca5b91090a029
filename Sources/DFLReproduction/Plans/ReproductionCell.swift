import DFLBenchmarks
import DFLNN
import DFLTraining
import Foundation

/// One cell of a reproduction plan, the unit `dfl sweep` runs in a worker process for
/// `dfl reproduce`: its kind names the reproduction, its settings (a plan run's key → text) the
/// cell. Its result holds named metrics and timings, which the run store keeps and the
/// reproduction's report reads back.
public enum ReproductionCell {
    /// The reproductions that run as plans (a plan's `kind`).
    public enum Kind: String, Sendable, CaseIterable {
        /// Smoothing paper, Table 1 and Fig. 3 / App. E–F cells (`part`, `row`, `column`, `seed`, sizes).
        case smoothing = "reproduce-smoothing"
        /// So-EBM paper cells (`budget`, `part`, `ratio`, `seed`, So-EBM overrides).
        case energy = "reproduce-energy"
        /// R-DFL paper table cells (`budget`, `part`, `size`, `predictor`, `seed`).
        case recursive = "reproduce-recursive"
    }

    /// What a cell produced: names for the store's tables and its numbers.
    public struct Result: Sendable, Codable, Equatable {
        /// Problem name for tables (a row label, a part).
        public var problem: String
        /// Method name for tables (a column, or `all` for a cell that trains several methods).
        public var method: String
        /// Metrics by name.
        public var metrics: [String: Double]
        /// Timings by name (seconds).
        public var timings: [String: Double]

        /// Creates a result.
        public init(problem: String, method: String, metrics: [String: Double], timings: [String: Double]) {
            self.problem = problem
            self.method = method
            self.metrics = metrics
            self.timings = timings
        }
    }

    /// Runs one cell.
    /// - Parameters:
    ///   - kind: the reproduction.
    ///   - settings: the cell's settings (a plan run's key → text, seed included).
    ///   - threads: worker threads inside the cell (not part of its identity; `nil`: the runner's default).
    ///   - log: progress lines.
    /// - Returns: the cell's names, metrics and timings.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` naming a missing or malformed setting; training errors.
    public static func run(
        _ kind: Kind, settings: [String: String], threads: Int? = nil, log: (String) -> Void = { _ in }
    ) throws -> Result {
        switch kind {
        case .smoothing: return try smoothing(settings, threads: threads ?? 2)
        case .energy: return try energy(settings, log: log)
        case .recursive: return try recursive(settings, threads: threads, log: log)
        }
    }

    /// A smoothing cell's result as Table 1 / scaling reads it.
    public static func smoothingResult(_ r: Result, seed: UInt64) -> SmoothingTableOne.Result {
        SmoothingTableOne.Result(
            benchmark: r.problem, method: r.method, seed: seed,
            meanRelativeRegret: r.metrics["meanRelativeRegret"] ?? .nan,
            normalizedRegret: r.metrics["normalizedRegret"] ?? .nan, secondsPerEpoch: r.timings["epoch"] ?? .nan)
    }

    /// An energy cell's runs (method, metric, seconds per epoch), by method name (the report
    /// picks each method by name).
    public static func energyRuns(_ r: Result) -> [(method: String, value: Double, secondsPerEpoch: Double)] {
        r.metrics.keys.filter { $0.hasPrefix("value.") }.sorted().map { key in
            let method = String(key.dropFirst("value.".count))
            return (method, r.metrics[key] ?? .nan, r.timings["epoch.\(method)"] ?? .nan)
        }
    }

    private static func smoothing(_ p: [String: String], threads: Int) throws -> Result {
        let part = try PlanSettings.string(p, "part"), row = try PlanSettings.string(p, "row")
        let column = try PlanSettings.string(p, "column"), seed = try PlanSettings.seed(p)
        let r: SmoothingTableOne.Result
        switch part {
        case "table1":
            r = try SmoothingTableOne.cell(
                row: row, method: column, seed: seed, settings: try SmoothingTableOne.Settings(planSettings: p),
                threads: threads)
        case "scaling":
            r = try SmoothingScaling.cell(
                row: row, variant: column, seed: seed, settings: try SmoothingScaling.Settings(planSettings: p),
                threads: threads)
        default:
            throw BenchmarkError.invalidArgument(name: "part", reason: "'\(part)' is not table1 or scaling")
        }
        return Result(
            problem: row, method: column,
            metrics: ["meanRelativeRegret": r.meanRelativeRegret, "normalizedRegret": r.normalizedRegret],
            timings: ["epoch": r.secondsPerEpoch])
    }

    private static func energy(_ p: [String: String], log: (String) -> Void) throws -> Result {
        let budget = try EnergyReproductionBudget(planSettings: p)
        let cell = EnergyCell(
            part: try PlanSettings.string(p, "part"), ratio: try PlanSettings.double(p, "ratio"),
            seed: try PlanSettings.seed(p))
        let runs = try cell.run(budget: budget, dataset: { try PowerDataset.loadDefault() }, log: log)
        var metrics: [String: Double] = [:], timings: [String: Double] = [:]
        for r in runs {
            metrics["value.\(r.method)"] = r.value
            timings["epoch.\(r.method)"] = r.secondsPerEpoch
        }
        return Result(
            problem: cell.part + (cell.ratio.map { "-\($0)" } ?? ""), method: "all", metrics: metrics, timings: timings)
    }

    /// The R-DFL cell of a plan run's settings.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` naming a missing or malformed setting.
    public static func recursiveCell(_ p: [String: String]) throws -> RecursiveCell {
        let partName = try PlanSettings.string(p, "part")
        guard let part = RecursiveExperiment.Part(rawValue: partName), RecursiveExperiment.plannedParts.contains(part)
        else {
            throw BenchmarkError.invalidArgument(
                name: "part", reason: "'\(partName)' is not newsvendor, matching, matching30 or sequence")
        }
        guard let size = try PlanSettings.int(p, "size") else {
            throw BenchmarkError.invalidArgument(name: "size", reason: "the cell's settings lack 'size'")
        }
        var predictor: PredictorKind?
        if let name = p["predictor"] {
            guard let kind = PredictorKind(rawValue: name) else {
                throw BenchmarkError.invalidArgument(name: "predictor", reason: "'\(name)' is not a predictor")
            }
            predictor = kind
        }
        return RecursiveCell(part: part, size: size, predictor: predictor, seed: try PlanSettings.seed(p))
    }

    /// The R-DFL settings of a plan run: the preset named by `budget` (`quick` or `full`).
    /// - Throws: ``BenchmarkError`` `.invalidArgument` for another name.
    public static func recursiveSettings(_ p: [String: String]) throws -> RecursiveExperiment.Settings {
        switch try PlanSettings.string(p, "budget") {
        case "quick": return .quick
        case "full": return .init()
        case let other: throw BenchmarkError.invalidArgument(name: "budget", reason: "'\(other)' is not quick or full")
        }
    }

    /// The numeric fields of a run the R-DFL tables read, by metric name (exact: no text round trip).
    private static var recursiveFields: [(name: String, field: WritableKeyPath<RecursiveRunResult, Double>)] {
        [
            ("decisionRMSE", \.decisionRMSE), ("secondsPerEpoch", \.secondsPerEpoch),
            ("forwardEvaluationsPerBatch", \.forwardEvaluationsPerBatch),
            ("backwardPullbacksPerBatch", \.backwardPullbacksPerBatch),
            ("contractionPullbacksPerBatch", \.contractionPullbacksPerBatch),
        ]
    }
    /// The integer fields of a run the R-DFL tables read.
    private static var recursiveCounts: [(name: String, field: WritableKeyPath<RecursiveRunResult, Int>)] {
        [
            ("implicitFallbacks", \.implicitFallbacks), ("evaluationFallbacks", \.evaluationFallbacks),
            ("evaluationInstances", \.evaluationInstances), ("denseJacobianColumns", \.denseJacobianColumns),
        ]
    }

    /// A recursive cell's result back from a run's metrics (`<method>.<field>`).
    /// - Throws: ``BenchmarkError`` `.invalidArgument` when a method's numbers are missing.
    public static func recursiveResult(_ r: Result) throws -> RecursiveCellResult {
        let runs = try RecursiveMethod.allCases.map { method -> RecursiveRunResult in
            func value(_ name: String) throws -> Double {
                guard let v = r.metrics[method.rawValue + "." + name] else {
                    throw BenchmarkError.invalidArgument(
                        name: "metrics", reason: "the cell \(r.problem) lacks \(method.rawValue).\(name)")
                }
                return v
            }
            // A run of this method with every field zero, then the recorded numbers set exactly.
            let zeros = (recursiveFields.map(\.name) + recursiveCounts.map(\.name)).map { "\"\($0)\":0" }
            let skeleton = "{\"method\":\"\(method.rawValue)\"," + zeros.joined(separator: ",") + "}"
            var run = try JSONDecoder().decode(RecursiveRunResult.self, from: Data(skeleton.utf8))
            for (name, field) in recursiveFields { run[keyPath: field] = try value(name) }
            for (name, field) in recursiveCounts { run[keyPath: field] = Int(try value(name)) }
            run.lastSpectralRadius = r.metrics[method.rawValue + ".lastSpectralRadius"]
            return run
        }
        return RecursiveCellResult(runs: runs, rejected: Int(r.metrics["rejected"] ?? 0))
    }

    private static func recursive(_ p: [String: String], threads: Int?, log: (String) -> Void) throws -> Result {
        var s = try recursiveSettings(p)
        if let threads { s.threads = threads }
        let cell = try recursiveCell(p)
        let result = try RecursiveExperiment.runCell(cell, s, progress: log)
        return Result(
            problem: cell.description, method: "all", metrics: recursiveMetrics(result), timings: [:])
    }

    /// A recursive cell's numbers as metrics: `rejected`, and `<method>.<field>` for each run's
    /// numbers (``recursiveResult(_:)`` reads them back; the last fallback's message is not kept).
    static func recursiveMetrics(_ result: RecursiveCellResult) -> [String: Double] {
        var metrics: [String: Double] = ["rejected": Double(result.rejected)]
        for run in result.runs {
            let prefix = run.method.rawValue + "."
            for (name, field) in recursiveFields { metrics[prefix + name] = run[keyPath: field] }
            for (name, field) in recursiveCounts { metrics[prefix + name] = Double(run[keyPath: field]) }
            if let rho = run.lastSpectralRadius { metrics[prefix + "lastSpectralRadius"] = rho }
        }
        return metrics
    }
}
