import DFLImplicit
import DFLLinearAlgebra
import DFLTensor
import Foundation

/// Errors of fixed-point layers.
public enum FixedPointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The iteration did not reach the tolerance within the iteration limit.
    case notConverged(iterations: Int, residual: Double)
    /// The map is not contractive at the fixed point (spectral radius of J ≥ 1), so
    /// `(I − J)⁻¹ = Σ Jᵏ` does not hold and neither gradient can be trusted.
    case notContractive(spectralRadius: Double)
    /// A NaN or infinity appeared.
    case nonFinite(iteration: Int)

    /// A one-line message.
    public var description: String {
        switch self {
        case .notConverged(let k, let r): return "fixed-point iteration did not converge in \(k) steps (residual \(r))"
        case .notContractive(let rho):
            return
                "the map is not contractive at its fixed point (spectral radius ≈ \(rho) ≥ 1); implicit and unrolled gradients are not valid"
        case .nonFinite(let k): return "fixed-point iteration produced a non-finite value at step \(k)"
        }
    }
}

/// How a fixed-point layer differentiates.
public enum FixedPointGradient: Sendable, Equatable, Codable {
    /// Backpropagate through `steps` explicit applications of Φ from the start point (R-DFL-U).
    case unrolled(steps: Int)
    /// Implicit function theorem at the fixed point (R-DFL-I): solve `(I − Jᵀ)u = g` with
    /// DFLImplicit's ``ImplicitFixedPoint``, by ``DenseLinearSolver`` (LU) when the state has at most
    /// `denseLimit` entries, else by the ``NeumannSeries`` `u ← g + Jᵀu` to `tolerance`.
    case implicit(denseLimit: Int = 256, tolerance: Double = 1e-10, maxIterations: Int = 500)
}

/// Settings of a fixed-point layer.
public struct FixedPointConfiguration: Sendable, Equatable, Codable {
    /// Stop when `‖z_{k+1} − z_k‖∞ ≤ tolerance` (default 1e-8; relative, see ``relativeTolerance``).
    public var tolerance: Double = 1e-8
    /// Read ``tolerance`` and the implicit backward's tolerance relative to the iterate's size:
    /// the forward stops when `‖z_{k+1} − z_k‖∞ ≤ tolerance · ‖z_{k+1}‖∞`, the Neumann backward when
    /// `‖u_{k+1} − u_k‖∞ ≤ tol · ‖g‖∞` (default false: absolute).
    public var relativeTolerance = false
    /// Iteration limit of the forward solve (default 500).
    public var maxIterations: Int = 500
    /// Anderson acceleration memory (0: plain iteration).
    public var andersonMemory: Int = 0
    /// How to differentiate.
    public var gradient: FixedPointGradient = .implicit()
    /// Check the spectral radius of J at the fixed point (power iteration) and throw when ≥ 1.
    public var checkContraction: Bool = true
    /// Power iterations of that check (default 30).
    public var contractionCheckIterations: Int = 30
    /// Implicit mode: iterate to z* without recording autodiff nodes (default true). `false`
    /// builds (and discards) a graph at every forward step — kept only to measure what that costs.
    public var graphFreeForward: Bool = true
    /// Implicit mode, matrix-free backward: when the Neumann series does not converge (or turns
    /// non-finite) its first `fallbackTruncation` terms `g + Jᵀg + … + (Jᵀ)^{K−1}g` are used — the
    /// gradient of K = `fallbackTruncation` unrolled steps at `z*` — and
    /// ``FixedPointStatistics/backwardFallbacks`` counts it (default 10). Such a backward then also
    /// estimates ρ(J) (``contractionCheckIterations`` products), whatever ``checkContraction`` says,
    /// and records it in ``FixedPointStatistics/lastSpectralRadius``.
    public var fallbackTruncation: Int = 10

    /// The defaults.
    public init() {}
}

