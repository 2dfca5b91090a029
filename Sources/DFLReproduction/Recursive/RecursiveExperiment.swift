import DFLBenchmarks
import DFLNN
import DFLReport
import DFLTraining

/// `dfl reproduce recursive`: the R-DFL paper's newsvendor comparison (Table 1, MLP rows) and the
/// unrolling-depth sensitivity (Fig. 4), on DFLKit's reconstructed benchmark.
public enum RecursiveExperiment {
    /// The paper's Table 1 newsvendor numbers by product count (`recursive-paper.json`).
    public static var paperNewsvendor: RecursivePaperNumbers.SizeTable {
        get throws { try PaperNumbers.recursive.newsvendor }
    }
    /// The paper's Table 1 matching numbers by market size (sizes 4, 15, 30).
    public static var paperMatching: RecursivePaperNumbers.SizeTable {
        get throws { try PaperNumbers.recursive.matching }
    }
    /// The paper's Table 2 numbers (large newsvendor) by predictor.
    public static var paperSequence: RecursivePaperNumbers.PredictorTable {
        get throws { try PaperNumbers.recursive.sequence }
    }

    /// The parts of a reproduction (`dfl reproduce recursive --part …`).
    public enum Part: String, Sendable, CaseIterable {
        /// Table 1, newsvendor, MLP.
        case newsvendor
        /// Fig. 4: unrolling-depth sensitivity.
        case depth
        /// Table 1, bipartite matching, MLP, the sizes of ``Settings/matching``.
        case matching
        /// Table 1, bipartite matching, MLP, the sizes of ``Settings/largeMatching`` (30×30).
        case matching30
        /// Table 2: RNN / LSTM / Transformer predictors on the large newsvendor.
        case sequence
        /// Issue item 6: per-epoch time of R-DFL-I vs R-DFL-U with work counters.
        case speed
    }

    /// Data and training budget of one table.
    public struct Budget: Sendable {
        /// Training instances.
        public var train: Int
        /// Test instances.
        public var test: Int
        /// Epochs.
        public var epochs: Int
        /// Seeds.
        public var seeds: [UInt64]

        /// Creates a budget.
        public init(train: Int, test: Int, epochs: Int, seeds: [UInt64]) {
            self.train = train
            self.test = test
            self.epochs = epochs
            self.seeds = seeds
        }

        var text: String { "\(seeds.count) seed(s), \(train) train / \(test) test, \(epochs) epochs" }
    }

    /// Settings of a reproduction.
    public struct Settings: Sendable {
        /// Which parts to run.
        public var parts = Set(Part.allCases)
        /// Newsvendor sizes.
        public var sizes = [10, 50, 100]
        /// Seeds (paper: 5).
        public var seeds: [UInt64] = [1, 2, 3, 4, 5]
        /// Training instances.
        public var trainCount = 700
        /// Test instances.
        public var testCount = 200
        /// Training settings (R-DFL-I at the paper's tolerances, ``RecursiveTrainingConfiguration/paperImplicit``).
        public var training = RecursiveTrainingConfiguration.paperImplicit
        /// Worker threads of the matching QP batches (default: all cores).
        public var threads = Int.max
        /// Unrolling depths of the speed part.
        public var speedDepths = [5, 10, 20]
        /// Unrolling depths for the sensitivity chart.
        public var depths = [1, 2, 5, 10, 20]
        /// Matching sizes (paper: 4, 15, 30) and the budget of each.
        public var matching: [(size: Int, budget: Budget)] = [
            (4, Budget(train: 200, test: 100, epochs: 30, seeds: [1, 2, 3, 4, 5])),
            (15, Budget(train: 48, test: 24, epochs: 5, seeds: [1, 2, 3, 4, 5])),
        ]
        /// The large matching sizes (run as their own part) and their budgets.
        public var largeMatching: [(size: Int, budget: Budget)] = [
            (30, Budget(train: 48, test: 24, epochs: 3, seeds: [1, 2, 3, 4, 5]))
        ]
        /// Size (paper: large = 100) and budget of the sequence-predictor table.
        public var sequence: (size: Int, budget: Budget) = (
            100, Budget(train: 80, test: 40, epochs: 5, seeds: [1, 2, 3, 4, 5])
        )
        /// Speed benchmark: matching size, newsvendor size, and the budget (first seed only).
        public var speed: (matchingSize: Int, newsvendorSize: Int, budget: Budget) =
            (30, 100, Budget(train: 32, test: 16, epochs: 2, seeds: [1]))

