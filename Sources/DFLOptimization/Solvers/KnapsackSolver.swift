/// Exact multi-dimensional 0/1 knapsack by depth-first branch and bound.
///
/// Items with non-positive value are never taken (they cannot improve a maximum); the rest are
/// sorted by value per unit of normalized weight, and each node is bounded by the best of the
/// per-dimension fractional (Dantzig) relaxations, which is a valid upper bound because every
/// dimension's constraint alone relaxes the problem.
/// - Complexity: exponential in the worst case; a few microseconds to milliseconds for PyEPO sizes.
public struct KnapsackSolver: Solver {
    /// Creates the solver.
    public init() {}

    /// The maximum-value feasible item set.
    public func solve(_ problem: Knapsack, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let W = problem.weights
        let D = problem.dimensionCount
        // Candidate items: positive value and individually feasible.
        var items = (0..<problem.itemCount).filter { j in
            costs[j] > 0 && (0..<D).allSatisfy { W[$0][j] <= problem.capacities[$0] + 1e-12 }
        }
        let scale = (0..<D).map { d in problem.capacities[d] > 0 ? 1 / problem.capacities[d] : 1e12 }
        let density = { (j: Int) -> Double in
            let w = (0..<D).map { W[$0][j] * scale[$0] }.reduce(0, +)
            return w > 0 ? costs[j] / w : .infinity
        }
        items.sort { density($0) > density($1) }
        let n = items.count
        let value = items.map { costs[$0] }
        let weight = (0..<D).map { d in items.map { W[d][$0] } }
        // Per-dimension orderings by value/weight for the fractional bounds.
        let orders = (0..<D).map { d in
            (0..<n).sorted { a, b in
                let ra = weight[d][a] > 0 ? value[a] / weight[d][a] : .infinity
                let rb = weight[d][b] > 0 ? value[b] / weight[d][b] : .infinity
                return ra > rb
            }
        }
        var best = 0.0
        var bestSet = [Bool](repeating: false, count: n)
        var chosen = [Bool](repeating: false, count: n)
        var decided = [Bool](repeating: false, count: n)
        var remaining = problem.capacities

        func bound(_ current: Double) -> Double {
            var ub = Double.infinity
            for d in 0..<D {
                var cap = remaining[d]
                var b = current
                for k in orders[d] where !decided[k] {
                    if weight[d][k] <= cap {
                        cap -= weight[d][k]
                        b += value[k]
                    } else {
                        b += value[k] * cap / weight[d][k]
                        break
                    }
                }
                ub = min(ub, b)
                if ub <= best + 1e-12 { break }
            }
            return ub
        }

        func branch(_ i: Int, _ current: Double) {
            if current > best + 1e-12 {
                best = current
                bestSet = chosen
            }
            if i == n { return }
            if bound(current) <= best + 1e-12 { return }
            decided[i] = true
            if (0..<D).allSatisfy({ weight[$0][i] <= remaining[$0] + 1e-12 }) {
                for d in 0..<D { remaining[d] -= weight[d][i] }
                chosen[i] = true
                branch(i + 1, current + value[i])
                chosen[i] = false
                for d in 0..<D { remaining[d] += weight[d][i] }
            }
            branch(i + 1, current)
            decided[i] = false
        }
        branch(0, 0)
        var w = [Double](repeating: 0, count: problem.itemCount)
        var objective = 0.0
        for k in 0..<n where bestSet[k] {
            w[items[k]] = 1
            objective += costs[items[k]]
        }
        return Solution(decision: w, objective: objective)
    }
}
