// A user's own decision problem, trained with SPO+ through `import DFLKit`.
//
// The problem: assign three couriers to three deliveries (one each) so that the total travel time
// is smallest. The travel times are not known when the plan is made; they are predicted from four
// features of the day (weather, traffic, ...). Decision-focused learning trains the predictor for
// the quality of the assignments it leads to, not for the accuracy of the predicted times.
//
// Run: swift run CustomProblem
import DFLKit

/// Assign `size` couriers to `size` deliveries; the decision is the `size × size` permutation
/// matrix flattened row-major (`w[i·size + j] = 1` when courier `i` takes delivery `j`).
struct CourierAssignment: OptimizationProblem {
    /// Couriers (and deliveries).
    let size: Int

    /// One travel time per (courier, delivery) pair.
    var costDimension: Int { size * size }
    /// Total travel time is minimized.
    var sense: ObjectiveSense { .minimize }
    /// Used in error messages.
    var name: String { "courier assignment \(size)×\(size)" }
}

/// Exact solver by enumerating every permutation (`size!` of them: fine for a handful of couriers).
struct EnumerationSolver: Solver {
    func solve(_ problem: CourierAssignment, costs: [Double]) throws -> Solution {
        let n = problem.size
        var best: (objective: Double, permutation: [Int])?
        for permutation in permutations(of: Array(0..<n)) {
            var objective = 0.0
            for (courier, delivery) in permutation.enumerated() { objective += costs[courier * n + delivery] }
            if best.map({ objective < $0.objective }) ?? true { best = (objective, permutation) }
        }
        guard let best else { throw SolverError(.invalidModel, "\(problem.name): nothing to assign") }
        var decision = [Double](repeating: 0, count: n * n)
        for (courier, delivery) in best.permutation.enumerated() { decision[courier * n + delivery] = 1 }
        return Solution(decision: decision, objective: best.objective)
    }

    /// Every ordering of `items` (Heap's algorithm would do too; three items need no cleverness).
    private func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[Int]] in
            var rest = items
            let first = rest.remove(at: i)
            return permutations(of: rest).map { [first] + $0 }
        }
    }
}

/// Travel times from day features: `c = (B·x/√p + 3)² / 9 + noise`, a nonlinear map that a
/// linear predictor cannot fit exactly (so the loss it is trained with matters).
func makeDataset(count: Int, features p: Int, problem: CourierAssignment, seed: UInt64) throws -> Dataset {
    var rng = SeededGenerator(seed: seed)
    let d = problem.costDimension
    let B = (0..<d).map { _ in rng.uniform(0, 1, count: p).map { $0 < 0.5 ? 0.0 : 1.0 } }
    var features: [[Double]] = []
    var costs: [[Double]] = []
    for _ in 0..<count {
        let x = rng.normal(count: p)
        features.append(x)
        costs.append(
            B.map { row in
                let signal = zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } / Double(p).squareRoot() + 3
                return signal * signal / 9 * rng.uniform(0.8, 1.2)
            })
    }
    return try Dataset(features: features, costs: costs)
}

@main
struct CustomProblem {
    static func main() throws {
        let problem = CourierAssignment(size: 3)
        let solver = EnumerationSolver()
        // Label every instance with its optimal assignment, then split (seeded).
        let data = try makeDataset(count: 300, features: 4, problem: problem, seed: 7)
            .withSolutions(solver: solver, problem: problem, threads: 2)
        let parts = try data.split(trainCount: 200, testCount: 100, seed: 1)

        var configuration = TrainingConfiguration()
        configuration.method = "spo+"
        configuration.epochs = 20
        configuration.batchSize = 16
        configuration.learningRate = 0.05
        configuration.seed = 42
        let trainer = try Trainer(
            configuration: configuration, featureCount: data.featureCount,
            oracle: DecisionOracle(solver: solver, problem: problem, threads: 2))
        let result = try trainer.fit(train: parts.train, test: parts.test)

        print("\(problem.name): \(parts.train.count) training and \(parts.test.count) test days, SPO+")
        print(
            "test regret \(fixed(result.normalizedRegret)) (untrained \(fixed(result.initialNormalizedRegret)))")
    }

    /// Three decimals, without Foundation.
    static func fixed(_ x: Double) -> String {
        let thousandths = Int((x * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
