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

    /// Checks that `values` has `expected` finite entries.
    /// - Throws: ``LayerError`` with `.dimensionMismatch` or `.nonFiniteInput`, naming `what`.
    static func validate(_ values: [Double], expected: Int, what: String) throws {
        guard values.count == expected else {
            throw LayerError(.dimensionMismatch, "\(what): expected \(expected) entries, got \(values.count)")
        }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw LayerError(.nonFiniteInput, "\(what): entry \(i) = \(values[i]) is not finite")
        }
    }
}
