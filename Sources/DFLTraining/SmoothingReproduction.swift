import DFLData
import DFLLayers
import DFLLosses
import DFLOptimization
import DFLReport

/// `dfl reproduce smoothing`: the smoothing paper's (arXiv:2508.11365) App. B Top-1 simulation
/// (Table 2 and the Fig. 4 gradient magnitudes) and a reduced Table 1 (normalized relative regret,
/// Eq. 14, of exact-solver and QP-layer methods on shortest path 5×5 and knapsack 10), each printed
/// beside the paper's numbers.
public enum SmoothingReproduction {
    /// Sizes of a run.
    public struct Settings: Sendable {
        /// Training / test instances per benchmark.
        public var train = 1000, test = 1000
        /// Epochs per method.
        public var epochs = 10
        /// Seeds (one training run per seed and method).
        public var seeds: [UInt64] = [1, 2]
        /// Runs per (M, μ) cell of the Top-1 simulation (the paper: 20).
        public var simulationRuns = 20
        /// The full-size defaults.
        public init() {}
        /// A run of about a minute: 200/200 instances, 4 epochs, one seed.
        public static var quick: Settings {
            var s = Settings()
            s.train = 200
            s.test = 200
            s.epochs = 4
            s.seeds = [1]
            return s
        }
    }

    /// One Table 1 benchmark: its problem, the smoothing μ of the QP layer and the paper's row.
    struct Benchmark {
        let label: String
        let problem: BuiltinProblem
        let smoothing: Double
        let paper: [Double]
    }

    /// Table 1 methods (columns) in the paper's order.
    static let methods = ["two-stage", "pfyl", "spo+", "sce", "regret-qp", "spo+-qp", "sce-qp"]
    /// Column headers as the paper prints them.
    static let headers = ["MSE", "PFY", "SPO+", "SCE", "Regret^QP", "SPO+^QP", "SCE^QP"]

    static let benchmarks = [
        Benchmark(label: "SP (5×5)", problem: .shortestPath(rows: 5, columns: 5), smoothing: 0.1,
            paper: [0.45, 0.328, 0.302, 0.431, 0.339, 0.303, 0.303]),
        Benchmark(label: "KP (10)", problem: .knapsack(items: 10, dimensions: 2, capacity: 20), smoothing: 1,
            paper: [0.129, 0.098, 0.101, 0.163, 0.197, 0.11, 0.104]),
    ]

    /// The built-in problem's LP-representable model for the data `makeData` generates with these
    /// arguments (knapsack weights are drawn by the generator, so they are regenerated here).
    /// - Throws: ``TrainingError`` or the generator's error for bad sizes.
    public static func relaxation(
        of problem: BuiltinProblem, train: Int, test: Int, features: Int, degree: Int, noise: Double, seed: UInt64
    ) throws -> any LinearProgramRepresentable {
        switch problem {
        case .shortestPath(let r, let c): return ShortestPathGrid(rows: r, columns: c)
        case .tsp(let n): return try TravelingSalesman(nodes: n)
        case .knapsack(let m, let dims, let cap):
            let out = try KnapsackGenerator(itemCount: m, dimension: dims, sampleCount: train + test, featureCount: features,
                degree: degree, noiseWidth: noise).generate(seed: seed)
            return try Knapsack(weights: out.weights, capacities: [Double](repeating: cap, count: dims))
        }
    }

    /// Table 2 beside the paper, as markdown.
    public static func tableTwo(runs: Int) throws -> String {
        var t = TextTable(header: ["τ"] + TopOneSimulation.paperItems.map { "M=\($0) ours / paper" })
        for row in TopOneSimulation.paperTable2 {
            var cells = [formatFixed(row.tau, digits: 2)]
            for (k, m) in TopOneSimulation.paperItems.enumerated() {
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

    /// The reduced Table 1 (mean ± sd over seeds of Eq. 14 on the test set), as markdown.
    /// - Parameter log: receives one line per finished training run.
    public static func tableOne(_ s: Settings, threads: Int = 2, log: (String) -> Void = { _ in }) throws -> String {
        var t = TextTable(header: ["problem"] + headers.map { "\($0) ours / paper" })
        for b in benchmarks {
            var cells = [b.label]
            for (k, method) in methods.enumerated() {
                var scores: [Double] = []
                for seed in s.seeds {
                    let (oracle, train, test) = try b.problem.makeData(
                        train: s.train, test: s.test, features: 5, degree: 6, noise: 0.5, seed: seed, threads: threads)
                    let relaxed = try relaxation(of: b.problem, train: s.train, test: s.test, features: 5, degree: 6,
                        noise: 0.5, seed: seed)
                    var c = TrainingConfiguration()
                    c.method = method
                    c.epochs = s.epochs
                    c.batchSize = 32
                    c.learningRate = 0.01
                    c.seed = seed
                    c.threads = threads
                    c.evaluateEvery = s.epochs
                    c.hyperparameters.smoothing = b.smoothing
                    let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle,
                        relaxation: relaxed)
                    trainer.showProgress = false
                    let r = try trainer.fit(train: train, test: test)
                    scores.append(r.meanRelativeRegret)
                    log("\(b.label) \(method) seed \(seed): \(formatFixed(r.meanRelativeRegret, digits: 4)) (\(formatFixed(r.trainingSeconds, digits: 1)) s)")
                }
                let mean = scores.reduce(0, +) / Double(scores.count)
                let sd = scores.count > 1
                    ? (scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count - 1)).squareRoot() : 0
                let spread = scores.count > 1 ? " ± \(formatFixed(sd, digits: 3))" : ""
                cells.append("\(formatFixed(mean, digits: 3))\(spread) / \(formatFixed(b.paper[k], digits: 3))")
            }
            t.add(row: cells)
        }
        return t.markdown()
    }

    /// Runs everything and returns the markdown report.
    public static func run(_ s: Settings, threads: Int = 2, log: (String) -> Void = { _ in }) throws -> String {
        var md = "# Smoothing paper (arXiv:2508.11365) — DFLKit reproduction\n\n"
        md += "## Table 2: Manhattan distance, norm-smoothed Top-1 (τ‖v‖₂) vs exact, \(s.simulationRuns) runs\n\n"
        md += try tableTwo(runs: s.simulationRuns) + "\n\n"
        log("Table 2 done")
        md += "## Fig. 4: mean |∂L/∂ŷ| through the QP layer ((μ/2)‖v‖², App. B Eq. 16)\n\n"
        md += try gradientTable(runs: s.simulationRuns) + "\n\n"
        log("gradient table done")
        md += "## Table 1 (reduced): normalized relative regret (Eq. 14), \(s.train) train / \(s.test) test, "
        md += "\(s.epochs) epochs, seeds \(s.seeds.map(String.init).joined(separator: ",")); QP layer μ‖v‖² with μ = 0.1 (SP), 1 (KP)\n\n"
        md += try tableOne(s, threads: threads, log: log) + "\n"
        return md
    }
}
