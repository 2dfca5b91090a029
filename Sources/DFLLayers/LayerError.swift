import DFLOptimization
import DFLQuadraticProgramming

/// The one error type of the differentiable optimization layers: what went wrong and where.
///
/// Every user-caused problem (bad smoothing, sizes that disagree, an infeasible relaxation, an
/// iteration that did not converge) is reported with this type rather than a crash.
public struct LayerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure: the quadratic-programming solver's reasons, which the layers share
    /// (a bad setting, a wrong size, a non-finite input, a malformed model, an infeasible
    /// relaxation, an iteration limit, a failed factorization).
    public typealias Reason = QuadraticProgramError.Reason

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

extension LayerError: QuadraticProgramReasoned {}
