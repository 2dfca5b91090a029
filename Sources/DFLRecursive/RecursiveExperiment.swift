import DFLReport

/// `dfl reproduce recursive`: the R-DFL paper's newsvendor comparison (Table 1, MLP rows) and the
/// unrolling-depth sensitivity (Fig. 4), on DFLKit's reconstructed benchmark.
public enum RecursiveExperiment {
    /// The paper's Table 1 newsvendor numbers: decision RMSE and seconds per epoch (GPU machine).
    public static let paperNewsvendor: [RecursiveMethod: [(rmse: Double, seconds: Double?)]] = [
        .pto: [(12.771, nil), (12.747, nil), (12.684, nil)],
        .sequential: [(12.245, nil), (12.536, nil), (12.649, nil)],
        .unrolled: [(8.983, 135), (9.173, 369), (9.343, 422)],
        .implicit: [(8.831, 118), (9.106, 254), (9.327, 369)],
    ]

    /// The paper's Table 1 matching numbers (sizes 4, 15, 30).
    public static let paperMatching: [RecursiveMethod: [(rmse: Double, seconds: Double?)]] = [
        .pto: [(0.412, nil), (0.232, nil), (0.190, nil)],
        .sequential: [(0.408, nil), (0.231, nil), (0.187, nil)],
        .unrolled: [(0.396, 65), (0.222, 432), (0.170, 2704)],
        .implicit: [(0.398, 26), (0.220, 65), (0.171, 1867)],
    ]

    /// The paper's Table 2 newsvendor (large) numbers per predictor: RMSE and seconds per epoch.
    public static let paperSequence: [PredictorKind: [RecursiveMethod: (rmse: Double, seconds: Double?)]] = [
        .lstm: [.pto: (12.034, nil), .sequential: (12.693, nil), .unrolled: (10.112, 531), .implicit: (10.104, 355)],
        .rnn: [.pto: (12.842, nil), .sequential: (12.583, nil), .unrolled: (10.872, 510), .implicit: (10.810, 340)],
        .transformer: [.pto: (14.071, nil), .sequential: (14.040, nil), .unrolled: (11.231, 561), .implicit: (11.332, 360)],
    ]

    /// Settings of a reproduction.
    public struct Settings: Sendable {
        /// Newsvendor sizes.
        public var sizes = [10, 50, 100]
        /// Seeds (paper: 5).
        public var seeds: [UInt64] = [1, 2, 3, 4, 5]
        /// Training instances.
        public var trainCount = 700
        /// Test instances.
        public var testCount = 200
        /// Training settings.
        public var training = RecursiveTrainingConfiguration()
        /// Unrolling depths for the sensitivity chart.
        public var depths = [1, 2, 5, 10, 20]
        /// Matching sizes (paper: 4, 15, 30; 30 needs a 900-variable dense QP per solve).
        public var matchingSizes = [4, 15]
        /// Matching instances (train, test).
        public var matchingCounts = (train: 200, test: 100)
        /// Size for the sequence-predictor table (paper: large = 100; 50 here keeps the run to
        /// minutes on 2 CPU cores, since the recurrent bodies unroll over the products).
        public var sequenceSize = 50
        /// Seeds for the sequence-predictor table.
        public var sequenceSeeds: [UInt64] = [1, 2]

        /// Full settings.
        public init() {}

        /// A version that finishes in a few minutes.
        public static var quick: Settings {
            var s = Settings()
            s.sizes = [10, 50]
            s.seeds = [1, 2]
            s.trainCount = 200
            s.testCount = 100
            s.training.epochs = 10
            s.depths = [1, 2, 5, 10]
            s.sequenceSize = 20
            s.sequenceSeeds = [1]
            s.matchingSizes = [4]
            s.matchingCounts = (train: 100, test: 50)
            return s
        }
    }

    /// The outcome: rows of (size, method, mean/sd RMSE, mean s/epoch) and the depth sweep.
    public struct Report: Sendable {
        /// Markdown table beside the paper.
        public var markdown: String
        /// The depth-sensitivity chart.
        public var chart: SVGLineChart
        /// Raw results per size and method (one per seed).
        public var results: [Int: [RecursiveMethod: [RecursiveRunResult]]]
    }

