import DFLLinearAlgebra
import Foundation

/// The attacker model of the network security game (Wang et al. 2020;
/// docs/papers/energy.md, "Network security game") and
/// the defender objective with its analytic gradient.
///
/// With node attractiveness `φ` and edge coverage `a` (`X_uv = X_vu = a_e`), the attacker moves
/// from `u` to neighbour `v` with probability `M_uv ∝ exp(φ_v − ω X_uv)`, survives an edge with
/// probability `1 − X_uv`, and stops at a target. With transient states `V ∖ T`,
/// `Q = [M ∘ (1 − X)]_{trans,trans}`, `r_u = Σ_t M_ut (1 − X_ut) u(t)`, the attacker's expected
/// reward is `obj(a, φ) = π₀ᵀ ((1+ε) I − Q)⁻¹ r` (`ε` = 0.01, `π₀` uniform on sources); the
/// defender utility is `−obj`. Gradients use one solve and one transposed solve:
/// `d obj = ξᵀ dQ v + ξᵀ dr` with `v = A⁻¹ r`, `ξ = A⁻ᵀ π₀`.
public struct AbsorbingWalkAttacker: Sendable {
    /// The graph.
    public let graph: SecurityGraph
    /// Coverage deterrence ω (default 4).
    public var omega: Double
    /// Regularization ε of `(1+ε)I − Q` (default 0.01).
    public var regularization: Double
    let neighbors: [[(node: Int, edge: Int)]]
    let transientIndex: [Int]
    let transient: [Int]
    let reward: [Double]

    /// Creates the model.
    public init(graph: SecurityGraph, omega: Double = 4, regularization: Double = 0.01) {
        self.graph = graph
        self.omega = omega
        self.regularization = regularization
        neighbors = graph.neighbors
        var index = [Int](repeating: -1, count: graph.nodeCount)
        var list: [Int] = []
        let targetSet = Set(graph.targets)
        for v in 0..<graph.nodeCount where !targetSet.contains(v) {
            index[v] = list.count
            list.append(v)
        }
        transientIndex = index
        transient = list
        var r = [Double](repeating: 0, count: graph.nodeCount)
        for (t, u) in zip(graph.targets, graph.rewards) { r[t] = u }
        reward = r
    }

    /// The attacker's expected reward `obj(a, φ)` and its gradients with respect to `a` and `φ`.
    /// - Throws: ``BenchmarkError`` for wrong sizes or a singular system.
    public func objective(coverage a: [Double], attractiveness phi: [Double]) throws -> (
        value: Double, coverage: [Double], attractiveness: [Double]
    ) {
        let n = graph.nodeCount
        guard a.count == graph.edges.count, phi.count == n else {
            throw BenchmarkError.invalidArgument(
                name: "objective",
                reason:
                    "expected \(graph.edges.count) coverages and \(n) attractiveness values, got \(a.count), \(phi.count)"
            )
        }
        let m = transient.count
        // Row-softmax transition probabilities for transient rows.
        var probabilities = [[Double]](repeating: [], count: m)
        var system = Matrix(rows: m, columns: m)
        var r = [Double](repeating: 0, count: m)
        for (i, u) in transient.enumerated() {
            let nb = neighbors[u]
            var logits = nb.map { phi[$0.node] - omega * a[$0.edge] }
            let top = logits.max() ?? 0
            var total = 0.0
            for k in 0..<logits.count {
                logits[k] = exp(logits[k] - top)
                total += logits[k]
            }
            var p = logits
            for k in 0..<p.count { p[k] /= total }
            probabilities[i] = p
            system[i, i] = 1 + regularization
            for (k, (v, e)) in nb.enumerated() {
                let survive = p[k] * (1 - a[e])
                let j = transientIndex[v]
                if j >= 0 { system[i, j] -= survive } else { r[i] += survive * reward[v] }
            }
        }
        var start = [Double](repeating: 0, count: m)
        for s in graph.sources where transientIndex[s] >= 0 {
            start[transientIndex[s]] += 1 / Double(graph.sources.count)
        }
        let lu: LUFactorization
        let v: [Double], xi: [Double]
        do {
            lu = try LUFactorization(system)
            v = try lu.solve(r)
            xi = try lu.solve(start, transpose: true)
        } catch {
            throw BenchmarkError.numerical(
                routine: "AbsorbingWalkAttacker", reason: "singular absorbing-chain system: \(error)")
        }
        var value = 0.0
        for i in 0..<m { value += start[i] * v[i] }
        // Value of reaching each node: v for transient nodes, u(t) for targets.
        var nodeValue = reward
        for (i, u) in transient.enumerated() { nodeValue[u] = v[i] }
        var gradA = [Double](repeating: 0, count: a.count), gradPhi = [Double](repeating: 0, count: n)
        for (i, u) in transient.enumerated() where xi[i] != 0 {
            let nb = neighbors[u], p = probabilities[i]
            // Cotangent on Qf_uv is ξ_u V_v; on M_uv it is ξ_u V_v (1 − X_uv).
            var gm = [Double](repeating: 0, count: nb.count)
            var weighted = 0.0
            for (k, (v, e)) in nb.enumerated() {
                let g = xi[i] * nodeValue[v]
                gm[k] = g * (1 - a[e])
                gradA[e] -= g * p[k]
                weighted += p[k] * gm[k]
            }
            for (k, (v, e)) in nb.enumerated() {
                let logitBar = p[k] * (gm[k] - weighted)
                gradPhi[v] += logitBar
                gradA[e] -= omega * logitBar
            }
        }
        return (value, gradA, gradPhi)
    }