/// The fixed point `z* = Φ(z*)` of a differentiable map, as a differentiable value.
///
/// `phi` builds `Φ(z)` from DFLKit ops; parameters (trainable ``Parameter`` leaves, inputs) are
/// captured inside it. With `.unrolled(K)` the result is `Φᴷ(z₀)` with ordinary autodiff through all
/// steps. With `.implicit` the forward iterates to convergence inside ``withoutGradients(_:)`` (no
/// autodiff node is built), then evaluates Φ once, differentiably, at `z*`; the backward maps the
/// cotangent `g` of `z*` to `u = (I − Jᵀ)⁻¹g` (J = ∂Φ/∂z at z*) and sends `u` into that one
/// evaluation, so `dL/dθ = uᵀ ∂Φ/∂θ` (Theorem 2).
/// - Throws: ``FixedPointError`` when the iteration does not converge or the map is not contractive.
public func fixedPoint(
    _ phi: (Variable) -> Variable, start z0: Tensor, configuration c: FixedPointConfiguration = .init(),
    statistics: FixedPointStatistics? = nil
) throws -> Variable {
    if case .unrolled(let steps) = c.gradient {
        var z = Variable(z0)
        for _ in 0..<steps { z = phi(z) }
        return z
    }
    // Graph-free forward: no autodiff node is recorded while iterating to z*.
    var forwardSteps = 0
    func step(_ z: Tensor) -> Tensor {
        forwardSteps += 1
        return phi(Variable(z)).value
    }
    let zStar =
        c.graphFreeForward
        ? try withoutGradients { try iterateToFixedPoint(step, start: z0, configuration: c) }
        : try iterateToFixedPoint(step, start: z0, configuration: c)
    statistics?.record(forwardEvaluations: forwardSteps + 1)
    let leaf = Variable(differentiable: zStar)
    let once = phi(leaf)
    guard case .implicit(let denseLimit, let tol, let maxIt) = c.gradient else { fatalError("unreachable") }
    let jt: @Sendable (Tensor) -> Tensor = { v in vectorJacobianProduct(of: once, withRespectTo: [leaf], seed: v)[0] }
    let checkIterations = c.contractionCheckIterations
    if c.checkContraction {
        statistics?.record(contractionCheckPullbacks: checkIterations)
        let rho = spectralRadiusEstimate(jt, shape: zStar.shape, iterations: checkIterations)
        statistics?.record(spectralRadius: rho)
        if rho >= 1 { throw FixedPointError.notContractive(spectralRadius: rho) }
    }
    let shape = zStar.shape
    // Dense (I − Jᵀ) materialized column by column from n pullbacks, LU-factorized once, reused per backward.
    var dense: FactoredLinearSolver?
    if zStar.scalarCount <= denseLimit {
        dense = try? DenseLinearSolver(.lu).factorize(fixedPointAdjoint(jt, shape: shape).adjointOperator)
        statistics?.record(denseJacobianColumns: zStar.scalarCount)
    }
    let lu = dense
    let relative = c.relativeTolerance
    let truncation = c.fallbackTruncation
    return Variable.record(once.value, parents: [once]) { g in
        // The adjoint of the fixed point (DFLImplicit): (I − Jᵀ)u = g, then uᵀ ∂Φ/∂θ through `once`.
        let adjoint = fixedPointAdjoint(jt, shape: shape)
        if let lu, let u = try? adjoint.vectorJacobianProduct(g.scalars, solver: lu) {
            return [Tensor(shape: shape, scalars: u)]
        }
        // Matrix-free: u ← g + Jᵀu, one pullback (vector–Jacobian product) per step; J is never formed.
        // The power-iteration check can underestimate ρ(J) (non-normal J): if the series has not
        // converged within the limit or turned non-finite, the partial sum of its first
        // `truncation` terms — the gradient of `truncation` unrolled steps at z* — is returned
        // instead of a wrong (possibly huge) one, and the event is counted. The iterate after
        // k products holds k + 1 terms, so K terms are the iterate after K − 1 products (K = 1: g).
        let scale = relative ? (g.scalars.map(Swift.abs).max() ?? 0) : 1
        let neumann = NeumannSeries(tolerance: tol * scale, maxIterations: maxIt)
        guard
            let run = try? neumann.iterate(
                adjoint.adjointOperator, g.scalars, keepingPartialSumAfter: truncation - 1)
        else { return [g] }
        statistics?.record(backwardPullbacks: run.iterations)
        if run.converged, run.solution.allSatisfy(\.isFinite) { return [Tensor(shape: shape, scalars: run.solution)] }
        statistics?.record(contractionCheckPullbacks: checkIterations, backwardFallbacks: 1)
        statistics?.record(spectralRadius: spectralRadiusEstimate(jt, shape: shape, iterations: checkIterations))
        if let truncated = run.partialSum, truncated.allSatisfy(\.isFinite) {
            return [Tensor(shape: shape, scalars: truncated)]
        }
        return [g]
    }
}

/// The fixed point's adjoint system for DFLImplicit: `Jᵀ` is the tape pullback `jt` on tensors of
/// `shape`, and the parameter VJP is the identity (the tape sends `u` into the one recorded
/// evaluation of Φ, which gives `uᵀ ∂Φ/∂θ`).
func fixedPointAdjoint(_ jt: @escaping @Sendable (Tensor) -> Tensor, shape: [Int]) -> ImplicitFixedPoint<[Double]> {
    ImplicitFixedPoint(
        size: shape.reduce(1, *),
        mapTransposedJacobian: { jt(Tensor(shape: shape, scalars: $0)).scalars },
        parameterTransposedJacobian: { $0 })
}

