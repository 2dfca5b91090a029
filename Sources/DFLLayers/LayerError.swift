import DFLOptimization

/// The one error type of the differentiable optimization layers: what went wrong and where.
///
/// Every user-caused problem (bad smoothing, sizes that disagree, an infeasible relaxation, an
/// iteration that did not converge) is reported with this type rather than a crash.
public struct LayerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable, Codable {
        /// A configuration value is out of range (for example a smoothing `μ ≤ 0`).
        case invalidConfiguration
        /// An input has the wrong size.
        case dimensionMismatch
        /// An input holds NaN or an infinity.
        case nonFiniteInput
        /// The constraint description itself is malformed (sizes, bound order).
        case invalidModel
        /// The LP relaxation has no feasible point.
        case infeasible
        /// An iterative method stopped at its iteration limit above its tolerance.
        case notConverged
        /// A factorization failed (matrix not positive definite where it must be).
        case numericalFailure
    }

    /// The kind of failure.
    public var reason: Reason
    /// A message saying what and where (layer, instance index, residual).
    public var message: String

    /// Creates an error with a reason and a message.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// A one-line description: `"layer error (notConverged): QP layer[3]: ..."`.
    public var description: String { "layer error (\(reason.rawValue)): \(message)" }
}

extension LayerError: VectorValidationError {
    package static func wrongLength(_ what: String, expected: Int, count: Int) -> LayerError {
        LayerError(.dimensionMismatch, "\(what): expected \(expected) entries, got \(count)")
    }

    package static func nonFinite(_ what: String, index: Int, value: Double) -> LayerError {
        LayerError(.nonFiniteInput, "\(what): entry \(index) = \(value) is not finite")
    }
}