        /// Full settings.
        public init() {}

        /// These settings with every seed list renumbered to start at `first`: a list of k seeds
        /// becomes `first, first + 1, …, first + k − 1` (the defaults start at 1).
        public func startingSeeds(at first: UInt64) -> Settings {
            func renumber(_ seeds: [UInt64]) -> [UInt64] { seeds.indices.map { first &+ UInt64($0) } }
            func renumber(_ budget: Budget) -> Budget {
                var b = budget
                b.seeds = renumber(b.seeds)
                return b
            }
            var s = self
            s.seeds = renumber(seeds)
            s.matching = matching.map { ($0.size, renumber($0.budget)) }
            s.largeMatching = largeMatching.map { ($0.size, renumber($0.budget)) }
            s.sequence.budget = renumber(sequence.budget)
            s.speed.budget = renumber(speed.budget)
            return s
        }

        /// A version that finishes in a few minutes.
        public static var quick: Settings {
            var s = Settings()
            s.sizes = [10, 50]
            s.seeds = [1, 2]
            s.trainCount = 200
            s.testCount = 100
            s.training.epochs = 10
            s.depths = [1, 2, 5, 10]
            s.sequence = (20, Budget(train: 200, test: 100, epochs: 10, seeds: [1]))
            s.matching = [(4, Budget(train: 100, test: 50, epochs: 10, seeds: [1, 2]))]
            s.largeMatching = [(6, Budget(train: 32, test: 16, epochs: 2, seeds: [1]))]
            s.speed = (4, 50, Budget(train: 32, test: 16, epochs: 2, seeds: [1]))
            return s
        }
    }

    /// The outcome: markdown tables, the depth chart, raw newsvendor results.
    public struct Report: Sendable {
        /// Markdown tables beside the paper.
        public var markdown: String
        /// The depth-sensitivity chart (when the depth part ran).
        public var chart: SVGLineChart?
        /// Raw newsvendor results per size and method (one per seed).
        public var results: [Int: [RecursiveMethod: [RecursiveRunResult]]]
    }

    /// The table cells on a method's work: implicit fallbacks, Φ evaluations per batch, and
    /// vector–Jacobian products per batch (backward + contraction check).
    static func workCells(_ method: RecursiveMethod, _ rs: [RecursiveRunResult], unrollSteps: Int) -> [String] {
        [
            "\(rs.map(\.implicitFallbacks).reduce(0, +))",
            "\(rs.map(\.evaluationFallbacks).reduce(0, +))/\(rs.map(\.evaluationInstances).reduce(0, +))",
            method == .implicit
                ? formatFixed(mean(rs.map(\.forwardEvaluationsPerBatch)), digits: 1)
                : method == .unrolled ? "\(unrollSteps)" : method == .sequential ? "1" : "0",
            method == .implicit
                ? formatFixed(mean(rs.map(\.backwardPullbacksPerBatch)), digits: 1) + " + "
                    + formatFixed(mean(rs.map(\.contractionPullbacksPerBatch)), digits: 1)
                : method == .unrolled ? "\(unrollSteps) (one reverse pass)" : "–",
        ]
    }

    static func mean(_ xs: [Double]) -> Double { SampleStatistics.mean(xs) }

    /// One sentence on R-DFL-I's settings and what the fallback columns count.
    static func implicitSettingsText(_ c: RecursiveTrainingConfiguration) -> String {
        let kind = c.implicitRelativeTolerances ? "relative" : "absolute"
        return
            "R-DFL-I: forward tolerance \(c.implicitForwardTolerance), backward tolerance \(c.implicitBackwardTolerance) "
            + "(\(kind)), ρ check \(c.contractionCheck.rawValue). \"implicit fallbacks\": training batches that fell "
            + "back (fixed point failed, backward truncated to K terms, or update skipped); \"test fallbacks\": test "
            + "instances whose fixed point did not converge (tolerance \(c.evaluationTolerance)) and were scored with "
            + "their K-step output."
    }

