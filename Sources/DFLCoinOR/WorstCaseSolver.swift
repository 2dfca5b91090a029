import DFLOptimization

/// The worst decision among the near-optimal ones of a predicted cost vector, through CBC on a
/// problem's MILP with one more row: what PyEPO's unambiguous regret solves
/// (`optmodel.addConstr(ĉ, ẑ + 0.01)` then `setObj(−c)`).
public struct WorstCaseSolver<P: LinearProgramRepresentable>: Sendable {
    /// The problem (its MILP form, decision variables first).
    public let problem: P
    /// The backend.
    public var backend: CBCSolver

    /// Binds the solver to `problem`.
    public init(problem: P, backend: CBCSolver = CBCSolver()) {
        self.problem = problem
        self.backend = backend
    }

    /// The worst true objective `cᵀw` over the feasible `w` with `costsᵀw ≤ bound` (a minimizing
    /// problem: the largest `cᵀw`) or `costsᵀw ≥ bound` (a maximizing one: the smallest `cᵀw`).
    /// - Throws: ``SolverError`` from CBC (`.infeasible` when the bound cuts every point off),
    ///   `.dimensionMismatch` for vectors of another length.
    public func worstObjective(costs: [Double], bound: Double, trueCosts: [Double]) throws -> Double {
        let d = problem.costDimension
        try SolverError.validate(costs: costs, expected: d, problem: problem.name)
        try SolverError.validate(costs: trueCosts, expected: d, problem: problem.name)
        var milp = problem.asMILP(costs: nil)
        let n = milp.variableCount
        let sign = problem.sense == .minimize ? 1.0 : -1.0
        var row = [Double](repeating: 0, count: n)
        var objective = [Double](repeating: 0, count: n)
        for j in 0..<d {
            row[j] = sign * costs[j]
            objective[j] = trueCosts[j]
        }
        milp.inequalityMatrix.append(row)
        milp.inequalityRHS.append(sign * bound)
        milp.sense = problem.sense == .minimize ? .maximize : .minimize
        let s = try backend.solve(milp, costs: objective, name: "\(problem.name) (worst case)")
        return zip(trueCosts, s.decision.prefix(d)).map(*).reduce(0, +)
    }
}
