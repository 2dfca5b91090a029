import DFLBenchmarks
import DFLReport
import DFLTraining

/// The smoothing paper's Fig. 3 / App. E–F: SCE and SqDE through the DYS layer against SPO+ with the
/// exact solver and SCE through the QP layer on larger shortest-path, knapsack and TSP instances
/// (regret and seconds per epoch), and solution caching (the exact solver called for a fraction
/// p ∈ {0, 5, 10}% of the instances, the best pooled solution otherwise).
///
/// Each (benchmark, variant, seed) is one cell of the plans `smoothing-scaling[-quick].yaml`, run
/// through the sweep engine like ``SmoothingTableOne``.
public enum SmoothingScaling {
    /// A method column: a training method and its solve ratio.
    public struct Variant: Sendable, Equatable {
        /// Label in tables and charts (`"SCE^DYS"`, `"SPO+ p=5%"`).
        public let label: String
        /// Method name for the trainer.
        public let method: String
        /// Fraction of instances solved exactly (1: always; PyEPO's `solve_ratio`).
        public let solveRatio: Double
    }

    /// A benchmark row: a problem, its family and size, and the smoothing of both layers.
    public typealias Benchmark = SmoothingBenchmark

    /// Fig. 3's four methods, then App. E's caching variants.
    public static let variants: [Variant] = [
        Variant(label: "SCE^DYS", method: "sce-dys", solveRatio: 1),
        Variant(label: "SqDE^DYS", method: "sqde-dys", solveRatio: 1),
        Variant(label: "SPO+", method: "spo+", solveRatio: 1),
        Variant(label: "SCE^QP", method: "sce-qp", solveRatio: 1),
        Variant(label: "SPO+ p=0%", method: "spo+", solveRatio: 0),
        Variant(label: "SPO+ p=5%", method: "spo+", solveRatio: 0.05),
        Variant(label: "SPO+ p=10%", method: "spo+", solveRatio: 0.1),
        Variant(label: "SCE p=5%", method: "sce", solveRatio: 0.05),
    ]

    /// The rows of the full run (larger than Table 1's).
    public static let benchmarks: [Benchmark] =
        [10, 15, 20, 25, 30].map { Benchmark.shortestPath($0, smoothing: 0.1) }
        + [30, 40, 50, 100].map { Benchmark.knapsack($0, smoothing: 1) }
        + [8, 10, 11].map { Benchmark.tsp($0, smoothing: 0.1) }

    /// Sizes of a run: Table 1's settings (readable directly, `s.train`) plus the DYS layer's.
    @dynamicMemberLookup
    public struct Settings: Sendable, Equatable {
        /// Instances, epochs, seeds, Adam step size (the authors' configs: 5e-3), batch, features, rows.
        public var sizes: SmoothingTableOne.Settings
        /// DYS step size α and iteration budget (tolerance 1e-6, last iterate returned).
        public var dysStepSize = 0.05, dysIterations = 100
        /// Rows to run instead of ``SmoothingScaling/benchmarks`` (e.g. a tiny problem in a test).
        public var customBenchmarks: [Benchmark]? = nil
        /// The full-size defaults: 500 / 500 instances, 8 epochs, seeds 1 and 2.
        public init() {
            sizes = SmoothingTableOne.Settings()
            sizes.train = 500
            sizes.test = 500
            sizes.epochs = 8
            sizes.seeds = [1, 2]
        }
        /// A field of ``sizes``.
        public subscript<T>(dynamicMember key: WritableKeyPath<SmoothingTableOne.Settings, T>) -> T {
            get { sizes[keyPath: key] }
            set { sizes[keyPath: key] = newValue }
        }
        /// A run of a minute or two: the smallest row of each family, 200/200 instances, 4 epochs.
        public static var quick: Settings {
            var s = Settings()
            s.train = 200
            s.test = 200
            s.epochs = 4
            s.seeds = [1]
            s.labels = ["SP (10×10)", "KP (30)", "TSP (8)"]
            return s
        }
        /// The sizes as a plan's settings: Table 1's plus `dys-step` and `dys-iterations`.
        public var planSettings: [String: String] {
            sizes.planSettings.merging(["dys-step": "\(dysStepSize)", "dys-iterations": "\(dysIterations)"]) { $1 }
        }
        /// The sizes read from a plan's settings (missing keys keep the defaults).
        /// - Throws: ``BenchmarkError`` `.invalidArgument` naming a key that is not a number.
        public init(planSettings p: [String: String]) throws {
            self.init()
            sizes = try SmoothingTableOne.Settings(planSettings: p)
            dysStepSize = try PlanSettings.double(p, "dys-step") ?? dysStepSize
            dysIterations = try PlanSettings.int(p, "dys-iterations") ?? dysIterations
        }
    }

