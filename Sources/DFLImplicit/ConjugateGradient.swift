/// Matrix-free conjugate gradients for a symmetric positive definite `A` (for instance a
/// strictly convex problem's Hessian, or the adjoint of a fixed point whose Jacobian is symmetric
/// with spectral radius below 1). Stops when `‖b − A u‖₂ ≤ tolerance · ‖b‖₂`.
///
/// Not normal-equation CG: that squares the condition number; use ``GMRES`` for a general `A`.
public struct ConjugateGradient: LinearSolver, Sendable {
    /// Relative residual tolerance.
    public var tolerance: Double
    /// Iteration limit (default: none beyond `maxIterations`).
    public var maxIterations: Int

    /// A CG solver (defaults: relative tolerance `1e-12`, 1000 iterations).
    public init(tolerance: Double = 1e-12, maxIterations: Int = 1000) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// Solves `A u = b` from `u = 0`.
    /// - Throws: ``ImplicitDifferentiationError`` `.notConverged`, `.nonFinite`, or
    ///   `.notPositiveDefinite` when a search direction has `pᵀAp ≤ 0`.
    public func solve(_ a: LinearOperator, _ b: [Double]) throws -> [Double] {
        let n = a.size
        guard b.count == n else {
            throw ImplicitDifferentiationError.dimensionMismatch(what: "CG right-hand side", expected: n, got: b.count)
        }
        let bNorm = norm(b)
        var u = [Double](repeating: 0, count: n)
        guard bNorm > 0 else { return u }
        var r = b
        var p = r
        var rr = dot(r, r)
        for k in 0..<maxIterations {
            let ap = try a.apply(p)
            try LinearOperator.check(ap, n)
            let curvature = dot(p, ap)
            guard curvature.isFinite else {
                throw ImplicitDifferentiationError.nonFinite(solver: "CG", iteration: k + 1)
            }
            guard curvature > 0 else {
                throw ImplicitDifferentiationError.notPositiveDefinite(
                    solver: "CG", iteration: k + 1, curvature: curvature)
            }
            let step = rr / curvature
            for i in 0..<n {
                u[i] += step * p[i]
                r[i] -= step * ap[i]
            }
            let next = dot(r, r)
            if next.squareRoot() <= tolerance * bNorm { return u }
            let beta = next / rr
            rr = next
            for i in 0..<n { p[i] = r[i] + beta * p[i] }
        }
        throw ImplicitDifferentiationError.notConverged(
            solver: "CG", iterations: maxIterations, residual: rr.squareRoot() / bNorm)
    }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in 0..<a.count { s += a[i] * b[i] }
    return s
}

func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
