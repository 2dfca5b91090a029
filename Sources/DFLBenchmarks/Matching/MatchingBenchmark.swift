import DFLLayers
import DFLLinearAlgebra
import DFLQuadraticProgramming
import DFLRandom
import DFLTensor
import DFLTraining
import Foundation

/// Bipartite driver–rider matching with regret feedback (R-BMP), DFLKit's documented reconstruction
/// of the R-DFL paper's benchmark (docs/papers/recursive.md, "Bipartite matching"):
///
/// ```
/// costs  c_ij(x, v) = R_d,ij + R_r,ij
///        R_r,ij = α_r t_ij u_j (1 + κ_r (1 − Σ_k x_kj))          (riders wait, urgency u_j)
///        R_d,ij = α_d t_ij (1 + β_d f_i + β_p peak) + κ_d Σ_k x_ik t_ik   (driver fatigue, load)
/// G(c)   = argmin cᵀx + γ‖x‖²  s.t. Σ_j x_ij ≤ 1, Σ_i x_ij ≤ 1, Σ x ≥ L = ⌈n/2⌉, 0 ≤ x ≤ 1
/// truth  the equilibrium x* = G(c(x*, v))
/// ```
/// Synthetic stand-in for NYC TLC data: drivers and riders uniform in a 10 km square, `t_ij` = distance
/// at 20 km/h in minutes, `u_j ~ U[0.5, 1.5]`, `f_i ~ U[0, 1]`, `peak ~ Bernoulli(0.3)`; α = 0.05,
/// β = 0.5, κ_r = 0.5, κ_d = 0.002, γ = 0.5.
///
/// What sampling guarantees: a draw is kept only when (1) the equilibrium iteration settled
/// (`‖Δx‖∞ < 1e-9`; plain, then damped — damping keeps the fixed points) and (2) a power-iteration
/// estimate of the spectral radius of `J = ∂G/∂c · ∂c/∂x` at x* (``spectralRadiusEstimates(equilibria:features:)``,
/// 40 products with `Jᵀ`) is below ``maximumSpectralRadius`` (default 1), so x* is an attracting
/// fixed point of the undamped map that R-DFL iterates. The estimate is not a bound: a non-normal J
/// can have ρ slightly above the estimate.
public struct MatchingBenchmark: RecursiveProblem {
    /// Drivers = riders = n.
    public let size: Int
    /// Regularization γ.
    public let gamma: Double
    /// Minimum number of matches L.
    public let minimumMatches: Double
    /// Regret constants.
    public var alphaRider = 0.05, alphaDriver = 0.05, betaFatigue = 0.5, betaPeak = 0.5, kappaRider = 0.5,
        kappaDriver = 0.002
    /// Sampled draws whose estimated ρ(J) at the equilibrium is at least this are rejected (default 1).
    public var maximumSpectralRadius = 1.0
    var qp: ConvexQPLayer

    /// Creates the benchmark for `n × n` matching; `threads` caps the workers of each batch of QP
    /// solves (default: all cores).
    public init(size n: Int, gamma: Double = 0.5, threads: Int = .max) throws {
        size = n
        self.gamma = gamma
        minimumMatches = Double((n + 1) / 2)
        let d = n * n
        var rows: [[Double]] = []
        for i in 0..<n { rows.append((0..<d).map { $0 / n == i ? 1 : 0 }) }
        for j in 0..<n { rows.append((0..<d).map { $0 % n == j ? 1 : 0 }) }
        rows.append([Double](repeating: -1, count: d))
        qp = try ConvexQPLayer(
            program: DenseQuadraticProgram(
                hessian: (2 * gamma) * Matrix.identity(d), linear: [Double](repeating: 0, count: d),
                inequalityMatrix: Matrix(rows),
                inequalityRHS: [Double](repeating: 1, count: 2 * n) + [-Double((n + 1) / 2)],
                lowerBounds: [Double](repeating: 0, count: d), upperBounds: [Double](repeating: 1, count: d)))
        qp.threads = threads
    }

    /// Features: travel times `t` (n², minutes), urgencies `u` (n), fatigue `f` (n), peak (1).
    public var featureCount: Int { size * size + 2 * size + 1 }
    /// n² assignment variables.
    public var decisionCount: Int { size * size }
    /// n² generalized costs.
    public var parameterCount: Int { size * size }
    /// Decisions are in [0, 1].
    public var decisionScale: Double { 1 }
    /// The recursion starts from the uniform fractional matching.
    public var startDecision: Double { 1 / Double(size) }

    /// G: the regularized matching QP.
    public func optimize(_ parameters: Variable) throws -> Variable { try qp(parameters) }

