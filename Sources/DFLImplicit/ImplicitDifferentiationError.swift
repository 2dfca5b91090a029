/// Failures of implicit differentiation: a linear solve of the adjoint system that did not
/// converge, broke down or could not be factorized, or operands of the wrong size.
public enum ImplicitDifferentiationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An iterative solver did not reach its tolerance within its iteration limit.
    case notConverged(solver: String, iterations: Int, residual: Double)
    /// An iterative solver produced a NaN or an infinity.
    case nonFinite(solver: String, iteration: Int)
    /// Conjugate gradients met a direction of non-positive curvature: the operator is not
    /// symmetric positive definite.
    case notPositiveDefinite(solver: String, iteration: Int, curvature: Double)
    /// A dense factorization failed (singular or indefinite matrix).
    case factorizationFailed(solver: String, reason: String)
    /// A vector or matrix has the wrong size.
    case dimensionMismatch(what: String, expected: Int, got: Int)

    /// A one-line message.
    public var description: String {
        switch self {
        case .notConverged(let s, let k, let r):
            return "\(s): the adjoint solve did not converge in \(k) iterations (residual \(r))"
        case .nonFinite(let s, let k): return "\(s): the adjoint solve produced a non-finite value at iteration \(k)"
        case .notPositiveDefinite(let s, let k, let c):
            return
                "\(s): non-positive curvature \(c) at iteration \(k); the operator is not symmetric positive definite"
        case .factorizationFailed(let s, let reason): return "\(s): factorization failed: \(reason)"
        case .dimensionMismatch(let what, let e, let g): return "\(what): expected \(e) entries, got \(g)"
        }
    }
}