    /// Projects `z` onto `{0 ≤ a ≤ 1, Σa ≤ budget}` (bisection on the shift τ ≥ 0).
    public static func project(_ z: [Double], budget: Double) -> [Double] {
        func clipped(_ tau: Double) -> [Double] { z.map { min(max($0 - tau, 0), 1) } }
        var a = clipped(0)
        if a.reduce(0, +) <= budget { return a }
        var lo = 0.0, hi = (z.max() ?? 0) + 1
        for _ in 0..<100 {
            let mid = 0.5 * (lo + hi)
            if clipped(mid).reduce(0, +) > budget { lo = mid } else { hi = mid }
        }
        a = clipped(hi)
        return a
    }

    /// The defender's decision: projected gradient descent with backtracking on the mean attacker
    /// reward over the attractiveness scenarios `phis` (one scenario = the point forecast).
    public func defend(scenarios phis: [[Double]], budget: Double, iterations: Int = 100, start: [Double]? = nil) throws
        -> [Double]
    {
        let a =
            start ?? [Double](repeating: min(1, budget / Double(max(graph.edges.count, 1))), count: graph.edges.count)
        func evaluate(_ a: [Double]) throws -> (Double, [Double]) {
            var value = 0.0
            var grad = [Double](repeating: 0, count: a.count)
            for phi in phis {
                let r = try objective(coverage: a, attractiveness: phi)
                value += r.value
                for e in 0..<grad.count { grad[e] += r.coverage[e] }
            }
            let s = 1 / Double(phis.count)
            return (value * s, grad.map { $0 * s })
        }
        return try AbsorbingWalkAttacker.projectedDescent(
            from: a, budget: budget, iterations: iterations, tolerance: 1e-10, evaluate)
    }
}

extension AbsorbingWalkAttacker {
    /// Projected gradient descent with backtracking on `{0 ≤ a ≤ 1, Σa ≤ budget}` (``project(_:budget:)``)
    /// from `start`: a trial step `a − t∇` is accepted when it decreases the objective by at least
    /// `10⁻⁴ ∇ᵀ(a − trial)` (then `t` doubles), else `t` halves (30 tries at most). Stops after
    /// `iterations` accepted steps, or when no step is accepted or the accepted one moves no entry by
    /// more than `tolerance`. `evaluate` returns the objective and its gradient.
    static func projectedDescent(
        from start: [Double], budget: Double, iterations: Int, tolerance: Double,
        _ evaluate: ([Double]) throws -> (Double, [Double])
    ) throws -> [Double] {
        var a = start
        var (value, grad) = try evaluate(a)
        var step = 1.0
        for _ in 0..<iterations {
            var accepted = false
            for _ in 0..<30 {
                let trial = project(zip(a, grad).map { $0 - step * $1 }, budget: budget)
                let (tv, tg) = try evaluate(trial)
                var decrease = 0.0
                for e in 0..<a.count { decrease += grad[e] * (a[e] - trial[e]) }
                if tv <= value - 1e-4 * decrease {
                    accepted = (zip(a, trial).map { abs($0 - $1) }.max() ?? 0) > tolerance
                    a = trial
                    value = tv
                    grad = tg
                    step *= 2
                    break
                }
                step *= 0.5
            }
            if !accepted { break }
        }
        return a
    }
}
