import DFLErrors
import DFLOptimization
import DFLQuadraticProgramming

/// The domain of ``LayerError``: `"layer error (notConverged): QP layer[3]: ..."`. Its reasons are
/// the quadratic-programming solver's, which the layers share (a bad setting, a wrong size, a
/// non-finite input, a malformed model, an infeasible relaxation, an iteration limit, a failed
/// factorization).
public enum LayerFailure: ErrorDomain {
    /// The solver's reasons.
    public typealias Reason = QuadraticProgramFailure

    /// `"layer"`.
    public static let name = "layer"
}

/// The one error type of the differentiable optimization layers: what went wrong and where.
///
/// Every user-caused problem (bad smoothing, sizes that disagree, an infeasible relaxation, an
/// iteration that did not converge) is reported with this type rather than a crash.
public typealias LayerError = DomainError<LayerFailure>

extension LayerFailure: QuadraticProgramReasoned {}
