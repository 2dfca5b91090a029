/// Exact assignment by the Hungarian method (shortest augmenting paths with potentials).
/// - Complexity: O(n³).
public struct HungarianSolver: Solver {
    /// Creates the solver.
    public init() {}

    /// An optimal perfect matching.
    public func solve(_ problem: BipartiteMatching, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let n = problem.size
        let s = problem.sense.sign
        // Minimize s·c. 1-based arrays as in the classical formulation.
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                for j in 1...n where !used[j] {
                    let cur = s * costs[(i0 - 1) * n + (j - 1)] - u[i0] - v[j]
                    if cur < minv[j] {
                        minv[j] = cur
                        way[j] = j0
                    }
                    if minv[j] < delta {
                        delta = minv[j]
                        j1 = j
                    }
                }
                for j in 0...n {
                    if used[j] {
                        u[p[j]] += delta
                        v[j] -= delta
                    } else {
                        minv[j] -= delta
                    }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var w = [Double](repeating: 0, count: n * n)
        var objective = 0.0
        for j in 1...n {
            let i = p[j]
            w[(i - 1) * n + (j - 1)] = 1
            objective += costs[(i - 1) * n + (j - 1)]
        }
        return Solution(decision: w, objective: objective)
    }
}
