import DFLErrors

/// The kinds of ``SolverError``: `"solver error (infeasible): knapsack[17]: ..."`.
public enum SolverFailure: String, Sendable, Codable, ErrorDomain {
    /// The cost vector has the wrong length.
    case dimensionMismatch
    /// A cost coefficient is NaN or infinite.
    case nonFiniteCosts
    /// A cost coefficient is finite but beyond what the solver handles (CBC/CLP: magnitude
    /// ≥ 1e20; the exact solvers: so large that a sum of the costs could overflow).
    case costOutOfRange
    /// The model has no feasible point.
    case infeasible
    /// The objective is unbounded in the optimizing direction.
    case unbounded
    /// The backend stopped at its time or iteration limit without proving optimality.
    case limitReached
    /// The backend reported a numerical failure or an unknown status.
    case numericalFailure
    /// The model itself is malformed (inconsistent sizes, bad bounds, unreadable file).
    case invalidModel
    /// The problem is too large for the chosen exact method.
    case tooLarge

    /// `"solver"`.
    public static let name = "solver"
}

/// The one error type of the optimization layer: what went wrong and where.
public typealias SolverError = DomainError<SolverFailure>

extension SolverError {
    /// Checks that `costs` has length `expected`, only finite entries, and entries of magnitude
    /// below `limit` (default: the largest for which a sum of all `expected` of them cannot overflow).
    /// - Throws: ``SolverError`` with `.dimensionMismatch`, `.nonFiniteCosts` or `.costOutOfRange`,
    ///   naming `problem` and the entry.
    public static func validate(costs: [Double], expected: Int, problem: String, limit: Double? = nil) throws {
        try validate(costs, expected: expected, what: problem)
        let bound = limit ?? Double.greatestFiniteMagnitude / Double(max(expected, 1))
        if let i = costs.firstIndex(where: { abs($0) >= bound }) {
            throw SolverError(
                .costOutOfRange, "\(problem): cost c[\(i)] = \(costs[i]) is beyond the solver's range (|c| < \(bound))")
        }
    }
}

extension SolverFailure: VectorValidationDomain {
    package static func wrongLength(_ what: String, expected: Int, count: Int) -> SolverError {
        SolverError(.dimensionMismatch, "\(what): expected \(expected) cost coefficients, got \(count)")
    }

    package static func nonFinite(_ what: String, index: Int, value: Double) -> SolverError {
        SolverError(.nonFiniteCosts, "\(what): cost c[\(index)] = \(value) is not finite")
    }
}
