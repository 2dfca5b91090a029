import DFLTraining
import DFLBenchmarks
import DFLReport
import Foundation

/// Table 1 of the smoothing paper (arXiv:2508.11365): normalized relative regret (Eq. 14, exact
/// solver) of MSE, PFY, SPO+ and SCE with the exact solver and of Regret, SPO+ and SCE through the
/// QP layer, on Top-K (50/80/100), shortest path (5×5/8×8/10×10), knapsack (10/20/40) and TSP (5/6/8).
///
/// Runs are resumable: every finished (benchmark, method, seed) appends one line to a CSV file at
/// once, and a rerun with the same settings skips the lines already there.
public enum SmoothingTableOne {
    /// One row of the table: a problem, the QP layer's smoothing μ and the paper's numbers.
    public struct Benchmark: Sendable {
        /// Row label as the paper prints it, e.g. `"SP (5×5)"`.
        public let label: String
        /// Family (`"Top-K"`, `"SP"`, `"KP"`, `"TSP"`), one chart each.
        public let family: String
        /// Size on the chart's x axis (items, grid side, items, nodes).
        public let size: Double
        /// The built-in problem.
        public let problem: BuiltinProblem
        /// `μ` of the QP layer (`ŷᵀv + μ‖v‖²`); not the paper's (unknown per size), see docs/smoothing.md.
        public let smoothing: Double
        /// The paper's cells, mean and standard deviation, in ``methods`` order.
        public let paper: [(mean: Double, sd: Double)]
    }

    /// Methods (columns) in the paper's order.
    public static let methods = ["two-stage", "pfyl", "spo+", "sce", "regret-qp", "spo+-qp", "sce-qp"]
    /// Column headers as the paper prints them.
    public static let headers = ["MSE", "PFY", "SPO+", "SCE", "Regret^QP", "SPO+^QP", "SCE^QP"]

    /// The twelve rows with the paper's Table 1 (mean ± sd over its runs).
    public static let benchmarks: [Benchmark] = [
        row("Top-K (50)", "Top-K", 50, .topK(items: 50, k: 1), 0.1,
            [(1.614, 0.874), (0.051, 0.006), (0.051, 0.006), (0.051, 0.006), (0.246, 0.439), (0.051, 0.006), (0.051, 0.006)]),
        row("Top-K (80)", "Top-K", 80, .topK(items: 80, k: 1), 0.1,
            [(1.622, 0.896), (0.018, 0.001), (0.018, 0.001), (0.018, 0.001), (0.419, 0.896), (0.018, 0.001), (0.018, 0.001)]),
        row("Top-K (100)", "Top-K", 100, .topK(items: 100, k: 1), 0.1,
            [(1.623, 0.9), (0.013, 0.001), (0.013, 0.001), (0.013, 0.001), (0.214, 0.45), (0.013, 0.001), (0.013, 0.001)]),
        row("SP (5×5)", "SP", 5, .shortestPath(rows: 5, columns: 5), 0.1,
            [(0.45, 0.124), (0.328, 0.037), (0.302, 0.042), (0.431, 0.06), (0.339, 0.035), (0.303, 0.044), (0.303, 0.032)]),
        row("SP (8×8)", "SP", 8, .shortestPath(rows: 8, columns: 8), 0.1,
            [(0.539, 0.064), (0.425, 0.048), (0.447, 0.038), (0.632, 0.082), (0.486, 0.041), (0.454, 0.031), (0.445, 0.036)]),
        row("SP (10×10)", "SP", 10, .shortestPath(rows: 10, columns: 10), 0.1,
            [(0.492, 0.113), (0.462, 0.118), (0.443, 0.103), (0.626, 0.165), (0.745, 0.174), (0.442, 0.105), (0.424, 0.111)]),
        row("KP (10)", "KP", 10, .knapsack(items: 10, dimensions: 2, capacity: 16.5), 1,
            [(0.129, 0.051), (0.098, 0.049), (0.101, 0.034), (0.163, 0.009), (0.197, 0.047), (0.11, 0.032), (0.104, 0.044)]),
        row("KP (20)", "KP", 20, .knapsack(items: 20, dimensions: 2, capacity: 33), 1,
            [(0.174, 0.037), (0.128, 0.035), (0.134, 0.037), (0.16, 0.035), (0.222, 0.075), (0.139, 0.027), (0.129, 0.029)]),
        row("KP (40)", "KP", 40, .knapsack(items: 40, dimensions: 2, capacity: 66), 1,
            [(0.176, 0.019), (0.149, 0.011), (0.142, 0.008), (0.17, 0.011), (0.217, 0.025), (0.153, 0.008), (0.146, 0.009)]),
        row("TSP (5)", "TSP", 5, .tsp(nodes: 5), 0.1,
            [(0.101, 0.036), (0.079, 0.032), (0.067, 0.028), (0.152, 0.05), (0.095, 0.029), (0.078, 0.027), (0.073, 0.026)]),
        row("TSP (6)", "TSP", 6, .tsp(nodes: 6), 0.1,
            [(0.111, 0.021), (0.06, 0.015), (0.059, 0.014), (0.161, 0.071), (0.069, 0.009), (0.081, 0.01), (0.059, 0.006)]),
        row("TSP (8)", "TSP", 8, .tsp(nodes: 8), 0.1,
            [(0.12, 0.008), (0.072, 0.011), (0.071, 0.013), (0.117, 0.021), (0.081, 0.01), (0.095, 0.011), (0.065, 0.012)]),
    ]

