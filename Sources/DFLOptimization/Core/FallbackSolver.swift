/// A solver that tries a fast `primary` and hands the instance to a `fallback` when the primary
/// stops at a limit (``SolverError/Reason/limitReached``) — e.g. the pure-Swift knapsack branch and
/// bound with a node limit, backed by CBC. Any other error of the primary is rethrown unchanged, so a
/// malformed or infeasible instance is reported by the solver that saw it first.
public struct FallbackSolver<Primary: Solver, Fallback: Solver>: Solver where Primary.Problem == Fallback.Problem {
    /// The solver tried first.
    public var primary: Primary
    /// The solver used when the primary reaches its limit.
    public var fallback: Fallback

    /// Creates the pair.
    public init(primary: Primary, fallback: Fallback) {
        self.primary = primary
        self.fallback = fallback
    }

    /// The primary's solution, or the fallback's when the primary reached its limit.
    /// - Throws: the primary's errors other than `.limitReached`, or the fallback's errors.
    public func solve(_ problem: Primary.Problem, costs: [Double]) throws -> Solution {
        do {
            return try primary.solve(problem, costs: costs)
        } catch let error as SolverError where error.reason == .limitReached {
            return try fallback.solve(problem, costs: costs)
        }
    }
}
