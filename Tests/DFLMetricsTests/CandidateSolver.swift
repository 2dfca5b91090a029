import DFLOptimization

/// A toy problem whose feasible set is an explicit list of decisions (brute-force oracle).
struct CandidateProblem: OptimizationProblem {
    var candidates: [[Double]]
    var sense: ObjectiveSense
    var name: String { "candidates" }
    var costDimension: Int { candidates[0].count }

    /// The three unit vectors of ℝ³.
    static func units(_ sense: ObjectiveSense) -> CandidateProblem {
        CandidateProblem(candidates: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], sense: sense)
    }
}

/// Solves a ``CandidateProblem`` by enumeration (first best candidate wins ties).
struct CandidateSolver: Solver {
    func solve(_ problem: CandidateProblem, costs: [Double]) throws -> Solution {
        try SolverError.validate(
            costs: costs, expected: problem.costDimension, problem: problem.name)
        var best = problem.candidates[0]
        var bestValue = Double.nan
        for w in problem.candidates {
            var v = 0.0
            for j in 0..<costs.count { v += costs[j] * w[j] }
            if bestValue.isNaN || problem.sense.sign * v < problem.sense.sign * bestValue {
                best = w
                bestValue = v
            }
        }
        return Solution(decision: best, objective: bestValue)
    }
}

/// Reports infeasibility whenever `c₀ < −100`, else defers to ``CandidateSolver``.
struct FailingSolver: Solver {
    func solve(_ problem: CandidateProblem, costs: [Double]) throws -> Solution {
        if costs[0] < -100 { throw SolverError(.infeasible, "refusing c0 = \(costs[0])") }
        return try CandidateSolver().solve(problem, costs: costs)
    }
}
