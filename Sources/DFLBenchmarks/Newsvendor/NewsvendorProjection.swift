import DFLTensor

/// The newsvendor's optimization layer G (docs/papers/recursive.md, "Newsvendor"; DFLKit's reconstruction):
///
/// ```
/// x*(p) = argmin_x pᵀx + (μ/2)‖x‖²  s.t.  X_min ≤ 1ᵀx ≤ X_max,  l ≤ x ≤ u
///       = clip(−p/μ − τ, l, u)   with the scalar τ found by bisection
/// ```
/// and its exact Jacobian: on the free set F, `∂x_F/∂p_F = −(1/μ)(I − 11ᵀ/|F|)` when a total bound is
/// active, else `−(1/μ)I`; zero for variables at a bound.
public struct NewsvendorProjection: Sendable, Codable, Equatable {
    /// Smoothing μ > 0.
    public var mu: Double
    /// Per-product lower bounds l.
    public var lower: [Double]
    /// Per-product upper bounds u.
    public var upper: [Double]
    /// Minimum total order.
    public var totalMin: Double
    /// Maximum total order.
    public var totalMax: Double

    /// Creates the layer.
    public init(mu: Double, lower: [Double], upper: [Double], totalMin: Double, totalMax: Double) {
        self.mu = mu
        self.lower = lower
        self.upper = upper
        self.totalMin = totalMin
        self.totalMax = totalMax
    }

    /// Number of products.
    public var products: Int { lower.count }

    /// The projection for one price vector, with τ and whether a total bound is active.
    public func solve(_ p: [Double]) -> (x: [Double], tau: Double, totalActive: Bool) {
        let n = p.count
        func x(_ tau: Double) -> [Double] { (0..<n).map { min(max(-p[$0] / mu - tau, lower[$0]), upper[$0]) } }
        let free = x(0)
        let s = free.reduce(0, +)
        if s >= totalMin && s <= totalMax { return (free, 0, false) }
        let target = s < totalMin ? totalMin : totalMax
        // Σ x(τ) is non-increasing in τ; bracket and bisect.
        var lo = -1.0, hi = 1.0
        while x(lo).reduce(0, +) < target { lo *= 2 }
        while x(hi).reduce(0, +) > target { hi *= 2 }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if x(mid).reduce(0, +) > target { lo = mid } else { hi = mid }
            if hi - lo < 1e-14 * max(1, abs(mid)) { break }
        }
        let tau = 0.5 * (lo + hi)
        return (x(tau), tau, true)
    }

    /// The Jacobian-transpose product `(∂x/∂p)ᵀ g` at a solution (the Jacobian is symmetric).
    public func vjp(_ g: [Double], p: [Double], solution: (x: [Double], tau: Double, totalActive: Bool)) -> [Double] {
        let n = p.count
        let freeSet = (0..<n).filter { j in
            let z = -p[j] / mu - solution.tau
            return z > lower[j] && z < upper[j]
        }
        var out = [Double](repeating: 0, count: n)
        guard !freeSet.isEmpty else { return out }
        let meanG = solution.totalActive ? freeSet.map { g[$0] }.reduce(0, +) / Double(freeSet.count) : 0
        for j in freeSet { out[j] = -(g[j] - meanG) / mu }
        return out
    }

    /// Batched differentiable layer: prices `[batch, n]` → order quantities `[batch, n]`.
    public func callAsFunction(_ prices: Variable) -> Variable {
        let (b, n) = (prices.shape[0], prices.shape[1])
        let rows = prices.value.rows
        let sols = rows.map { solve($0) }
        let value = Tensor(shape: [b, n], scalars: sols.flatMap(\.x))
        let layer = self
        return Variable.record(value, parents: [prices]) { g in
            var out: [Double] = []
            out.reserveCapacity(b * n)
            for i in 0..<b {
                out += layer.vjp(Array(g.scalars[(i * n)..<((i + 1) * n)]), p: rows[i], solution: sols[i])
            }
            return [Tensor(shape: [b, n], scalars: out)]
        }
    }
}
