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

    /// A recursive cell's result back from a run's metrics (`<method>.<field>`).
    /// - Throws: ``BenchmarkError`` `.invalidArgument` when a method's numbers are missing.
    public static func recursiveResult(_ r: Result) throws -> RecursiveCellResult {
        let runs = try RecursiveMethod.allCases.map { method -> RecursiveRunResult in
            var fields: [String: Any] = ["method": method.rawValue]
            for (key, value) in r.metrics where key.hasPrefix(method.rawValue + ".") {
                let field = String(key.dropFirst(method.rawValue.count + 1))
                fields[field] = value.rounded() == value && abs(value) < 1e15 ? Int(value) as Any : value as Any
            }
            do {
                return try JSONDecoder().decode(
                    RecursiveRunResult.self, from: try JSONSerialization.data(withJSONObject: fields))
            } catch {
                throw BenchmarkError.invalidArgument(
                    name: "metrics", reason: "the cell \(r.problem) lacks the numbers of \(method.rawValue)")
            }
        }
        return RecursiveCellResult(runs: runs, rejected: Int(r.metrics["rejected"] ?? 0))
    }

    private static func recursive(_ p: [String: String], threads: Int?, log: (String) -> Void) throws -> Result {
        var s = try recursiveSettings(p)
        if let threads { s.threads = threads }
        let cell = try recursiveCell(p)
        let result = try RecursiveExperiment.runCell(cell, s, progress: log)
        return Result(
            problem: cell.description, method: "all", metrics: try recursiveMetrics(result), timings: [:])
    }

    /// A recursive cell's numbers as metrics: `rejected`, and `<method>.<field>` for every numeric
    /// field of each run (``recursiveResult(_:)`` reads them back).
    /// - Throws: an encoding error for a non-finite number.
    static func recursiveMetrics(_ result: RecursiveCellResult) throws -> [String: Double] {
        var metrics: [String: Double] = ["rejected": Double(result.rejected)]
        for run in result.runs {
            let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(run)) as? [String: Any] ?? [:]
            for (field, value) in object {
                if let number = value as? NSNumber {
                    metrics[run.method.rawValue + "." + field] = number.doubleValue
                }
            }
        }
        return metrics
    }
}
