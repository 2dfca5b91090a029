import ArgumentParser
import DFLBenchmarks
import DFLCoinOR
import DFLData
import DFLOptimization
import DFLReport
import DFLReproduction

extension Bench {
    /// `dfl bench solvers`: single-thread solver calls, and DFLKit's exact 2-D knapsack solver against CBC
    /// on the same instances (PyEPO is timed beside DFLKit by `Scripts/bench-peers.sh`).
    public struct Solvers: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "solvers",
            abstract:
                "Time solver calls (one thread) and the knapsack branch and bound against CBC.")

        @OptionGroup var seed: SeedOption
        @Option(help: "Instances per solver measurement, ≥ 1 (the knapsack-vs-CBC rows use at most 200).")
        var instances: Int = 1000

        /// Creates the command.
        public init() {}

        /// Range of `--instances`.
        public func validate() throws {
            try SettingRanges.instances.check(instances)
        }

        /// Runs the benchmark and prints a table.
        public func run() throws {
            var table = TextTable(header: ["what", "DFLKit", "CBC", "CBC / DFLKit"])
            let n = instances
            // Solver calls (single thread, as PyEPO's optDataset loop).
            for (label, problem) in [
                ("shortest path 5x5 solve", BuiltinProblem.shortestPath(rows: 5, columns: 5)),
                ("knapsack 32x3 solve", BuiltinProblem.knapsack(items: 32, dimensions: 3, capacity: 20)),
                ("tsp 10 solve", BuiltinProblem.tsp(nodes: 10)),
            ] {
                let (oracle, train, _) = try problem.makeData(
                    train: n, test: 1, features: 5, degree: 6, noise: 0.5, seed: seed.seed, threads: 1)
                let d = oracle.costDimension
                let rows = (0..<train.count).map { Array(train.costs[($0 * d)..<(($0 + 1) * d)]) }
                let t = try Bench.seconds { _ = try oracle.solveBatch(rows) } / Double(n)
                table.add(row: [label, "\(formatFixed(t * 1e6, digits: 2)) µs", "–", "–"])
            }
            // Exact 2-D knapsacks beyond the anchors (PyEPO's generator, capacity 1.65 per item as Fig. 3's
            // rows): DFLKit's branch and bound against CBC on the same instances, objectives cross-checked.
            for items in [50, 100] {
                let count = min(n, 200)
                let capacity = 1.65 * Double(items)
                let out = try KnapsackGenerator(
                    itemCount: items, dimension: 2, sampleCount: count, featureCount: 5,
                    degree: 6, noiseWidth: 0.5
                ).generate(seed: seed.seed)
                let problem = try Knapsack(weights: out.weights, capacities: [capacity, capacity])
                let rows = (0..<count).map { Array(out.dataset.costs[($0 * items)..<(($0 + 1) * items)]) }
                var ours: [Solution] = [], cbc: [Solution] = []
                let tOurs =
                    try Bench.seconds { ours = try rows.map { try KnapsackSolver().solve(problem, costs: $0) } }
                    / Double(count)
                let tCBC =
                    try Bench.seconds { cbc = try rows.map { try MILPSolver<Knapsack>().solve(problem, costs: $0) } }
                    / Double(count)
                for (k, (a, b)) in zip(ours, cbc).enumerated()
                where abs(a.objective - b.objective) > 1e-6 * max(1, abs(b.objective)) {
                    throw SolverError(
                        .numericalFailure,
                        "knapsack \(items)x2 instance \(k): branch and bound \(a.objective) ≠ CBC \(b.objective)")
                }
                table.add(row: [
                    "knapsack \(items)x2 solve", "\(formatFixed(tOurs * 1e6, digits: 2)) µs",
                    "\(formatFixed(tCBC * 1e6, digits: 0)) µs", "\(formatFixed(tCBC / tOurs, digits: 0))×",
                ])
            }
            try StandardOutput.print(table.render())
            try StandardOutput.print(
                "one thread, measured in this run; PyEPO beside DFLKit on the same data: Scripts/bench-peers.sh (docs/bench.md)"
            )
        }
    }
}