    static func meanSD(_ xs: [Double]) -> (Double, Double) {
        let m = xs.reduce(0, +) / Double(max(xs.count, 1))
        let v = xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(xs.count - 1, 1))
        return (m, v.squareRoot())
    }

    /// Runs everything; `progress` receives one line per finished run.
    public static func run(_ s: Settings, progress: (String) -> Void = { _ in }) throws -> Report {
        var results: [Int: [RecursiveMethod: [RecursiveRunResult]]] = [:]
        for n in s.sizes {
            for seed in s.seeds {
                let bench = NewsvendorBenchmark(products: n, seed: seed)
                let train = bench.sample(count: s.trainCount, seed: seed &+ 100)
                let test = bench.sample(count: s.testCount, seed: seed &+ 200)
                for method in RecursiveMethod.allCases {
                    var c = s.training
                    c.seed = seed
                    let r = try NewsvendorTrainer(benchmark: bench, configuration: c).run(method, train: train, test: test)
                    results[n, default: [:]][method, default: []].append(r)
                    progress("newsvendor n=\(n) seed \(seed) \(method.rawValue): RMSE \(formatFixed(r.decisionRMSE, digits: 3)), \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
                }
            }
        }
        var table = TextTable(header: ["size", "method", "RMSE (DFLKit)", "s/epoch (DFLKit)", "RMSE (paper)", "s/epoch (paper)", "implicit fallbacks"])
        for n in s.sizes {
            let paperIndex = [10: 0, 50: 1, 100: 2][n]
            for method in RecursiveMethod.allCases {
                let rs = results[n]?[method] ?? []
                let (m, sd) = meanSD(rs.map(\.decisionRMSE))
                let secs = rs.map(\.secondsPerEpoch).reduce(0, +) / Double(max(rs.count, 1))
                let paper = paperIndex.flatMap { paperNewsvendor[method]?[$0] }
                table.add(row: [
                    "\(n)", method.rawValue, formatMeanSD(m, sd, digits: 3), formatFixed(secs, digits: 3),
                    paper.map { formatFixed($0.rmse, digits: 3) } ?? "–", paper?.seconds.map { formatFixed($0, digits: 0) } ?? "–",
                    "\(rs.map(\.implicitFallbacks).reduce(0, +))",
                ])
            }
        }
        // Depth sensitivity on the smallest size, first seed: RMSE and s/epoch of R-DFL-U vs R-DFL-I.
        var chart = SVGLineChart(title: "Unrolling depth K (newsvendor n=\(s.sizes[0]))", xLabel: "K", yLabel: "seconds per epoch")
        var depthTable = TextTable(header: ["K", "R-DFL-U RMSE", "R-DFL-U s/epoch", "R-DFL-I RMSE", "R-DFL-I s/epoch"])
        let n0 = s.sizes[0], seed0 = s.seeds[0]
        let bench = NewsvendorBenchmark(products: n0, seed: seed0)
        let train = bench.sample(count: s.trainCount, seed: seed0 &+ 100)
        let test = bench.sample(count: s.testCount, seed: seed0 &+ 200)
        var uTimes: [Double] = [], iTimes: [Double] = []
        for k in s.depths {
            var c = s.training
            c.seed = seed0
            c.unrollSteps = k
            c.epochs = max(2, s.training.epochs / 3)
            let u = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.unrolled, train: train, test: test)
            let i = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
            uTimes.append(u.secondsPerEpoch)
            iTimes.append(i.secondsPerEpoch)
            depthTable.add(row: ["\(k)", formatFixed(u.decisionRMSE, digits: 3), formatFixed(u.secondsPerEpoch, digits: 3),
                formatFixed(i.decisionRMSE, digits: 3), formatFixed(i.secondsPerEpoch, digits: 3)])
            progress("depth K=\(k): R-DFL-U \(formatFixed(u.secondsPerEpoch, digits: 3)) s/epoch, R-DFL-I \(formatFixed(i.secondsPerEpoch, digits: 3)) s/epoch")
        }
        chart.add(series: "R-DFL-U", x: s.depths.map(Double.init), y: uTimes)
        chart.add(series: "R-DFL-I (K only caps the fallback)", x: s.depths.map(Double.init), y: iTimes)
        // Table 1, matching.
        var matchTable = TextTable(header: ["size", "method", "RMSE (DFLKit)", "s/epoch (DFLKit)", "RMSE (paper)", "s/epoch (paper)"])
        for n in s.matchingSizes {
            var byMethod: [RecursiveMethod: [RecursiveRunResult]] = [:]
            for seed in s.seeds {
                let bench = try MatchingBenchmark(size: n)
                let train = try bench.sample(count: s.matchingCounts.train, seed: seed &+ 300)
                let test = try bench.sample(count: s.matchingCounts.test, seed: seed &+ 400)
                for method in RecursiveMethod.allCases {
                    var c = s.training
                    c.seed = seed
                    let r = try RecursiveTrainer(benchmark: bench, configuration: c).run(method, train: train, test: test)
                    byMethod[method, default: []].append(r)
                    progress("matching \(n)x\(n) seed \(seed) \(method.rawValue): RMSE \(formatFixed(r.decisionRMSE, digits: 4)), \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
                }
            }
            let paperIndex = [4: 0, 15: 1, 30: 2][n]
            for method in RecursiveMethod.allCases {
                let rs = byMethod[method] ?? []
                let (m, sd) = meanSD(rs.map(\.decisionRMSE))
                let paper = paperIndex.flatMap { paperMatching[method]?[$0] }
                matchTable.add(row: ["\(n)x\(n)", method.rawValue, formatMeanSD(m, sd, digits: 4),
                    formatFixed(rs.map(\.secondsPerEpoch).reduce(0, +) / Double(max(rs.count, 1)), digits: 3),
                    paper.map { formatFixed($0.rmse, digits: 3) } ?? "–", paper?.seconds.map { formatFixed($0, digits: 0) } ?? "–"])
            }
        }
        // Table 2: sequence predictors on the large size.
        var seqTable = TextTable(header: ["predictor", "method", "RMSE (DFLKit)", "s/epoch (DFLKit)", "RMSE (paper)", "s/epoch (paper)"])
        for kind in [PredictorKind.lstm, .rnn, .transformer] {
            var byMethod: [RecursiveMethod: [RecursiveRunResult]] = [:]
            for seed in s.sequenceSeeds {
                let bench = NewsvendorBenchmark(products: s.sequenceSize, seed: seed)
                let train = bench.sample(count: s.trainCount, seed: seed &+ 100)
                let test = bench.sample(count: s.testCount, seed: seed &+ 200)
                for method in RecursiveMethod.allCases {
                    var c = s.training
                    c.seed = seed
                    c.predictor = kind
                    let r = try NewsvendorTrainer(benchmark: bench, configuration: c).run(method, train: train, test: test)
                    byMethod[method, default: []].append(r)
                    progress("\(kind.rawValue) n=\(s.sequenceSize) seed \(seed) \(method.rawValue): RMSE \(formatFixed(r.decisionRMSE, digits: 3)), \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
                }
            }
            for method in RecursiveMethod.allCases {
                let rs = byMethod[method] ?? []
                let (m, sd) = meanSD(rs.map(\.decisionRMSE))
                let paper = paperSequence[kind]?[method]
                seqTable.add(row: [kind.rawValue, method.rawValue, formatMeanSD(m, sd, digits: 3),
                    formatFixed(rs.map(\.secondsPerEpoch).reduce(0, +) / Double(max(rs.count, 1)), digits: 3),
                    paper.map { formatFixed($0.rmse, digits: 3) } ?? "–", paper?.seconds.map { formatFixed($0, digits: 0) } ?? "–"])
            }
        }
        let md = """
            ## R-DFL, newsvendor (DFLKit reconstruction), MLP predictor

            Decision RMSE on the test set, mean ± sd over \(s.seeds.count) seeds; \(s.trainCount) train / \(s.testCount) test
            instances, \(s.training.epochs) epochs, batch \(s.training.batchSize), Adam \(s.training.learningRate), K = \(s.training.unrollSteps).
            The paper's numbers come from its own (unpublished) data and a GPU machine: compare the ordering, not the values.

            \(table.markdown())

            ### Bipartite matching (DFLKit reconstruction, synthetic stand-in for NYC TLC)

            \(matchTable.markdown())

            ### Sequence predictors (n = \(s.sequenceSize), \(s.sequenceSeeds.count) seed(s); paper: Table 2, n = 100)

            \(seqTable.markdown())

            ### Unrolling depth (n = \(n0), seed \(seed0), \(max(2, s.training.epochs / 3)) epochs)

            \(depthTable.markdown())

            """
        return Report(markdown: md, chart: chart, results: results)
    }
}