    /// The outcome: a markdown report and SVG charts by file name.
    public struct Report: Sendable {
        /// The markdown report.
        public var markdown: String
        /// SVG documents keyed by file name (e.g. `smoothing-scaling-sp.svg`).
        public var charts: [String: String]
        /// All results.
        public var results: [SmoothingTableOne.Result]
    }

    /// Runs every (benchmark, variant, seed) in this process and returns the report over them
    /// (`dfl reproduce smoothing` runs the same cells as a plan and calls ``report(_:settings:)``).
    /// - Throws: ``TrainingError`` for bad sizes; solver and layer errors.
    public static func run(_ s: Settings, threads: Int = 2, log: (String) -> Void = { _ in }) throws -> Report {
        let results = try SmoothingSweep.run(
            rows: (s.customBenchmarks ?? benchmarks).filter { s.labels?.contains($0.label) ?? true },
            columns: variants.map(\.label), settings: s.sizes, threads: threads, log: log
        ) { c, _, k in configure(&c, variants[k], settings: s) }
        return report(results, settings: s)
    }

    /// The report over `results` (markdown, charts).
    public static func report(_ results: [SmoothingTableOne.Result], settings s: Settings) -> Report {
        Report(
            markdown: markdown(results, settings: s),
            charts: charts(results, benchmarks: s.customBenchmarks ?? benchmarks),
            results: results)
    }

    /// Runs one cell: the variant labelled `variant` on the row labelled `row` with `seed`.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` for an unknown row or variant; training errors.
    public static func cell(row: String, variant: String, seed: UInt64, settings s: Settings, threads: Int) throws
        -> SmoothingTableOne.Result
    {
        guard let b = (s.customBenchmarks ?? benchmarks).first(where: { $0.label == row }) else {
            throw BenchmarkError.invalidArgument(name: "row", reason: "no scaling row '\(row)'")
        }
        guard let v = variants.first(where: { $0.label == variant }) else {
            throw BenchmarkError.invalidArgument(name: "column", reason: "no scaling variant '\(variant)'")
        }
        return try SmoothingSweep.cell(b, column: v.label, seed: seed, settings: s.sizes, threads: threads) {
            configure(&$0, v, settings: s)
        }
    }

    private static func configure(_ c: inout TrainingConfiguration, _ v: Variant, settings s: Settings) {
        c.method = v.method
        c.solveRatio = v.solveRatio
        c.hyperparameters.dysStepSize = s.dysStepSize
        c.hyperparameters.dysIterations = s.dysIterations
    }

    /// Regret and seconds-per-epoch tables, and the paper's claims checked against them.
    public static func markdown(_ results: [SmoothingTableOne.Result], settings s: Settings) -> String {
        func cell(_ b: Benchmark, _ v: Variant, _ key: KeyPath<SmoothingTableOne.Result, Double>, digits: Int) -> String
        {
            guard let stats = SmoothingSweep.statistics(results, row: b.label, column: v.label, key) else { return "–" }
            return stats.count > 1 ? stats.formatted(digits: digits) : formatFixed(stats.mean, digits: digits)
        }
        let rows = (s.customBenchmarks ?? benchmarks).filter { b in results.contains { $0.benchmark == b.label } }
        var regret = TextTable(header: ["problem"] + variants.map(\.label))
        var time = TextTable(header: ["problem"] + variants.map(\.label))
        for b in rows {
            regret.add(row: [b.label] + variants.map { cell(b, $0, \.meanRelativeRegret, digits: 3) })
            time.add(row: [b.label] + variants.map { cell(b, $0, \.secondsPerEpoch, digits: 3) })
        }
        var md = "## Fig. 3 / App. E–F: larger instances, DYS vs QP vs exact, solution caching\n\n"
        md += "\(s.train) train / \(s.test) test, \(s.epochs) epochs, Adam \(s.learningRate), batch \(s.batchSize), "
        md +=
            "seeds \(s.seeds.map(String.init).joined(separator: ",")); DYS step \(s.dysStepSize), ≤ \(s.dysIterations) iterations "
        md +=
            "(Jacobian-free backward); μ = 0.1 (SP, TSP), 1 (KP) for both layers; p = fraction of instances solved exactly.\n\n"
        md +=
            "Normalized relative regret (Eq. 14, exact solver), mean ± sd over seeds:\n\n" + regret.markdown() + "\n\n"
        md += "Training seconds per epoch:\n\n" + time.markdown() + "\n\n"
        md +=
            "The paper's claims on these runs:\n\n"
            + claims(results, rows: rows).map { "- " + $0 }.joined(separator: "\n") + "\n"
        return md
    }

