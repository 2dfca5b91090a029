import DFLBenchmarks
import DFLReport
import DFLTraining
import Foundation

/// Table 1 of the smoothing paper (arXiv:2508.11365): normalized relative regret (Eq. 14, exact
/// solver) of MSE, PFY, SPO+ and SCE with the exact solver and of Regret, SPO+ and SCE through the
/// QP layer, on Top-K (50/80/100), shortest path (5×5/8×8/10×10), knapsack (10/20/40) and TSP (5/6/8).
///
/// Each (benchmark, method, seed) is one cell of the plans `smoothing-table1[-quick].yaml`, which
/// `dfl reproduce smoothing` runs through the sweep engine into the run store (resumable, sharded).
public enum SmoothingTableOne {
    /// One row of the table (the paper's numbers are in `smoothing-paper.json`, see ``paper(for:)``).
    public typealias Benchmark = SmoothingBenchmark

    /// Methods (columns) in the paper's order.
    public static let methods = ["two-stage", "pfyl", "spo+", "sce", "regret-qp", "spo+-qp", "sce-qp"]
    /// Column headers as the paper prints them (the keys of `smoothing-paper.json`'s Table 1).
    public static let headers = ["MSE", "PFY", "SPO+", "SCE", "Regret^QP", "SPO+^QP", "SCE^QP"]

    /// The paper's twelve rows (problems and the QP layer's μ per row).
    public static let benchmarks: [Benchmark] =
        [50, 80, 100].map { Benchmark.topK($0, smoothing: 0.1) }
        + [5, 8, 10].map { Benchmark.shortestPath($0, smoothing: 0.1) }
        + [10, 20, 40].map { Benchmark.knapsack($0, smoothing: 1) }
        + [5, 6, 8].map { Benchmark.tsp($0, smoothing: 0.1) }

    /// The paper's Table 1 cells (mean ± sd over its runs) of `benchmark`, in ``methods`` order.
    /// - Throws: ``PaperNumbersError`` naming the row or column missing from `smoothing-paper.json`.
    public static func paper(for benchmark: Benchmark) throws -> [SmoothingPaperNumbers.MeanSD] {
        let row = try PaperNumbers.smoothing.table1.rows.value(benchmark.label)
        return try headers.map { try row.value($0) }
    }

    /// Sizes of a run.
    public struct Settings: Sendable, Equatable {
        /// Training / test instances per benchmark and seed.
        public var train = 1000, test = 1000
        /// Epochs per method (the authors' configs: 25).
        public var epochs = 25
        /// Seeds (one data set and one training run per seed and method).
        public var seeds: [UInt64] = [1, 2, 3]
        /// Adam step size (the authors' configs: 5e-3).
        public var learningRate = 5e-3
        /// Mini-batch size (the authors' configs: 32).
        public var batchSize = 32
        /// PyEPO feature count p (SP/KP/TSP).
        public var features = 5
        /// Only these rows (by label), all when nil.
        public var labels: [String]? = nil
        /// The full-size defaults.
        public init() {}
        /// A run of about a minute: 500/500 instances, 10 epochs, one seed, one size per family.
        public static var quick: Settings {
            var s = Settings()
            s.train = 500
            s.test = 500
            s.epochs = 10
            s.seeds = [1]
            s.labels = ["Top-K (50)", "SP (5×5)", "KP (10)", "TSP (5)"]
            return s
        }
        /// The sizes as a plan's settings (`train`, `test`, `epochs`, `lr`, `batch`, `features`).
        public var planSettings: [String: String] {
            [
                "train": "\(train)", "test": "\(test)", "epochs": "\(epochs)", "lr": "\(learningRate)",
                "batch": "\(batchSize)", "features": "\(features)",
            ]
        }
        /// The sizes read from a plan's settings (missing keys keep the defaults; ``seeds`` and
        /// ``labels`` are not read).
        /// - Throws: ``BenchmarkError`` `.invalidArgument` naming a key that is not a number.
        public init(planSettings p: [String: String]) throws {
            self.init()
            train = try PlanSettings.int(p, "train") ?? train
            test = try PlanSettings.int(p, "test") ?? test
            epochs = try PlanSettings.int(p, "epochs") ?? epochs
            learningRate = try PlanSettings.double(p, "lr") ?? learningRate
            batchSize = try PlanSettings.int(p, "batch") ?? batchSize
            features = try PlanSettings.int(p, "features") ?? features
        }
    }

    /// One finished training run.
    public struct Result: Sendable, Equatable {
        /// Row label of the benchmark.
        public var benchmark: String
        /// Method name.
        public var method: String
        /// Seed.
        public var seed: UInt64
        /// Normalized relative regret (Eq. 14) on the test set.
        public var meanRelativeRegret: Double
        /// PyEPO's normalized regret on the test set.
        public var normalizedRegret: Double
        /// Training seconds per epoch.
        public var secondsPerEpoch: Double