    /// True generalized costs `c(x, v)`.
    public func costs(decision x: [Double], features v: [Double]) -> [Double] {
        let n = size
        let t = Array(v[0..<(n * n)]), u = Array(v[(n * n)..<(n * n + n)])
        let f = Array(v[(n * n + n)..<(n * n + 2 * n)]), peak = v[n * n + 2 * n]
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            var load = 0.0
            for k in 0..<n { load += x[i * n + k] * t[i * n + k] }
            for j in 0..<n {
                var matched = 0.0
                for k in 0..<n { matched += x[k * n + j] }
                let rider = alphaRider * t[i * n + j] * u[j] * (1 + kappaRider * (1 - matched))
                let driver =
                    alphaDriver * t[i * n + j] * (1 + betaFatigue * f[i] + betaPeak * peak) + kappaDriver * load
                c[i * n + j] = rider + driver
            }
        }
        return c
    }

    /// `(∂c/∂x)ᵀ w` at features `v` (the costs are affine in x): rider waiting
    /// `∂c_ij/∂x_kj = −α_r κ_r t_ij u_j` and driver load `∂c_ij/∂x_ik = κ_d t_ik`.
    public func costJacobianTransposeProduct(_ w: [Double], features v: [Double]) -> [Double] {
        let n = size
        let t = Array(v[0..<(n * n)]), u = Array(v[(n * n)..<(n * n + n)])
        var out = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            var rowSum = 0.0
            for j in 0..<n { rowSum += w[k * n + j] }
            for l in 0..<n { out[k * n + l] += kappaDriver * t[k * n + l] * rowSum }
        }
        for l in 0..<n {
            var columnDot = 0.0
            for i in 0..<n { columnDot += w[i * n + l] * t[i * n + l] }
            for k in 0..<n { out[k * n + l] -= alphaRider * kappaRider * u[l] * columnDot }
        }
        return out
    }

    /// Power-iteration estimates of ρ(J), `J = ∂G/∂c · ∂c/∂x` the Jacobian of the map
    /// `x ↦ G(c(x, v))` at each equilibrium, from `iterations` products with `Jᵀ` (one batched QP
    /// backward each): the geometric mean of the growth factors of the second half of the run
    /// (robust to a complex dominant pair, for which the single-step ratio oscillates).
    /// - Throws: the QP layer's error when an instance cannot be solved.
    public func spectralRadiusEstimates(equilibria xs: [[Double]], features vs: [[Double]], iterations: Int = 40)
        throws -> [Double]
    {
        let d = size * size, b = xs.count
        guard b > 0 else { return [] }
        let c = Variable(
            differentiable: Tensor(
                shape: [b, d], scalars: zip(xs, vs).flatMap { costs(decision: $0, features: $1) }))
        let g = try qp(c)
        var v = [[Double]](repeating: (0..<d).map { 1 + 0.1 * Double($0 % 7) }, count: b)
        var logGrowth = [Double](repeating: 0, count: b)
        var counted = [Int](repeating: 0, count: b)
        for step in 0..<iterations {
            for i in 0..<b {
                let norm = v[i].map { $0 * $0 }.reduce(0, +).squareRoot()
                if norm > 0 { v[i] = v[i].map { $0 / norm } }
            }
            let gt = vectorJacobianProduct(
                of: g, withRespectTo: [c], seed: Tensor(shape: [b, d], scalars: v.flatMap { $0 }))[0].rows
            for i in 0..<b {
                v[i] = costJacobianTransposeProduct(gt[i], features: vs[i])
                let growth = v[i].map { $0 * $0 }.reduce(0, +).squareRoot()
                if step >= iterations / 2 {
                    logGrowth[i] += growth > 0 ? Foundation.log(growth) : -.infinity
                    counted[i] += 1
                }
            }
        }
        return (0..<b).map { counted[$0] > 0 ? Foundation.exp(logGrowth[$0] / Double(counted[$0])) : 0 }
    }

    /// Features of a random instance.
    public func randomFeatures(rng: inout SeededGenerator) -> [Double] {
        let n = size
        let drivers = (0..<n).map { _ in (rng.uniform(0, 10), rng.uniform(0, 10)) }
        let riders = (0..<n).map { _ in (rng.uniform(0, 10), rng.uniform(0, 10)) }
        var t: [Double] = []
        for i in 0..<n {
            for j in 0..<n {
                let dx = drivers[i].0 - riders[j].0, dy = drivers[i].1 - riders[j].1
                t.append((dx * dx + dy * dy).squareRoot() / 20 * 60)
            }
        }
        let u = rng.uniform(0.5, 1.5, count: n), f = rng.uniform(0, 1, count: n)
        return t + u + f + [Double(rng.bernoulli(0.3))]
    }

    /// The equilibrium decision for features `v`.
    public func equilibrium(features v: [Double]) throws -> [Double] { try equilibria(features: [v])[0] }

    /// The equilibrium decisions of several instances, iterated together: each step solves one QP
    /// batch over the instances that have not converged yet (`‖Δx‖∞ < 1e-9`); after 200 plain steps
    /// the averaged map `(1−β)x + βG(x)` (same fixed points; β = ½, then ⅕ after 800 steps) is iterated.
    /// - Throws: `FixedPointError.notConverged` when an instance needs more than 2000 steps.
    public func equilibria(features vs: [[Double]]) throws -> [[Double]] {
        let (xs, residual) = try convergedEquilibria(features: vs)
        guard let worst = residual.compactMap({ $0 }).max() else { return xs.map { $0! } }
        throw FixedPointError.notConverged(iterations: 2000, residual: worst)
    }

    /// Equilibria where the iteration converged (`nil` elsewhere) and the last step size of the
    /// instances that did not converge.
    func convergedEquilibria(features vs: [[Double]]) throws -> (equilibria: [[Double]?], residual: [Double?]) {
        let d = size * size
        var xs = [[Double]](repeating: [Double](repeating: startDecision, count: d), count: vs.count)
        var active = Array(vs.indices)
        var lastDelta = [Double?](repeating: nil, count: vs.count)
        for iteration in 0..<2000 where !active.isEmpty {
            // Plain iteration first; an instance still moving after 200 steps (seen: 2-cycles on
            // 30×30 instances, the price feedback overshooting) continues with an averaged map.
            let beta = iteration < 200 ? 1.0 : iteration < 800 ? 0.5 : 0.2
            let c = Tensor(
                shape: [active.count, d], scalars: active.flatMap { costs(decision: xs[$0], features: vs[$0]) })
            let next = try withoutGradients { try qp(Variable(c)).value.scalars }
            var still: [Int] = []
            for (k, i) in active.enumerated() {
                let row = (0..<d).map { (1 - beta) * xs[i][$0] + beta * next[k * d + $0] }
                let delta = zip(row, xs[i]).map { abs($0 - $1) }.max() ?? 0
                xs[i] = row
                lastDelta[i] = delta
                if delta >= 1e-9 { still.append(i) }
            }
            active = still
        }
        let unconverged = Set(active)
        return (
            vs.indices.map { unconverged.contains($0) ? nil : xs[$0] },
            vs.indices.map { unconverged.contains($0) ? lastDelta[$0] : nil }
        )
    }

    /// `count` synthetic instances (costs observed at the equilibrium, noise-free). Draws whose
    /// iteration does not settle to an equilibrium (no stable market outcome, so no ground truth)
    /// or whose estimated ρ(J) at the equilibrium is not below ``maximumSpectralRadius`` are replaced
    /// by fresh draws; ``sampleWithRejections(count:seed:)`` also reports how many.
    /// - Throws: `FixedPointError.notConverged` (or `.notContractive` when only the contraction
    ///   check rejected) when more than `count` draws had to be rejected.
    public func sample(count: Int, seed: UInt64) throws -> [RecursiveInstance] {
        try sampleWithRejections(count: count, seed: seed).instances
    }

    /// ``sample(count:seed:)`` with the number of rejected draws (unsettled or not contractive).
    public func sampleWithRejections(count: Int, seed: UInt64) throws -> (instances: [RecursiveInstance], rejected: Int)
    {
        var rng = SeededGenerator(seed: seed)
        var out: [RecursiveInstance] = []
        var unsettled = 0, notContractive = 0
        var worst = 0.0, worstRho = 0.0
        while out.count < count {
            let vs = (0..<(count - out.count)).map { _ in randomFeatures(rng: &rng) }
            let (xs, residual) = try convergedEquilibria(features: vs)
            let settled = vs.indices.filter { xs[$0] != nil }
            let rhos = try spectralRadiusEstimates(
                equilibria: settled.map { xs[$0]! }, features: settled.map { vs[$0] })
            for (i, rho) in zip(settled, rhos) {
                guard rho < maximumSpectralRadius else {
                    notContractive += 1
                    worstRho = max(worstRho, rho)
                    continue
                }
                let (v, x) = (vs[i], xs[i]!)
                out.append(RecursiveInstance(features: v, decision: x, parameters: costs(decision: x, features: v)))
            }
            let failed = residual.compactMap { $0 }
            unsettled += failed.count
            worst = max(worst, failed.max() ?? 0)
            if unsettled + notContractive > count {
                if unsettled == 0 { throw FixedPointError.notContractive(spectralRadius: worstRho) }
                throw FixedPointError.notConverged(iterations: 2000, residual: worst)
            }
        }
        return (out, unsettled + notContractive)
    }

    /// Reads real (e.g. NYC-TLC-derived) instances from a CSV with one row per instance and the
    /// columns `t0..t{n²−1}, u0..u{n−1}, f0..f{n−1}, peak`; equilibria are computed.
    /// - Throws: `FixedPointError` when an equilibrium is not reached; `CocoaError`-style read
    ///   failures; `MatchingDataError` naming the line for a malformed row.
    public func load(csv path: String) throws -> [RecursiveInstance] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        guard lines.count >= 2 else { throw MatchingDataError(message: "\(path): no data rows") }
        let vs = try lines.dropFirst().enumerated().map { k, line in
            let cells = line.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard cells.count == featureCount, cells.allSatisfy({ $0 != nil }) else {
                throw MatchingDataError(
                    message: "\(path):\(k + 2): expected \(featureCount) numeric columns, got \(cells.count)")
            }
            return cells.compactMap { $0 }
        }
        let xs = try equilibria(features: vs)
        return zip(vs, xs).map { v, x in
            RecursiveInstance(features: v, decision: x, parameters: costs(decision: x, features: v))
        }
    }
}

/// A malformed matching-instance file.
public struct MatchingDataError: Error, Sendable, CustomStringConvertible {
    /// What and where.
    public var message: String
    /// The message.
    public var description: String { message }
}