    /// Each claim of Fig. 3 / App. E–F stated with our numbers and whether it holds.
    static func claims(_ results: [SmoothingTableOne.Result], rows: [Benchmark]) -> [String] {
        func mean(_ b: Benchmark, _ label: String, _ key: KeyPath<SmoothingTableOne.Result, Double>) -> Double? {
            SmoothingSweep.statistics(results, row: b.label, column: label, key)?.mean
        }
        var out: [String] = []
        var sceBelowSqde: [String] = [], sceAboveSqde: [String] = []
        var near: [String] = [], far: [String] = []
        var faster: [String] = [], slower: [String] = []
        var cacheWorse: [String] = [], cacheBetter: [String] = []
        for b in rows {
            let f = { (x: Double) in formatFixed(x, digits: 3) }
            if let sce = mean(b, "SCE^DYS", \.meanRelativeRegret), let sqde = mean(b, "SqDE^DYS", \.meanRelativeRegret)
            {
                (sce <= sqde
                    ? { sceBelowSqde.append("\(b.label) \(f(sce)) vs \(f(sqde))") }
                    : { sceAboveSqde.append("\(b.label) \(f(sce)) vs \(f(sqde))") })()
            }
            if let sce = mean(b, "SCE^DYS", \.meanRelativeRegret), let spo = mean(b, "SPO+", \.meanRelativeRegret) {
                let text = "\(b.label) \(f(sce)) vs \(f(spo))"
                (sce <= spo * 1.1 + 0.005 ? { near.append(text) } : { far.append(text) })()
            }
            if let td = mean(b, "SCE^DYS", \.secondsPerEpoch), let ts = mean(b, "SPO+", \.secondsPerEpoch) {
                let text = "\(b.label) \(f(td)) vs \(f(ts)) s/epoch"
                (td < ts ? { faster.append(text) } : { slower.append(text) })()
            }
            if let p0 = mean(b, "SPO+ p=0%", \.meanRelativeRegret), let p5 = mean(b, "SPO+ p=5%", \.meanRelativeRegret)
            {
                let text = "\(b.label) \(f(p0)) vs \(f(p5))"
                (p0 > p5 ? { cacheWorse.append(text) } : { cacheBetter.append(text) })()
            }
        }
        func verdict(_ yes: [String], _ no: [String]) -> String {
            no.isEmpty
                ? "holds (\(yes.joined(separator: "; ")))"
                : yes.isEmpty
                    ? "does not hold (\(no.joined(separator: "; ")))"
                    : "holds on \(yes.joined(separator: "; ")); not on \(no.joined(separator: "; "))"
        }
        out.append("SCE^DYS has lower regret than SqDE^DYS: " + verdict(sceBelowSqde, sceAboveSqde))
        out.append(
            "SCE^DYS is about as good as SPO+ with the exact solver (within 10 % + 0.005): " + verdict(near, far))
        out.append(
            "DYS trains faster than SPO+ with the exact solver: " + verdict(faster, slower)
                + " — DFLKit's exact solvers are fast (µs per instance), unlike the Gurobi calls the paper timed")
        out.append("SPO+ with p = 0 % caching has higher regret than with p = 5 %: " + verdict(cacheWorse, cacheBetter))
        return out
    }

    /// Per family, regret against size and seconds per epoch against size (one line per variant).
    /// Keys are file names (`smoothing-scaling-sp-regret.svg`, ...).
    public static func charts(_ results: [SmoothingTableOne.Result], benchmarks: [Benchmark] = benchmarks) -> [String:
        String]
    {
        var out: [String: String] = [:]
        for family in ["SP", "KP", "TSP"] {
            let rows = benchmarks.filter { b in b.family == family && results.contains { $0.benchmark == b.label } }
            guard !rows.isEmpty else { continue }
            let axis = Benchmark.axisLabel(family: family)
            var regret = SVGLineChart(
                title: "Fig. 3, \(family): normalized relative regret", xLabel: axis,
                yLabel: "normalized relative regret (test)")
            var time = SVGLineChart(
                title: "Fig. 3, \(family): training time", xLabel: axis, yLabel: "seconds per epoch", logY: true)
            for v in variants {
                let points = rows.compactMap { b -> (x: Double, regret: SampleStatistics, seconds: Double)? in
                    guard
                        let regret = SmoothingSweep.statistics(
                            results, row: b.label, column: v.label, \.meanRelativeRegret),
                        let seconds = SmoothingSweep.statistics(
                            results, row: b.label, column: v.label, \.secondsPerEpoch)
                    else { return nil }
                    return (b.size, regret, max(seconds.mean, 1e-4))
                }
                guard !points.isEmpty else { continue }
                let xs = points.map(\.x)
                regret.add(
                    series: v.label, x: xs, y: points.map(\.regret.mean), errors: points.map(\.regret.standardDeviation)
                )
                time.add(series: v.label, x: xs, y: points.map(\.seconds))
            }
            out["smoothing-scaling-\(family.lowercased())-regret.svg"] = regret.svg()
            out["smoothing-scaling-\(family.lowercased())-time.svg"] = time.svg()
        }
        return out
    }
}