    private static func row(
        _ label: String, _ family: String, _ size: Double, _ problem: BuiltinProblem, _ mu: Double,
        _ paper: [(Double, Double)]
    ) -> Benchmark {
        Benchmark(label: label, family: family, size: size, problem: problem, smoothing: mu, paper: paper.map { (mean: $0.0, sd: $0.1) })
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
        /// The line that identifies these settings in a results CSV.
        var signature: String {
            "# settings: train=\(train) test=\(test) epochs=\(epochs) lr=\(learningRate) batch=\(batchSize) features=\(features)"
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

        /// The CSV header.
        public static let csvHeader = "benchmark,method,seed,mean_relative_regret,normalized_regret,seconds_per_epoch"
        /// One CSV line.
        public var csvLine: String {
            "\"\(benchmark)\",\(method),\(seed),\(meanRelativeRegret),\(normalizedRegret),\(secondsPerEpoch)"
        }
        /// Parses a line written by ``csvLine``.
        /// - Throws: ``TrainingError`` `.invalidData` naming the line.
        public init(csvLine line: String, number: Int) throws {
            guard line.first == "\"", let close = line.dropFirst().firstIndex(of: "\"") else {
                throw TrainingError.invalidData("results CSV line \(number): expected a quoted benchmark label: \(line)")
            }
            let label = String(line[line.index(after: line.startIndex)..<close])
            let rest = line[line.index(after: close)...].split(separator: ",", omittingEmptySubsequences: false).dropFirst()
            let f = Array(rest)
            guard f.count == 5, let seed = UInt64(f[1]), let m = Double(f[2]), let n = Double(f[3]), let t = Double(f[4]) else {
                throw TrainingError.invalidData("results CSV line \(number): expected 6 fields \(Result.csvHeader): \(line)")
            }
            self.init(benchmark: label, method: String(f[0]), seed: seed, meanRelativeRegret: m, normalizedRegret: n, secondsPerEpoch: t)
        }
        /// Creates a result.
        public init(benchmark: String, method: String, seed: UInt64, meanRelativeRegret: Double, normalizedRegret: Double, secondsPerEpoch: Double) {
            self.benchmark = benchmark
            self.method = method
            self.seed = seed
            self.meanRelativeRegret = meanRelativeRegret
            self.normalizedRegret = normalizedRegret
            self.secondsPerEpoch = secondsPerEpoch
        }
    }

    /// Reads the results already in `path` (none when the file does not exist).
    /// - Throws: ``TrainingError`` when the file was written with other settings or is malformed.
    public static func readResults(_ path: String, settings: Settings) throws -> [Result] {
        try ResultsCSV.read(path, signature: settings.signature)
    }

    /// Runs every (benchmark, method, seed) of `settings` that `csvPath` does not hold yet, appending
    /// each result to the file as soon as it finishes, and returns all results (old and new).
    /// - Throws: ``TrainingError`` for a CSV of other settings or bad sizes; solver and layer errors.
    public static func run(
        _ s: Settings, csvPath: String, threads: Int = 2, log: (String) -> Void = { _ in }
    ) throws -> [Result] {
        var results = try ResultsCSV.open(csvPath, signature: s.signature)
        let rows = benchmarks.filter { s.labels?.contains($0.label) ?? true }
        let total = rows.count * methods.count * s.seeds.count
        var done = 0
        for b in rows {
            for seed in s.seeds {
                let missing = methods.filter { m in !results.contains { $0.benchmark == b.label && $0.method == m && $0.seed == seed } }
                done += methods.count - missing.count
                if missing.isEmpty { continue }
                let (oracle, train, test) = try b.problem.makeData(
                    train: s.train, test: s.test, features: s.features, degree: 6, noise: 0.5, seed: seed, threads: threads)
                let relaxed = try b.problem.relaxation(
                    train: s.train, test: s.test, features: s.features, degree: 6, noise: 0.5, seed: seed)
                for method in missing {
                    var c = TrainingConfiguration()
                    c.method = method
                    c.epochs = s.epochs
                    c.batchSize = s.batchSize
                    c.learningRate = s.learningRate
                    c.seed = seed
                    c.threads = threads
                    c.evaluateEvery = s.epochs
                    c.predictor = b.problem.usesItemwisePredictor ? "itemwise" : "dense"
                    c.hyperparameters.smoothing = b.smoothing
                    let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle, relaxation: relaxed)
                    let r = try trainer.fit(train: train, test: test)
                    let result = Result(
                        benchmark: b.label, method: method, seed: seed, meanRelativeRegret: r.meanRelativeRegret,
                        normalizedRegret: r.normalizedRegret, secondsPerEpoch: r.secondsPerEpoch)
                    try ResultsCSV.append(result, to: csvPath)
                    results.append(result)
                    done += 1
                    log("[\(done)/\(total)] \(b.label) \(method) seed \(seed): \(formatFixed(r.meanRelativeRegret, digits: 4)) (\(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch)")
                }
            }
        }
        return results
    }