    /// The paper's cell of `method` in the row `row` of `table` (nil when the paper has no such row),
    /// and the table cells of one method's runs: RMSE mean ± sd, mean s/epoch, the paper's RMSE and s/epoch.
    static func comparisonCells(
        _ rs: [RecursiveRunResult], paper row: PaperKeyed<RecursivePaperNumbers.Cell>?, method: RecursiveMethod,
        digits: Int
    ) throws -> [String] {
        let paper = try row?.value(method.rawValue)
        return [
            SampleStatistics(rs.map(\.decisionRMSE)).formatted(digits: digits),
            formatFixed(mean(rs.map(\.secondsPerEpoch)), digits: 3),
            paper.map { formatFixed($0.rmse, digits: 3) } ?? "–",
            paper?.seconds.map { formatFixed($0, digits: 0) } ?? "–",
        ]
    }

    /// Runs the selected parts in this process; `progress` receives one line per finished run
    /// (`dfl reproduce recursive` runs the tables' cells as a plan and calls
    /// ``report(_:progress:cell:)``).
    public static func run(_ s: Settings, progress: (String) -> Void = { _ in }) throws -> Report {
        try report(s, progress: progress) { try runCell($0, s, progress: progress) }
    }

    /// The parts whose runs are plan cells (``RecursiveCell``); depth and speed measure time and
    /// run in-process, one run after the other.
    public static let plannedParts: [Part] = [.newsvendor, .matching, .matching30, .sequence]

    /// The cells of the selected planned parts, in the order the tables run them.
    public static func cells(_ s: Settings) -> [RecursiveCell] {
        var out: [RecursiveCell] = []
        if s.parts.contains(.newsvendor) {
            for n in s.sizes { out += s.seeds.map { RecursiveCell(part: .newsvendor, size: n, seed: $0) } }
        }
        for (part, sizes) in [(Part.matching, s.matching), (.matching30, s.largeMatching)] where s.parts.contains(part)
        {
            for (n, budget) in sizes { out += budget.seeds.map { RecursiveCell(part: part, size: n, seed: $0) } }
        }
        if s.parts.contains(.sequence) {
            for kind in sequencePredictors {
                out += s.sequence.budget.seeds.map {
                    RecursiveCell(part: .sequence, size: s.sequence.size, predictor: kind, seed: $0)
                }
            }
        }
        return out
    }

    /// The predictors of the sequence table, in its order.
    static let sequencePredictors: [PredictorKind] = [.lstm, .rnn, .transformer]

    /// Trains every method of one cell on the cell's data (one line per run to `progress`).
    /// - Throws: ``BenchmarkError`` for a cell of a part that is not planned or a size the settings
    ///   lack; training errors.
    public static func runCell(_ cell: RecursiveCell, _ s: Settings, progress: (String) -> Void = { _ in }) throws
        -> RecursiveCellResult
    {
        switch cell.part {
        case .newsvendor, .sequence:
            var training = s.training
            var budget = Budget(train: s.trainCount, test: s.testCount, epochs: s.training.epochs, seeds: [cell.seed])
            if cell.part == .sequence {
                training.predictor = cell.predictor ?? .lstm
                budget = s.sequence.budget
            }
            let bench = NewsvendorBenchmark(products: cell.size, seed: cell.seed)
            let train = bench.sample(count: budget.train, seed: cell.seed &+ 100)
            let test = bench.sample(count: budget.test, seed: cell.seed &+ 200)
            let name = cell.part == .sequence ? training.predictor.rawValue : "newsvendor"
            let runs = try RecursiveMethod.allCases.map { method in
                var c = training
                c.seed = cell.seed
                c.epochs = budget.epochs
                let r = try NewsvendorTrainer(benchmark: bench, configuration: c).run(method, train: train, test: test)
                progress(
                    "\(name) n=\(cell.size) seed \(cell.seed) \(method.rawValue): RMSE \(formatFixed(r.decisionRMSE, digits: 3)), \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch"
                )
                return r
            }
            return RecursiveCellResult(runs: runs)
        case .matching, .matching30:
            let sizes = cell.part == .matching ? s.matching : s.largeMatching
            guard let budget = sizes.first(where: { $0.size == cell.size })?.budget else {
                throw BenchmarkError.invalidArgument(
                    name: "size", reason: "no \(cell.part.rawValue) size \(cell.size) in these settings")
            }
            let n = cell.size, seed = cell.seed
            let bench = try MatchingBenchmark(size: n, threads: s.threads)
            let (train, rejectedTrain) = try bench.sampleWithRejections(count: budget.train, seed: seed &+ 300)
            let (test, rejectedTest) = try bench.sampleWithRejections(count: budget.test, seed: seed &+ 400)
            progress(
                "matching \(n)x\(n) seed \(seed): \(rejectedTrain + rejectedTest) draw(s) without a stable equilibrium replaced"
            )
            let runs = try RecursiveMethod.allCases.map { method in
                var c = s.training
                c.seed = seed
                c.epochs = budget.epochs
                let r = try RecursiveTrainer(benchmark: bench, configuration: c).run(method, train: train, test: test)
                progress(
                    "matching \(n)x\(n) seed \(seed) \(method.rawValue): RMSE \(formatFixed(r.decisionRMSE, digits: 4)), \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch"
                )
                return r
            }
            return RecursiveCellResult(runs: runs, rejected: rejectedTrain + rejectedTest)
        case .depth, .speed:
            throw BenchmarkError.invalidArgument(
                name: "part", reason: "\(cell.part.rawValue) measures time and runs in-process, not as a cell")
        }
    }

