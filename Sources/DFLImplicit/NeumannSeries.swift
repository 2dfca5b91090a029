/// Matrix-free solution of `(I − K) u = b` by the Neumann series `u ← b + K u` (fixed-point
/// iteration on the adjoint), one application of `K` per step. It converges when the spectral
/// radius of `K` is below 1 — for a fixed point `z = T(z)`, when `T` is contractive there.
/// For a general operator `A` it runs on `K = I − A` (Richardson iteration).
public struct NeumannSeries: LinearSolver, Sendable {
    /// Stop when `‖u_{k+1} − u_k‖∞ ≤ tolerance`.
    public var tolerance: Double
    /// Iteration limit (applications of `K`).
    public var maxIterations: Int

    /// A Neumann series solver (defaults: tolerance `1e-10`, 500 iterations).
    public init(tolerance: Double = 1e-10, maxIterations: Int = 500) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    /// The outcome of ``iterate(_:_:keepingPartialSumAfter:)``.
    public struct Run: Sendable {
        /// The last iterate.
        public var solution: [Double]
        /// Applications of `K`.
        public var iterations: Int
        /// Whether the tolerance was met.
        public var converged: Bool
        /// The last step `‖u_{k+1} − u_k‖∞`.
        public var lastStep: Double
        /// The partial sum after the requested number of terms, when the run got that far.
        public var partialSum: [Double]?
    }

    /// Runs the series without throwing: stops at the tolerance, at the iteration limit, or at
    /// the first non-finite step. `partialSumTerms` asks for a copy of the iterate after that
    /// many applications of `K` (a truncated series, for callers that fall back to it).
    /// - Throws: only what the operator throws.
    public func iterate(_ a: LinearOperator, _ b: [Double], keepingPartialSumAfter partialSumTerms: Int? = nil) throws
        -> Run
    {
        var u = b
        var iterations = 0
        var converged = false
        var lastStep = Double.infinity
        var partial: [Double]?
        for step in 0..<maxIterations {
            let ku = try a.contractionApply(u)
            try LinearOperator.check(ku, b.count)
            var next = b
            for i in 0..<next.count { next[i] = b[i] + ku[i] }
            iterations += 1
            let delta = zip(next, u).map { Swift.abs($0 - $1) }.max() ?? 0
            u = next
            lastStep = delta
            if step + 1 == partialSumTerms { partial = u }
            if !delta.isFinite { break }
            if delta <= tolerance {
                converged = true
                break
            }
        }
        return Run(solution: u, iterations: iterations, converged: converged, lastStep: lastStep, partialSum: partial)
    }

    /// Solves `(I − K) u = b`.
    /// - Throws: ``ImplicitDifferentiationError/notConverged(solver:iterations:residual:)`` at the
    ///   iteration limit, ``ImplicitDifferentiationError/nonFinite(solver:iteration:)`` for a
    ///   diverging series.
    public func solve(_ a: LinearOperator, _ b: [Double]) throws -> [Double] {
        guard b.count == a.size else {
            throw ImplicitDifferentiationError.dimensionMismatch(
                what: "Neumann right-hand side", expected: a.size, got: b.count)
        }
        let run = try iterate(a, b)
        if run.converged, run.solution.allSatisfy(\.isFinite) { return run.solution }
        if !run.lastStep.isFinite || !run.solution.allSatisfy(\.isFinite) {
            throw ImplicitDifferentiationError.nonFinite(solver: "Neumann series", iteration: run.iterations)
        }
        throw ImplicitDifferentiationError.notConverged(
            solver: "Neumann series", iterations: run.iterations, residual: run.lastStep)
    }
}