    /// Mean and sample standard deviation.
    static func meanSD(_ xs: [Double]) -> (mean: Double, sd: Double) {
        let mean = xs.reduce(0, +) / Double(max(xs.count, 1))
        let sd = xs.count > 1 ? (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count - 1)).squareRoot() : 0
        return (mean, sd)
    }

    /// The table (ours mean ± sd / paper mean ± sd) as markdown, plus a seconds-per-epoch table.
    public static func markdown(_ results: [Result]) -> String {
        var t = TextTable(header: ["problem"] + headers)
        var time = TextTable(header: ["problem"] + headers)
        for b in benchmarks where results.contains(where: { $0.benchmark == b.label }) {
            var cells = [b.label], times = [b.label]
            for (k, m) in methods.enumerated() {
                let rs = results.filter { $0.benchmark == b.label && $0.method == m }
                let paper = "\(formatFixed(b.paper[k].mean, digits: 3)) ± \(formatFixed(b.paper[k].sd, digits: 3))"
                if rs.isEmpty {
                    cells.append("– / \(paper)")
                    times.append("–")
                    continue
                }
                let (mean, sd) = meanSD(rs.map(\.meanRelativeRegret))
                cells.append("\(formatFixed(mean, digits: 3)) ± \(formatFixed(sd, digits: 3)) / \(paper)")
                times.append(formatFixed(meanSD(rs.map(\.secondsPerEpoch)).mean, digits: 3))
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
                title: "Smoothing paper Table 1, \(family): normalized relative regret", xLabel: family == "SP" ? "grid side" : (family == "TSP" ? "nodes" : "items"),
                yLabel: "normalized relative regret (test)")
            for (k, m) in methods.enumerated() {
                var xs: [Double] = [], ys: [Double] = [], es: [Double] = []
                for b in rows {
                    let rs = results.filter { $0.benchmark == b.label && $0.method == m }
                    guard !rs.isEmpty else { continue }
                    let (mean, sd) = meanSD(rs.map(\.meanRelativeRegret))
                    xs.append(b.size)
                    ys.append(mean)
                    es.append(sd)
                }
                if !xs.isEmpty { chart.add(series: headers[k], x: xs, y: ys, errors: es) }
            }
            out["smoothing-table1-\(family.lowercased()).svg"] = chart.svg()
        }
        return out
    }
}
