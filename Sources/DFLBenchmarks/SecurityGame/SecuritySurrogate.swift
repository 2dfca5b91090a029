import DFLRandom
import Foundation

/// The Surrogate baseline of Wang et al. 2020 (docs/papers/energy.md, "Network security game"):
/// the defender's coverage is reparameterized as `a = P y` with a learned nonnegative
/// `P ∈ ℝ^{|E|×K}` whose columns sum to 1 (column softmax of `logits`), so `Σ a = Σ y` and the budget set maps to
/// `{0 ≤ y ≤ 1, Σ y ≤ k}`. The small problem
/// `min_y ĝ(y) = (1/S) Σ_s obj(P y, φ_s) + ρ Σ_e [(P y)_e − 1]_+²` is solved by projected gradient
/// and differentiated through its `K`-dimensional KKT system, both in the scenarios `φ_s` and in `P`.
/// The executed decision is `clamp(P y, 0, 1)` (the penalty `ρ` keeps `P y ≤ 1` nearly exact).
public struct SecuritySurrogate: Sendable {
    /// Number of edges `|E|`.
    public let edgeCount: Int
    /// Reparameterization size `K`.
    public let dimension: Int
    /// Column-softmax logits of `P`, `[|E|, K]` row-major.
    public var logits: [Double]
    /// Over-coverage penalty weight `ρ` (default 100).
    public var penalty: Double = 100
    /// Projected-gradient iterations of the small problem (default 100).
    public var iterations: Int = 100

    /// Random logits `N(0, logitScale²)` (default scale 2: each column starts on a few edges).
    public init(edgeCount: Int, dimension: Int, logitScale: Double = 2, rng: inout SeededGenerator) throws {
        guard edgeCount > 0, dimension > 0 else {
            throw BenchmarkError.invalidArgument(
                name: "SecuritySurrogate", reason: "need edges > 0 and dimension > 0, got \(edgeCount), \(dimension)")
        }
        self.edgeCount = edgeCount
        self.dimension = dimension
        logits = rng.normal(count: edgeCount * dimension).map { $0 * logitScale }
    }

    /// `P`, `[|E|, K]` row-major; each column is a softmax over the edges.
    public var reparameterization: [Double] {
        var p = logits
        for j in 0..<dimension {
            var top = -Double.infinity
            for e in 0..<edgeCount { top = max(top, p[e * dimension + j]) }
            var total = 0.0
            for e in 0..<edgeCount {
                let v = exp(p[e * dimension + j] - top)
                p[e * dimension + j] = v
                total += v
            }
            for e in 0..<edgeCount { p[e * dimension + j] /= total }
        }
        return p
    }

    func apply(_ p: [Double], _ y: [Double]) -> [Double] {
        (0..<edgeCount).map { e in (0..<dimension).reduce(0) { $0 + p[e * dimension + $1] * y[$1] } }
    }

