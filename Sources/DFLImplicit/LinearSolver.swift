/// A way to solve the adjoint system `A u = b`: a value passed to
/// ``ImplicitRoot/vectorJacobianProduct(_:solver:)`` and ``ImplicitFixedPoint/vectorJacobianProduct(_:solver:)``.
///
/// Dense: ``DenseLinearSolver`` (LU, Cholesky, LDLᵀ on the materialized matrix), or a
/// ``FactoredLinearSolver`` holding a factorization made earlier (for instance in the forward
/// pass). Matrix-free: ``NeumannSeries``, ``ConjugateGradient`` (symmetric positive definite `A`),
/// ``GMRES`` (general `A`), and ``JacobianFreeApproximation`` (`u = b`, the Jacobian-free
/// backpropagation of fixed points).
public protocol LinearSolver: Sendable {
    /// Solves `A u = b`.
    /// - Throws: ``ImplicitDifferentiationError`` when the solve fails or does not converge.
    func solve(_ a: LinearOperator, _ b: [Double]) throws -> [Double]
}

/// The Jacobian-free approximation `(I − K)⁻¹ ≈ I`: returns `u = b` without touching the operator.
///
/// For a fixed point this is Jacobian-free backpropagation (JFB; Fung et al. 2022): the first term
/// of the Neumann series, i.e. the gradient of one application of the map at the fixed point, with
/// the fixed point treated as a constant. Meaningful only for `A = I − K` with `K` small.
public struct JacobianFreeApproximation: LinearSolver {
    /// The approximation.
    public init() {}

    /// Returns `b`.
    public func solve(_ a: LinearOperator, _ b: [Double]) throws -> [Double] {
        guard b.count == a.size else {
            throw ImplicitDifferentiationError.dimensionMismatch(
                what: "Jacobian-free right-hand side", expected: a.size, got: b.count)
        }
        return b
    }
}