    /// The report of the selected parts: the tables from their cells' results (`cell` trains a cell
    /// or reads it from the run store), depth and speed run here. A part whose cell fails is
    /// reported with its error, and the other parts still run.
    /// - Throws: ``RecursiveExperimentError`` when every selected part failed.
    public static func report(
        _ s: Settings, progress: (String) -> Void = { _ in }, cell: (RecursiveCell) throws -> RecursiveCellResult
    ) throws -> Report {
        var md = ""
        var results: [Int: [RecursiveMethod: [RecursiveRunResult]]] = [:]
        var chart: SVGLineChart?
        var failures: [String] = []
        // A failing part (e.g. a QP that does not converge) is reported, and the other parts still run.
        func attempt(_ part: Part, _ body: () throws -> String) {
            guard s.parts.contains(part) else { return }
            do { md += try body() } catch {
                failures.append(part.rawValue)
                progress("part \(part.rawValue) failed: \(error)")
                md += "### Part `\(part.rawValue)` failed\n\n\(error)\n\n"
            }
        }
        attempt(.newsvendor) {
            let (text, r) = try newsvendorTable(s, cell: cell)
            results = r
            return text
        }
        attempt(.matching) { try matchingTable(s.matching, part: .matching, s, cell: cell) }
        attempt(.matching30) { try matchingTable(s.largeMatching, part: .matching30, s, cell: cell) }
        attempt(.sequence) { try sequenceTable(s, cell: cell) }
        attempt(.depth) {
            let (text, c) = try depthSweep(s, progress: progress)
            chart = c
            return text
        }
        attempt(.speed) { try speedTable(s, progress: progress) }
        if failures.count == s.parts.count, !failures.isEmpty {
            throw RecursiveExperimentError(failedParts: failures, report: md)
        }
        return Report(markdown: md, chart: chart, results: results)
    }

    /// Each method's runs over `cells` (in their order).
    static func byMethod(_ cells: [RecursiveCell], _ cell: (RecursiveCell) throws -> RecursiveCellResult) throws
        -> (runs: [RecursiveMethod: [RecursiveRunResult]], rejected: Int)
    {
        var out: [RecursiveMethod: [RecursiveRunResult]] = [:]
        var rejected = 0
        for c in cells {
            let r = try cell(c)
            rejected += r.rejected
            for run in r.runs { out[run.method, default: []].append(run) }
        }
        return (out, rejected)
    }