        /// Creates a result.
        public init(
            benchmark: String, method: String, seed: UInt64, meanRelativeRegret: Double, normalizedRegret: Double,
            secondsPerEpoch: Double
        ) {
            self.benchmark = benchmark
            self.method = method
            self.seed = seed
            self.meanRelativeRegret = meanRelativeRegret
            self.normalizedRegret = normalizedRegret
            self.secondsPerEpoch = secondsPerEpoch
        }
    }

    /// Runs every (benchmark, method, seed) of `settings` in this process, row by row, and returns
    /// the results (`dfl reproduce smoothing` runs the same cells as a plan).
    /// - Throws: ``TrainingError`` for bad sizes; solver and layer errors.
    public static func run(_ s: Settings, threads: Int = 2, log: (String) -> Void = { _ in }) throws -> [Result] {
        try SmoothingSweep.run(
            rows: benchmarks.filter { s.labels?.contains($0.label) ?? true }, columns: methods, settings: s,
            threads: threads, log: log
        ) { c, b, k in configure(&c, b, method: methods[k]) }
    }

    /// Runs one cell: `method` on the row labelled `row` with `seed`.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` for an unknown row or method; training errors.
    public static func cell(row: String, method: String, seed: UInt64, settings s: Settings, threads: Int) throws
        -> Result
    {
        guard let b = benchmarks.first(where: { $0.label == row }) else {
            throw BenchmarkError.invalidArgument(name: "row", reason: "no Table 1 row '\(row)'")
        }
        guard methods.contains(method) else {
            throw BenchmarkError.invalidArgument(name: "column", reason: "no Table 1 method '\(method)'")
        }
        return try SmoothingSweep.cell(b, column: method, seed: seed, settings: s, threads: threads) {
            configure(&$0, b, method: method)
        }
    }

    private static func configure(_ c: inout TrainingConfiguration, _ b: Benchmark, method: String) {
        c.method = method
        c.predictor = b.problem.usesItemwisePredictor ? "itemwise" : "dense"
    }

    /// The table (ours mean ± sd / paper mean ± sd) as markdown, plus a seconds-per-epoch table.
    /// - Throws: ``PaperNumbersError`` when a row of the results has no paper cells.
    public static func markdown(_ results: [Result]) throws -> String {
        var t = TextTable(header: ["problem"] + headers)
        var time = TextTable(header: ["problem"] + headers)
        for b in benchmarks where results.contains(where: { $0.benchmark == b.label }) {
            var cells = [b.label], times = [b.label]
            for (k, paper) in try paper(for: b).enumerated() {
                let printed = formatMeanSD(paper.mean, paper.sd, digits: 3)
                guard
                    let regret = SmoothingSweep.statistics(
                        results, row: b.label, column: methods[k], \.meanRelativeRegret),
                    let seconds = SmoothingSweep.statistics(
                        results, row: b.label, column: methods[k], \.secondsPerEpoch)
                else {
                    cells.append("– / \(printed)")
                    times.append("–")
                    continue
                }
                cells.append("\(regret.formatted(digits: 3)) / \(printed)")
                times.append(formatFixed(seconds.mean, digits: 3))
            }
            t.add(row: cells)
            time.add(row: times)
        }
        return "Normalized relative regret (Eq. 14), DFLKit mean ± sd over seeds / paper:\n\n" + t.markdown()
            + "\n\nTraining seconds per epoch (DFLKit, mean over seeds):\n\n" + time.markdown()
    }

    /// One chart per family: regret against size, one line per method (error bars: sd over seeds).
    /// Keys are file names (`smoothing-table1-sp.svg`, ...).
    public static func charts(_ results: [Result]) -> [String: String] {
        var out: [String: String] = [:]
        for family in ["Top-K", "SP", "KP", "TSP"] {
            let rows = benchmarks.filter { b in b.family == family && results.contains { $0.benchmark == b.label } }
            guard !rows.isEmpty else { continue }
            var chart = SVGLineChart(
                title: "Smoothing paper Table 1, \(family): normalized relative regret",
                xLabel: Benchmark.axisLabel(family: family),
                yLabel: "normalized relative regret (test)")
            for (k, m) in methods.enumerated() {
                let points = rows.compactMap { b in
                    SmoothingSweep.statistics(results, row: b.label, column: m, \.meanRelativeRegret).map {
                        (b.size, $0)
                    }
                }
                if !points.isEmpty {
                    chart.add(
                        series: headers[k], x: points.map(\.0), y: points.map(\.1.mean),
                        errors: points.map(\.1.standardDeviation))
                }
            }
            out["smoothing-table1-\(family.lowercased()).svg"] = chart.svg()
        }
        return out
    }
}
