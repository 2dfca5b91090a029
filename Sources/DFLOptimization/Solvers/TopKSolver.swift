/// Exact Top-K by sorting (ties broken by the lower index).
/// - Complexity: O(n log n).
public struct TopKSolver: Solver {
    /// Creates the solver.
    public init() {}

    /// The best `k` items.
    public func solve(_ problem: TopK, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let s = problem.sense.sign
        let order = (0..<problem.items).sorted { a, b in
            s * costs[a] < s * costs[b] || (costs[a] == costs[b] && a < b)
        }
        var w = [Double](repeating: 0, count: problem.items)
        var objective = 0.0
        for j in order.prefix(problem.k) {
            w[j] = 1
            objective += costs[j]
        }
        return Solution(decision: w, objective: objective)
    }
}
