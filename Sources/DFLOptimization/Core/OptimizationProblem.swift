/// Whether an objective is minimized or maximized.
public enum ObjectiveSense: String, Codable, Sendable, CaseIterable {
    /// Smaller objective values are better.
    case minimize
    /// Larger objective values are better.
    case maximize

    /// `+1` for minimization and `-1` for maximization (PyEPO's `EPO.MINIMIZE`/`EPO.MAXIMIZE`).
    public var sign: Double { self == .minimize ? 1 : -1 }
}

/// A linear-objective decision problem `min/max cᵀw over w ∈ S` whose cost vector `c` is predicted.
///
/// A problem is immutable data; every solve takes the costs as an argument, so one problem value can
/// be solved on many threads at once.
public protocol OptimizationProblem: Sendable {
    /// Number of cost coefficients a predictor must output (the length of `c` and of `w`).
    var costDimension: Int { get }
    /// Whether the objective is minimized or maximized.
    var sense: ObjectiveSense { get }
    /// A short human-readable name, e.g. `"shortest-path 5x5"`, used in error messages and reports.
    var name: String { get }
}

/// An optimal decision and its objective value.
public struct Solution: Sendable, Codable, Equatable {
    /// The decision `w*(c)`, of length `costDimension`.
    public var decision: [Double]
    /// The objective value `cᵀw*` (including any constant offset of the model).
    public var objective: Double

    /// Creates a solution from a decision and its objective value.
    public init(decision: [Double], objective: Double) {
        self.decision = decision
        self.objective = objective
    }
}

/// A backend that finds an optimal decision for a problem of type `Problem` under costs `c`.
public protocol Solver<Problem>: Sendable {
    /// The kind of problem this solver handles.
    associatedtype Problem: OptimizationProblem
    /// Returns an optimal decision `w*(c)` and its objective value.
    /// - Throws: ``SolverError`` when the costs are malformed (wrong length, NaN), the problem is
    ///   infeasible or unbounded, or the backend fails or times out.
    func solve(_ problem: Problem, costs: [Double]) throws -> Solution
}
