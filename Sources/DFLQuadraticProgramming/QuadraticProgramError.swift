import DFLOptimization

/// The one error type of the quadratic-programming solver: what went wrong and where.
///
/// Every user-caused problem (sizes that disagree, a non-finite entry, an infeasible program, an
/// iteration limit, a singular system) is reported with this type rather than a crash. The layers
/// built on the solver (`DFLLayers`) turn it into their own `LayerError` with the same reason.
public struct QuadraticProgramError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// A configuration value is out of range (for example a tolerance `≤ 0`).
        case invalidConfiguration
        /// An input has the wrong size.
        case dimensionMismatch
        /// An input holds NaN or an infinity.
        case nonFiniteInput
        /// The program itself is malformed (sizes, bound order, a Hessian that is not convex).
        case invalidModel
        /// The constraints have no feasible point.
        case infeasible
        /// The interior-point method stopped at its iteration limit above its tolerance.
        case notConverged
        /// A factorization failed (a singular Newton or KKT system).
        case numericalFailure
    }

    /// The kind of failure.
    public var reason: Reason
    /// A message saying what and where (which part of the program, iteration, residual).
    public var message: String

    /// Creates an error with a reason and a message.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// A one-line description: `"quadratic program error (infeasible): QP: ..."`.
    public var description: String { "quadratic program error (\(reason.rawValue)): \(message)" }
}

/// An error type built from the QP solver's reasons: a vector of the wrong length is
/// `.dimensionMismatch` and a NaN or infinite entry `.nonFiniteInput`, worded once for the solver
/// and the layers built on it.
package protocol QuadraticProgramReasoned: VectorValidationError {
    /// Creates an error with a reason and a message.
    init(_ reason: QuadraticProgramError.Reason, _ message: String)
}

extension QuadraticProgramReasoned {
    package static func wrongLength(_ what: String, expected: Int, count: Int) -> Self {
        Self(.dimensionMismatch, "\(what): expected \(expected) entries, got \(count)")
    }

    package static func nonFinite(_ what: String, index: Int, value: Double) -> Self {
        Self(.nonFiniteInput, "\(what): entry \(index) = \(value) is not finite")
    }
}

extension QuadraticProgramError: QuadraticProgramReasoned {}