/// Iterates `z ← Φ(z)` (optionally Anderson-accelerated) until the step is below the tolerance.
/// - Throws: ``FixedPointError``.
public func iterateToFixedPoint(
    _ phi: (Tensor) -> Tensor, start: Tensor, configuration c: FixedPointConfiguration
) throws -> Tensor {
    var z = start
    var history: [(z: [Double], f: [Double])] = []
    for k in 1...c.maxIterations {
        let fz = phi(z)
        guard fz.isFinite else { throw FixedPointError.nonFinite(iteration: k) }
        let residual = zip(fz.scalars, z.scalars).map { Swift.abs($0 - $1) }.max() ?? 0
        let size = c.relativeTolerance ? (fz.scalars.map(Swift.abs).max() ?? 0) : 1
        if residual <= c.tolerance * size { return fz }
        if c.andersonMemory > 0 {
            history.append((z.scalars, fz.scalars))
            if history.count > c.andersonMemory + 1 { history.removeFirst() }
            z = Tensor(shape: z.shape, scalars: andersonStep(history))
        } else {
            z = fz
        }
    }
    let last = phi(z)
    let residual = zip(last.scalars, z.scalars).map { Swift.abs($0 - $1) }.max() ?? .infinity
    throw FixedPointError.notConverged(iterations: c.maxIterations, residual: residual)
}

/// Type-II Anderson step: the combination of the last maps that minimizes the residual norm.
func andersonStep(_ h: [(z: [Double], f: [Double])]) -> [Double] {
    let m = h.count
    guard m >= 2 else { return h.last!.f }
    let n = h[0].z.count
    let r = h.map { zip($0.f, $0.z).map(-) }
    // Minimize ‖r_m + Σ γ_i (r_i − r_m)‖ over γ by least squares.
    var a = Matrix(rows: n, columns: m - 1)
    for i in 0..<(m - 1) { for j in 0..<n { a[j, i] = r[i][j] - r[m - 1][j] } }
    let b = Matrix(rows: n, columns: 1, elements: r[m - 1].map { -$0 })
    guard let gamma = try? a.leastSquares(b) else { return h.last!.f }
    var out = h[m - 1].f
    for i in 0..<(m - 1) { for j in 0..<n { out[j] += gamma.elements[i] * (h[i].f[j] - h[m - 1].f[j]) } }
    return out
}

/// Power-iteration estimate of the spectral radius of the linear map `jt` (≈ ρ(J) = ρ(Jᵀ)).
func spectralRadiusEstimate(_ jt: (Tensor) -> Tensor, shape: [Int], iterations: Int = 30) -> Double {
    let n = shape.reduce(1, *)
    var v = Tensor(shape: shape, scalars: (0..<n).map { 1 + 0.1 * Double($0 % 7) })
    var rho = 0.0
    for _ in 0..<iterations {
        let norm = v.norm()
        guard norm > 0 else { return 0 }
        v = v * (1 / norm)
        let w = jt(v)
        rho = w.norm()
        v = w
    }
    return rho
}

/// Work counters of fixed-point layers (summed over calls): how many evaluations of Φ the forward
/// took, how many vector–Jacobian products the backward and the contraction check took, and how many
/// dense Jacobian columns were built (0 on the matrix-free path).
///
/// `@unchecked Sendable`: the counters are written by the forward and by the backward closure of
/// the layer, which run on the single training thread; a lock guards them anyway.
public final class FixedPointStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = [Int](repeating: 0, count: 6)
    private var spectralRadiusValue: Double?

    /// Empty counters.
    public init() {}

    func record(spectralRadius rho: Double) {
        lock.lock()
        defer { lock.unlock() }
        spectralRadiusValue = rho
    }

    func record(
        forwardEvaluations: Int = 0, contractionCheckPullbacks: Int = 0, backwardPullbacks: Int = 0,
        denseJacobianColumns: Int = 0,
        backwardFallbacks: Int = 0
    ) {
        lock.lock()
        defer { lock.unlock() }
        counts[5] += backwardFallbacks
        counts[0] += forwardEvaluations
        counts[1] += contractionCheckPullbacks
        counts[2] += backwardPullbacks
        counts[3] += denseJacobianColumns
        if forwardEvaluations > 0 { counts[4] += 1 }
    }

    private func read(_ i: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return counts[i]
    }
    /// Evaluations of Φ in forward solves (the graph-recording one at z* included).
    public var forwardEvaluations: Int { read(0) }
    /// Vector–Jacobian products spent on the contraction check.
    public var contractionCheckPullbacks: Int { read(1) }
    /// Vector–Jacobian products of matrix-free backward solves.
    public var backwardPullbacks: Int { read(2) }
    /// Dense Jacobian columns built (dense-LU backward only).
    public var denseJacobianColumns: Int { read(3) }
    /// Implicit fixed-point solves counted.
    public var solves: Int { read(4) }
    /// Matrix-free backward solves whose Neumann series did not converge (the truncated series was used).
    public var backwardFallbacks: Int { read(5) }
    /// The last power-iteration estimate of ρ(J) (contraction check or failed backward); nil before any.
    public var lastSpectralRadius: Double? {
        lock.lock()
        defer { lock.unlock() }
        return spectralRadiusValue
    }
}
