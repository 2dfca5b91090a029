/// Solution caching (Mulamba et al. 2021; PyEPO's `solve_ratio`) as a ``Solver`` decorator: with
/// probability `solveRatio` call the base solver and add a new solution to the ``pool``; otherwise
/// return the best pooled solution under the given costs (see ``SolutionPool/solve(_:sense:name:exact:)``).
///
/// One cached solver may be shared by the worker threads of a batch (the pool is locked).
public final class CachedSolver<Base: Solver>: Solver, Sendable {
    /// The exact solver called on a "solve" coin.
    public let base: Base
    /// The pool and its seeded coin.
    public let pool: SolutionPool
    /// Probability of calling the base solver, in [0, 1].
    public var solveRatio: Double { pool.solveRatio }
    /// Number of base-solver calls made so far.
    public var solverCalls: Int { pool.solverCalls }
    /// Number of answers served from the pool so far.
    public var cacheHits: Int { pool.cacheHits }
    /// The pooled solutions.
    public var poolSolutions: [[Double]] { pool.decisions }

    /// Creates a caching solver whose pool starts with `initialPool` (e.g. the training labels).
    /// - Precondition: `0 ≤ solveRatio ≤ 1`.
    public init(base: Base, solveRatio: Double, initialPool: [[Double]] = [], seed: UInt64 = 135) {
        precondition((0...1).contains(solveRatio), "solveRatio must be in [0, 1]")
        self.base = base
        self.pool = SolutionPool(initial: initialPool, solveRatio: solveRatio, seed: seed)
    }

    /// Solves or answers from the pool (always solves while the pool is empty).
    /// - Throws: the base solver's errors, malformed costs, or `.invalidModel` when a pooled
    ///   solution's length differs from the problem's `costDimension`.
    public func solve(_ problem: Base.Problem, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        return try pool.solve(costs, sense: problem.sense, name: problem.name) {
            try base.solve(problem, costs: costs)
        }
    }
}

extension DecisionOracle {
    /// Solution caching for training (Mulamba et al. 2021; PyEPO's `solve_ratio`): each call flips
    /// the pool's coin; on "solve" it calls this oracle and adds the decision to `pool`, otherwise
    /// it returns the best pooled decision. Evaluation always uses the exact oracle.
    public func cached(by pool: SolutionPool) -> DecisionOracle {
        let exact = self
        return DecisionOracle(
            costDimension: costDimension, sense: sense, name: name + " (cached)", threads: threads
        ) { c in
            try pool.solve(c, sense: exact.sense, name: exact.name) { try exact.solve(c) }
        }
    }
}
