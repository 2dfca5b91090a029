import Foundation

/// The generator-scheduling task of Donti et al. (2017) used by So-EBM §4.1
/// (docs/papers/energy.md, "Power scheduling").
///
/// Decide hourly generation `a ∈ R²⁴` before seeing the load `y ∈ R²⁴`; the cost of one day is
/// ```
/// f(y, a) = Σ_h γ_u [y_h − a_h]_+ + γ_o [a_h − y_h]_+ + ½ (a_h − y_h)²
/// ```
/// subject to ramp constraints `|a_h − a_{h−1}| ≤ c_ramp`. Defaults are the constants of both
/// reference implementations: `γ_u = 50`, `γ_o = 0.5`, `c_ramp = 0.4`, 24 hours.
public struct PowerScheduling: Sendable, Codable, Equatable {
    /// Penalty per unit of unmet load (`γ_u`, default 50).
    public var underGenerationPenalty: Double
    /// Penalty per unit of excess generation (`γ_o`, default 0.5).
    public var overGenerationPenalty: Double
    /// Maximum change of generation between consecutive hours (`c_ramp`, default 0.4).
    public var rampLimit: Double
    /// Number of hours (default 24).
    public var hours: Int

    /// Creates the task (defaults from Donti et al. and So-EBM's code).
    public init(
        underGenerationPenalty: Double = 50, overGenerationPenalty: Double = 0.5, rampLimit: Double = 0.4,
        hours: Int = 24
    ) {
        self.underGenerationPenalty = underGenerationPenalty
        self.overGenerationPenalty = overGenerationPenalty
        self.rampLimit = rampLimit
        self.hours = hours
    }

    /// `f(y, a)` for one day.
    public func taskLoss(load y: [Double], decision a: [Double]) -> Double {
        precondition(y.count == a.count, "taskLoss: load and decision lengths differ")
        var total = 0.0
        for h in 0..<y.count {
            let d = y[h] - a[h]
            total += underGenerationPenalty * max(d, 0) + overGenerationPenalty * max(-d, 0) + 0.5 * d * d
        }
        return total
    }

    /// Whether `a` satisfies the ramp constraints up to `tolerance`.
    public func isFeasible(_ a: [Double], tolerance: Double = 1e-8) -> Bool {
        guard a.count >= 2 else { return true }
        for h in 1..<a.count where abs(a[h] - a[h - 1]) > rampLimit + tolerance { return false }
        return true
    }

    /// The largest ramp violation `max_h (|a_h − a_{h−1}| − c_ramp)_+`.
    public func rampViolation(_ a: [Double]) -> Double {
        guard a.count >= 2 else { return 0 }
        var worst = 0.0
        for h in 1..<a.count { worst = max(worst, abs(a[h] - a[h - 1]) - rampLimit) }
        return worst
    }

    // MARK: - Closed-form expected cost (Eq. 9)

    /// The expected cost of one hour under `y ~ N(μ, σ²)` (Eq. 9), with `z = (a − μ)/σ`:
    /// ```
    /// E f = (γ_u + γ_o) σ [φ(z) + z Φ(z)] − γ_u (a − μ) + ½ [(a − μ)² + σ²]
    /// ```
    /// and its partial derivatives
    /// `∂/∂a = (γ_u+γ_o) Φ(z) − γ_u + (a − μ)`, `∂/∂μ = −∂/∂a`, `∂/∂σ = (γ_u+γ_o) φ(z) + σ`,
    /// `∂²/∂a² = (γ_u+γ_o) φ(z)/σ + 1`.
    @inlinable
    public func hourlyExpectedCost(decision a: Double, mean mu: Double, standardDeviation sigma: Double)
        -> (value: Double, dA: Double, dSigma: Double, d2A: Double)
    {
        let g = underGenerationPenalty + overGenerationPenalty
        let r = a - mu
        let z = r / sigma
        let pdf = exp(-0.5 * z * z) * 0.3989422804014327
        let cdf = 0.5 * erfc(-z * 0.7071067811865476)
        let value = g * sigma * (pdf + z * cdf) - underGenerationPenalty * r + 0.5 * (r * r + sigma * sigma)
        let dA = g * cdf - underGenerationPenalty + r
        return (value, dA, g * pdf + sigma, g * pdf / sigma + 1)
    }

    /// The expected daily cost `Σ_h E f_h` of decision `a` under independent `N(μ_h, σ_h²)` loads.
    public func expectedCost(decision a: [Double], mean mu: [Double], standardDeviation sigma: [Double]) -> Double {
        var total = 0.0
        for h in 0..<a.count {
            total += hourlyExpectedCost(decision: a[h], mean: mu[h], standardDeviation: sigma[h]).value
        }
        return total
    }

    /// Gradient of ``expectedCost(decision:mean:standardDeviation:)`` with respect to `a`, `μ`, `σ`.
    public func expectedCostGradient(decision a: [Double], mean mu: [Double], standardDeviation sigma: [Double])
        -> (decision: [Double], mean: [Double], standardDeviation: [Double])
    {
        var ga = [Double](repeating: 0, count: a.count), gm = ga, gs = ga
        for h in 0..<a.count {
            let e = hourlyExpectedCost(decision: a[h], mean: mu[h], standardDeviation: sigma[h])
            ga[h] = e.dA
            gm[h] = -e.dA
            gs[h] = e.dSigma
        }
        return (ga, gm, gs)
    }
}
