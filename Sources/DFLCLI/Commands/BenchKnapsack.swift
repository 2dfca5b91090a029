import ArgumentParser
import DFLCoinOR
import DFLData
import DFLOptimization
import DFLRandom
import DFLReport

extension Bench {
    /// `dfl bench knapsack`: the knapsack trap sweep. Capacity (a fraction of each dimension's total
    /// weight) × items × dimensions on PyEPO's generator, each cell timed with the automatic exact solver,
    /// forced branch and bound, forced dynamic programming and CBC on the same instances, objectives
    /// cross-checked; the last column is the automatic solver's time over the best exact method's.
    public struct KnapsackSweep: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "knapsack",
            abstract:
                "Sweep knapsack capacity x items x dimensions: automatic exact solver vs branch and bound, dynamic programming and CBC."
        )

        @OptionGroup var seed: SeedOption
        @Option(help: "Instances per cell, ≥ 1.") var instances: Int = 20
        @Option(help: "Capacity fractions of the total weight per dimension, comma-separated, each in (0, 1].")
        var capacities: String = "0.1,0.25,0.5,0.75,1"
        @Option(help: "Item counts, comma-separated, each ≥ 1.") var items: String = "10,25,50,100"
        @Option(help: "Dimension counts, comma-separated, each ≥ 1.") var dimensions: String = "1,2,3"
        @Flag(help: "Real-valued costs (the true integer values times U(0.9, 1.1), as predictions are).")
        var realCosts = false
        @Option(help: "Largest dynamic-programming table (items × capacity units) the forced DP column tries.")
        var maximumTable: Int = 50_000_000
        @Option(help: "Node limit of the forced branch-and-bound column (a cell that reaches it prints ≥).")
        var nodeLimit: Int = 2_000_000

        /// Creates the command.
        public init() {}

        /// Parsed lists.
        func lists() throws -> (fractions: [Double], items: [Int], dimensions: [Int]) {
            func parse<T>(_ text: String, _ name: String, _ convert: (String) -> T?, _ valid: (T) -> Bool) throws -> [T]
            {
                let values = text.split(separator: ",").map { convert($0.trimmingCharacters(in: .whitespaces)) }
                guard !values.isEmpty, values.allSatisfy({ $0.map(valid) ?? false }) else {
                    throw ValidationError("--\(name) must be a comma-separated list of valid values (got \(text))")
                }
                return values.map { $0! }
            }
            return (
                try parse(capacities, "capacities", { Double($0) }, { $0 > 0 && $0 <= 1 }),
                try parse(items, "items", { Int($0) }, { $0 >= 1 }),
                try parse(dimensions, "dimensions", { Int($0) }, { $0 >= 1 })
            )
        }

        /// Ranges of the options.
        public func validate() throws {
            guard instances >= 1 else { throw ValidationError("--instances must be ≥ 1 (got \(instances))") }
            _ = try lists()
        }

        /// Runs the sweep and prints a table.
        public func run() throws {
            let (fractions, itemCounts, dimensionCounts) = try lists()
            var table = TextTable(header: [
                "items", "dims", "capacity", "automatic", "branch & bound", "DP", "CBC", "auto / best",
            ])
            var worst = 0.0
            for m in itemCounts {
                for dims in dimensionCounts {
                    let out = try KnapsackGenerator(
                        itemCount: m, dimension: dims, sampleCount: instances, featureCount: 5, degree: 6,
                        noiseWidth: 0.5
                    ).generate(seed: seed.seed)
                    var rng = SeededGenerator(seed: seed.seed &+ 1)
                    let rows = (0..<instances).map { i in
                        (0..<m).map { j in
                            let c = out.dataset.costs[i * m + j]
                            return realCosts ? c * rng.uniform(0.9, 1.1) : c
                        }
                    }
                    for fraction in fractions {
                        let problem = try Knapsack(
                            weights: out.weights, capacities: out.weights.map { fraction * $0.reduce(0, +) })
                        let cell = try Self.measure(
                            problem, rows: rows, maximumTable: maximumTable, nodeLimit: nodeLimit)
                        let finished = [cell.branchAndBound, cell.table, cell.cbc].compactMap { $0 }
                        let best = min(cell.automatic, finished.min() ?? .infinity)
                        let ratio = cell.automatic / best
                        worst = max(worst, ratio)
                        func show(_ t: Double?, _ missing: String) -> String {
                            t.map { Self.format($0) } ?? missing
                        }
                        table.add(row: [
                            "\(m)", "\(dims)", formatFixed(fraction, digits: 2), Self.format(cell.automatic),
                            cell.branchAndBound.map(Self.format) ?? "≥ \(Self.format(cell.branchAndBoundSpent))",
                            show(cell.table, "—"), show(cell.cbc, "—"), "\(formatFixed(ratio, digits: 2))×",
                        ])
                    }
                }
            }
            try StandardOutput.print(table.render())
            try StandardOutput.print(
                "per solve, one thread, \(instances) instances per cell, PyEPO weights (3.00–7.99), "
                    + (realCosts ? "real-valued costs" : "integer costs")
                    + "; DP — : table over \(maximumTable) cells or weights not in 0.01 units; worst auto / best: "
                    + "\(formatFixed(worst, digits: 2))×")
        }

        /// Seconds per solve of each method on one cell (nil: not run, or stopped at the node limit).
        struct Cell {
            var automatic: Double
            var branchAndBound: Double?
            var branchAndBoundSpent: Double
            var table: Double?
            var cbc: Double?
        }

        /// Times every method on `rows`, one method at a time after one untimed warm-up solve (so no
        /// method pays for the caches another left cold), the fastest of three passes for the pure-Swift
        /// methods (the machine is shared), and checks that each agrees with CBC.
        static func measure(_ problem: Knapsack, rows: [[Double]], maximumTable: Int, nodeLimit: Int) throws -> Cell {
            let count = Double(rows.count)
            // The fastest of `passes` passes over the instances (CBC: one pass, it takes milliseconds).
            func time(_ solver: some Solver<Knapsack>, passes: Int = 3) throws -> (
                seconds: Double, solutions: [Solution]
            ) {
                _ = try solver.solve(problem, costs: rows[0])
                var solutions: [Solution] = [], fastest = Double.infinity
                for _ in 0..<passes {
                    fastest = min(
                        fastest, try Bench.seconds { solutions = try rows.map { try solver.solve(problem, costs: $0) } }
                    )
                }
                return (fastest / count, solutions)
            }
            let automatic = try time(KnapsackSolver())
            let cbc = try time(MILPSolver<Knapsack>(), passes: 1)
            try check(automatic.solutions, cbc.solutions, problem, "automatic")
            var search: (seconds: Double, solutions: [Solution])?
            var searchSpent = 0.0
            do {
                search = try time(KnapsackSolver(method: .branchAndBound, nodeLimit: nodeLimit))
            } catch let error as SolverError where error.reason == .limitReached {
                searchSpent =
                    Bench.seconds {
                        for costs in rows {
                            _ = try? KnapsackSolver(method: .branchAndBound, nodeLimit: nodeLimit).solve(
                                problem, costs: costs)
                        }
                    } / count
            }
            if let search { try check(search.solutions, cbc.solutions, problem, "branch and bound") }
            var table: Double?
            if KnapsackSolver.tableCells(problem) ?? .max <= maximumTable {
                let dp = try time(KnapsackSolver(method: .dynamicProgramming))
                try check(dp.solutions, cbc.solutions, problem, "dynamic programming")
                table = dp.seconds
            }
            return Cell(
                automatic: automatic.seconds, branchAndBound: search?.seconds,
                branchAndBoundSpent: search?.seconds ?? searchSpent, table: table, cbc: cbc.seconds)
        }

        /// Throws when some objective differs from CBC's.
        static func check(_ a: [Solution], _ b: [Solution], _ problem: Knapsack, _ what: String) throws {
            for (k, (x, y)) in zip(a, b).enumerated()
            where abs(x.objective - y.objective) > 1e-6 * max(1, abs(y.objective)) {
                throw SolverError(
                    .numericalFailure, "\(problem.name) instance \(k): \(what) \(x.objective) ≠ CBC \(y.objective)")
            }
        }

        /// Seconds as µs or ms.
        static func format(_ t: Double) -> String {
            t < 1e-3 ? "\(formatFixed(t * 1e6, digits: 1)) µs" : "\(formatFixed(t * 1e3, digits: 2)) ms"
        }
    }
}
