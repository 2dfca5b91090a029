/// A type-erased exact solver bound to one problem: the "oracle" every decision-focused loss calls.
///
/// It hides the concrete `Solver`/`OptimizationProblem` pair behind a closure so that losses,
/// layers and the trainer can work with any problem — built-in or a user's MPS model — and it
/// solves batches in parallel across `threads` workers.
public struct DecisionOracle: Sendable {
    /// Number of cost coefficients (length of `c` and of a decision `w`).
    public let costDimension: Int
    /// Whether the problem minimizes or maximizes `cᵀw`.
    public let sense: ObjectiveSense
    /// Problem name for error messages.
    public let name: String
    /// Worker threads used by ``solveBatch(_:)`` (≥ 1).
    public var threads: Int
    private let solveOne: @Sendable ([Double]) throws -> Solution

    /// Binds `solver` to `problem`.
    public init<S: Solver>(solver: S, problem: S.Problem, threads: Int = 1) {
        self.costDimension = problem.costDimension
        self.sense = problem.sense
        self.name = problem.name
        self.threads = max(1, threads)
        self.solveOne = { costs in try solver.solve(problem, costs: costs) }
    }

    /// Wraps an arbitrary solving closure (used by decorators such as a solution cache).
    public init(
        costDimension: Int, sense: ObjectiveSense, name: String, threads: Int = 1,
        solve: @escaping @Sendable ([Double]) throws -> Solution
    ) {
        self.costDimension = costDimension
        self.sense = sense
        self.name = name
        self.threads = max(1, threads)
        self.solveOne = solve
    }

    /// An optimal decision for `costs` (argmin for minimization, argmax for maximization).
    /// - Throws: ``SolverError`` from the backend, or `.nonFiniteCosts`/`.dimensionMismatch`.
    public func solve(_ costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: costDimension, problem: name)
        return try solveOne(costs)
    }

    /// Solves every cost vector, in parallel when `threads > 1`; the results keep the input order.
    /// - Throws: the first ``SolverError`` by instance index, its message prefixed with `name[i]`.
    public func solveBatch(_ batch: [[Double]]) throws -> [Solution] {
        let oracle = self
        return try parallelMap(batch.count, threads: threads, name: name) { i in try oracle.solve(batch[i]) }
    }

    /// Objective value `cᵀw` of a decision.
    public static func objective(_ costs: [Double], _ decision: [Double]) -> Double {
        var s = 0.0
        for j in 0..<costs.count { s += costs[j] * decision[j] }
        return s
    }
}