    func applyTransposed(_ p: [Double], _ g: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: dimension)
        for e in 0..<edgeCount where g[e] != 0 { for j in 0..<dimension { out[j] += p[e * dimension + j] * g[e] } }
        return out
    }

    /// `ĝ` and `∇_a ĝ` at coverage `a` (scenario mean plus the over-coverage penalty).
    func coverageObjective(_ a: [Double], attacker: AbsorbingWalkAttacker, scenarios: [[Double]]) throws -> (
        Double, [Double]
    ) {
        var value = 0.0
        var g = [Double](repeating: 0, count: a.count)
        for phi in scenarios {
            let r = try attacker.objective(coverage: a, attractiveness: phi)
            value += r.value
            for e in 0..<g.count { g[e] += r.coverage[e] }
        }
        let w = 1 / Double(scenarios.count)
        value *= w
        for e in 0..<a.count {
            g[e] *= w
            let over = a[e] - 1
            if over > 0 {
                value += penalty * over * over
                g[e] += 2 * penalty * over
            }
        }
        return (value, g)
    }

    /// The small problem's minimiser `y` (projected gradient with backtracking from `y = k/K`).
    public func solve(attacker: AbsorbingWalkAttacker, scenarios: [[Double]], budget: Double) throws -> [Double] {
        let p = reparameterization
        func evaluate(_ y: [Double]) throws -> (Double, [Double]) {
            let (v, g) = try coverageObjective(apply(p, y), attacker: attacker, scenarios: scenarios)
            return (v, applyTransposed(p, g))
        }
        return try AbsorbingWalkAttacker.projectedDescent(
            from: [Double](repeating: min(1, budget / Double(dimension)), count: dimension), budget: budget,
            iterations: iterations, tolerance: 1e-12, evaluate)
    }

    /// The executed coverage `clamp(P y, 0, 1)`.
    public func decision(_ y: [Double]) -> [Double] {
        apply(reparameterization, y).map { min(max($0, 0), 1) }
    }

    /// Task loss `L = obj(clamp(P y*), φ_true)` and its gradients: one `∂L/∂φ_s` per scenario and
    /// `∂L/∂logits` (`[|E|, K]`), by implicit differentiation of the small problem's KKT system.
    public func taskLossGradient(
        attacker: AbsorbingWalkAttacker, scenarios: [[Double]], truth: [Double], budget: Double
    ) throws -> (loss: Double, decision: [Double], scenarios: [[Double]], logits: [Double]) {
        let p = reparameterization
        let y = try solve(attacker: attacker, scenarios: scenarios, budget: budget)
        let raw = apply(p, y)
        let a = raw.map { min(max($0, 0), 1) }
        let outcome = try attacker.objective(coverage: a, attractiveness: truth)
        let lossA = (0..<edgeCount).map { raw[$0] <= 1 ? outcome.coverage[$0] : 0 }
        // Direct dependence of L on P through a = P y.
        var gradP = [Double](repeating: 0, count: p.count)
        for e in 0..<edgeCount where lossA[e] != 0 {
            for j in 0..<dimension { gradP[e * dimension + j] += lossA[e] * y[j] }
        }
        var gradPhi = [[Double]](
            repeating: [Double](repeating: 0, count: attacker.graph.nodeCount), count: scenarios.count)
        let kkt = BudgetBoxKKTAdjoint(minimizer: y, budget: budget)
        if !kkt.free.isEmpty {
            let h = try kkt.freeHessian(at: y) {
                try applyTransposed(p, coverageObjective(apply(p, $0), attacker: attacker, scenarios: scenarios).1)
            }
            let w = try kkt.adjoint(hessian: h, lossGradient: applyTransposed(p, lossA), dimension: dimension)
            let pw = apply(p, w)
            let norm = pw.map(abs).max() ?? 0
            if norm > 0 {
                let step = 1e-5 / norm
                let plus = zip(raw, pw).map { $0 + step * $1 }, minus = zip(raw, pw).map { $0 - step * $1 }
                let scale = 1 / (2 * step)
                for (s, phi) in scenarios.enumerated() {
                    let rp = try attacker.objective(coverage: plus, attractiveness: phi).attractiveness
                    let rm = try attacker.objective(coverage: minus, attractiveness: phi).attractiveness
                    for v in 0..<rp.count { gradPhi[s][v] = -scale * (rp[v] - rm[v]) / Double(scenarios.count) }
                }
                // −[∇_a ĝ wᵀ + (∇²_a ĝ P w) yᵀ]
                let g0 = try coverageObjective(raw, attacker: attacker, scenarios: scenarios).1
                let gp = try coverageObjective(plus, attacker: attacker, scenarios: scenarios).1
                let gm = try coverageObjective(minus, attacker: attacker, scenarios: scenarios).1
                for e in 0..<edgeCount {
                    let hpw = scale * (gp[e] - gm[e])
                    for j in 0..<dimension { gradP[e * dimension + j] -= g0[e] * w[j] + hpw * y[j] }
                }
            }
        }
        // Column-softmax pullback to the logits.
        var gradLogits = [Double](repeating: 0, count: p.count)
        for j in 0..<dimension {
            var inner = 0.0
            for e in 0..<edgeCount { inner += p[e * dimension + j] * gradP[e * dimension + j] }
            for e in 0..<edgeCount {
                gradLogits[e * dimension + j] = p[e * dimension + j] * (gradP[e * dimension + j] - inner)
            }
        }
        return (outcome.value, a, gradPhi, gradLogits)
    }
}