    static func newsvendorTable(
        _ s: Settings, cell: (RecursiveCell) throws -> RecursiveCellResult
    ) throws -> (String, [Int: [RecursiveMethod: [RecursiveRunResult]]]) {
        var results: [Int: [RecursiveMethod: [RecursiveRunResult]]] = [:]
        for n in s.sizes {
            results[n] = try byMethod(s.seeds.map { RecursiveCell(part: .newsvendor, size: n, seed: $0) }, cell).runs
        }
        var table = TextTable(header: [
            "size", "method", "RMSE (DFLKit)", "s/epoch (DFLKit)", "RMSE (paper)", "s/epoch (paper)",
            "implicit fallbacks", "test fallbacks",
            "Φ evals/batch", "VJPs/batch (backward + ρ check)",
        ])
        let paper = try paperNewsvendor.sizes
        for n in s.sizes {
            for method in RecursiveMethod.allCases {
                let rs = results[n]?[method] ?? []
                table.add(
                    row: ["\(n)", method.rawValue]
                        + (try comparisonCells(rs, paper: paper["\(n)"], method: method, digits: 3))
                        + workCells(method, rs, unrollSteps: s.training.unrollSteps))
            }
        }
        let text = """
            ## R-DFL, newsvendor (DFLKit reconstruction), MLP predictor

            Decision RMSE on the test set, mean ± sd over \(s.seeds.count) seeds; \(s.trainCount) train / \(s.testCount) test
            instances, \(s.training.epochs) epochs, batch \(s.training.batchSize), Adam \(s.training.learningRate), K = \(s.training.unrollSteps).
            \(implicitSettingsText(s.training))
            The paper's numbers come from its own (unpublished) data and a GPU machine: compare the ordering, not the values.

            \(table.markdown())

            """
        return (text, results)
    }

    static func matchingTable(
        _ sizes: [(size: Int, budget: Budget)], part: Part, _ s: Settings,
        cell: (RecursiveCell) throws -> RecursiveCellResult
    ) throws -> String {
        var table = TextTable(header: [
            "size", "budget", "method", "RMSE (DFLKit)", "s/epoch (DFLKit)", "RMSE (paper)", "s/epoch (paper)",
            "implicit fallbacks", "test fallbacks",
            "Φ evals/batch", "VJPs/batch (backward + ρ check)",
        ])
        var rejections: [String] = []
        for (n, budget) in sizes {
            let (byMethod, rejected) = try byMethod(
                budget.seeds.map { RecursiveCell(part: part, size: n, seed: $0) }, cell)
            rejections.append("\(n)x\(n): \(rejected)")
            let paper = try paperMatching.sizes["\(n)"]
            for method in RecursiveMethod.allCases {
                let rs = byMethod[method] ?? []
                table.add(
                    row: ["\(n)x\(n)", budget.text, method.rawValue]
                        + (try comparisonCells(rs, paper: paper, method: method, digits: 4))
                        + workCells(method, rs, unrollSteps: s.training.unrollSteps))
            }
        }
        return """
            ### Bipartite matching (DFLKit reconstruction, synthetic stand-in for NYC TLC), MLP predictor

            Decision RMSE, mean ± sd over the seeds of each row's budget; batch \(s.training.batchSize), K = \(s.training.unrollSteps).
            \(implicitSettingsText(s.training))

            \(table.markdown())
            Draws without a stable equilibrium (the averaged iteration does not settle in 2000 steps, or the estimated
            ρ(J) at the equilibrium is not below 1), replaced by fresh draws: \(rejections.joined(separator: ", ")).

            """
    }

    static func sequenceTable(_ s: Settings, cell: (RecursiveCell) throws -> RecursiveCellResult) throws -> String {
        let (n, budget) = s.sequence
        var table = TextTable(header: [
            "predictor", "method", "RMSE (DFLKit)", "s/epoch (DFLKit)", "RMSE (paper)", "s/epoch (paper)",
            "implicit fallbacks", "test fallbacks",
        ])
        for kind in sequencePredictors {
            let byMethod = try byMethod(
                budget.seeds.map { RecursiveCell(part: .sequence, size: n, predictor: kind, seed: $0) }, cell
            ).runs
            let paper = try paperSequence.predictors[kind.rawValue]
            for method in RecursiveMethod.allCases {
                let rs = byMethod[method] ?? []
                table.add(
                    row: [kind.rawValue, method.rawValue]
                        + (try comparisonCells(rs, paper: paper, method: method, digits: 3))
                        + workCells(method, rs, unrollSteps: s.training.unrollSteps).prefix(2))
            }
        }
        return """
            ### Sequence predictors (Table 2): newsvendor n = \(n), \(budget.text); paper: n = 100

            \(table.markdown())

            """
    }

