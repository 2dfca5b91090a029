import DFLRandom
import DFLTensor
import DFLTraining

/// Multi-product newsvendor with supplier price feedback (R-MPNP), DFLKit's documented
/// reconstruction of the R-DFL paper's benchmark (docs/papers/recursive.md, "Newsvendor"):
///
/// ```
/// prices   p_i(x, v) = a_i + w_iᵀv − b_i x_i          (quantity discount, b_i ∈ [0.1, 0.5])
/// decision x = G(p) = projection layer with μ = 1, l = 0, u = 100, 10n ≤ 1ᵀx ≤ 30n
/// truth    the equilibrium x* = G(p(x*, v)) (a contraction: ρ(J) ≤ max b_i/μ < 1)
/// ```
/// with `v ~ N(0, I_q)`, `a_i ~ U[10, 20]`, `w_i ~ N(0, (2/√q)² I)`; observed prices carry N(0, σ²) noise.
public struct NewsvendorBenchmark: RecursiveProblem {
    /// Products n.
    public let products: Int
    /// Context features q.
    public let features: Int
    /// Base prices a.
    public let a: [Double]
    /// Feature loadings W (`n × q`).
    public let w: [[Double]]
    /// Quantity discounts b.
    public let b: [Double]
    /// The optimization layer.
    public let layer: NewsvendorProjection

    /// One instance: features, the equilibrium decision and the (noisy) prices observed there.
    public typealias Instance = RecursiveInstance

    /// Context features q (the predictor's exogenous input).
    public var featureCount: Int { features }
    /// Decisions n.
    public var decisionCount: Int { products }
    /// Predicted parameters: one price per product.
    public var parameterCount: Int { products }
    /// Decisions are O(20): fed back divided by 20.
    public var decisionScale: Double { 20 }
    /// The recursion starts from 20 per product.
    public var startDecision: Double { 20 }
    /// G: the projection layer.
    public func optimize(_ parameters: Variable) throws -> Variable { layer(parameters) }

    /// Draws the hidden price model.
    public init(products n: Int, features q: Int = 8, mu: Double = 1, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        products = n
        features = q
        a = rng.uniform(10, 20, count: n)
        let scale = 2 / Double(q).squareRoot()
        w = (0..<n).map { _ in rng.normal(mean: 0, standardDeviation: scale, count: q) }
        b = rng.uniform(0.1, 0.5, count: n)
        layer = NewsvendorProjection(
            mu: mu, lower: [Double](repeating: 0, count: n), upper: [Double](repeating: 100, count: n),
            totalMin: 10 * Double(n), totalMax: 30 * Double(n))
    }

    /// True prices `p(x, v)`.
    public func prices(decision x: [Double], features v: [Double]) -> [Double] {
        var p = [Double](repeating: 0, count: products)
        for i in 0..<products {
            var loading = 0.0
            for k in 0..<v.count { loading += w[i][k] * v[k] }
            p[i] = a[i] + loading - b[i] * x[i]
        }
        return p
    }

    /// The equilibrium decision for features `v` (plain iteration from the midpoint to 1e-10).
    public func equilibrium(features v: [Double]) -> [Double] {
        var x = [Double](repeating: 20, count: products)
        for _ in 0..<10_000 {
            let next = layer.solve(prices(decision: x, features: v)).x
            let delta = zip(next, x).map { abs($0 - $1) }.max() ?? 0
            x = next
            if delta < 1e-10 { break }
        }
        return x
    }

    /// `count` instances with price noise σ.
    public func sample(count: Int, priceNoise: Double = 1, seed: UInt64) -> [Instance] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let v = rng.normal(count: features)
            let x = equilibrium(features: v)
            let p = prices(decision: x, features: v).map { $0 + priceNoise * rng.normal() }
            return Instance(features: v, decision: x, parameters: p)
        }
    }
}

/// Trains and evaluates one R-DFL method on the newsvendor benchmark.
public typealias NewsvendorTrainer = RecursiveTrainer<NewsvendorBenchmark>