    static func depthSweep(_ s: Settings, progress: (String) -> Void) throws -> (String, SVGLineChart) {
        // Depth sensitivity on the smallest size, first seed: RMSE and s/epoch of R-DFL-U vs R-DFL-I.
        var chart = SVGLineChart(
            title: "Unrolling depth K (newsvendor n=\(s.sizes[0]))", xLabel: "K", yLabel: "seconds per epoch")
        var depthTable = TextTable(header: ["K", "R-DFL-U RMSE", "R-DFL-U s/epoch", "R-DFL-I RMSE", "R-DFL-I s/epoch"])
        let n0 = s.sizes[0], seed0 = s.seeds[0]
        let bench = NewsvendorBenchmark(products: n0, seed: seed0)
        let train = bench.sample(count: s.trainCount, seed: seed0 &+ 100)
        let test = bench.sample(count: s.testCount, seed: seed0 &+ 200)
        var uTimes: [Double] = [], iTimes: [Double] = []
        let epochs = max(2, s.training.epochs / 3)
        for k in s.depths {
            var c = s.training
            c.seed = seed0
            c.unrollSteps = k
            c.epochs = epochs
            let u = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.unrolled, train: train, test: test)
            let i = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
            uTimes.append(u.secondsPerEpoch)
            iTimes.append(i.secondsPerEpoch)
            depthTable.add(row: [
                "\(k)", formatFixed(u.decisionRMSE, digits: 3), formatFixed(u.secondsPerEpoch, digits: 3),
                formatFixed(i.decisionRMSE, digits: 3), formatFixed(i.secondsPerEpoch, digits: 3),
            ])
            progress(
                "depth K=\(k): R-DFL-U \(formatFixed(u.secondsPerEpoch, digits: 3)) s/epoch, R-DFL-I \(formatFixed(i.secondsPerEpoch, digits: 3)) s/epoch"
            )
        }
        chart.add(series: "R-DFL-U", x: s.depths.map(Double.init), y: uTimes)
        chart.add(series: "R-DFL-I (K only caps the fallback)", x: s.depths.map(Double.init), y: iTimes)
        let text = """
            ### Unrolling depth (n = \(n0), seed \(seed0), \(epochs) epochs)

            \(depthTable.markdown())

            """
        return (text, chart)
    }

    static func speedTable(_ s: Settings, progress: (String) -> Void) throws -> String {
        let (m, nv, budget) = s.speed
        let seed = budget.seeds.first ?? 1
        var c = s.training
        c.seed = seed
        c.epochs = budget.epochs
        let matching = try MatchingBenchmark(size: m, threads: s.threads)
        let mTrain = try matching.sample(count: budget.train, seed: seed &+ 300)
        let mTest = try matching.sample(count: budget.test, seed: seed &+ 400)
        var rows = try RecursiveSpeedBenchmark.run(
            matching, label: "matching \(m)x\(m)", train: mTrain, test: mTest, configuration: c, depths: s.speedDepths,
            progress: progress)
        let news = NewsvendorBenchmark(products: nv, seed: seed)
        rows += try RecursiveSpeedBenchmark.run(
            news, label: "newsvendor n=\(nv)", train: news.sample(count: budget.train, seed: seed &+ 100),
            test: news.sample(count: budget.test, seed: seed &+ 200), configuration: c, depths: s.speedDepths,
            progress: progress)
        // The LSTM body records ~n nodes per application: where a graph-free forward could matter most.
        var lstm = c
        lstm.predictor = .lstm
        rows += try RecursiveSpeedBenchmark.run(
            news, label: "newsvendor n=\(nv), LSTM", train: news.sample(count: budget.train, seed: seed &+ 100),
            test: news.sample(count: budget.test, seed: seed &+ 200), configuration: lstm, depths: [10],
            implicitVariants: [.paper], progress: progress)
        return """
            ### Speed: R-DFL-I vs R-DFL-U per epoch (issue 17 item 1); seed \(seed), \(budget.train) train instances, \(budget.epochs) epochs

            R-DFL-I trains with the matrix-free Neumann backward (u ← g + Jᵀu, one vector–Jacobian product per step);
            "VJPs/batch (ρ check)" is the contraction check's power iteration averaged over batches.

            \(RecursiveSpeedBenchmark.markdown(rows))

            """
    }
}

/// Every selected part of a reproduction failed; `report` holds each part's error.
public struct RecursiveExperimentError: Error, Sendable, CustomStringConvertible {
    /// The parts that failed.
    public var failedParts: [String]
    /// The markdown with the errors.
    public var report: String
    /// What failed.
    public var description: String { "every selected part failed (\(failedParts.joined(separator: ", "))):\n\(report)" }
}
