import DFLRandom

/// PyEPO's portfolio data generator (`pyepo.data.portfolio.genData`), formula for formula and in
/// its draw order.
///
/// With `m` assets, `p` features and noise level `τ`:
/// ```
/// B ~ Bernoulli(0.5)^{m×p}                                   (draw 1)
/// L ~ U(−2.5e−3·τ, 2.5e−3·τ)^{m×p}                           (draw 2)
/// x_i ~ N(0, I_p)                                            (draw 3)
/// (f_i, ε_i) ~ N(0, I_{p+m}), first p entries f_i, rest ε_i  (draw 4, row by row)
/// r_ij = (0.05·(x_i·B_j)/√p + 0.1^(1/deg))^deg + f_i·L_j + 0.01·τ·ε_ij
/// Σ = L Lᵀ + (0.01·τ)² I
/// ```
/// Returns `r` (rounded to `Float` when ``float32Costs``) as the costs; the portfolio problem
/// maximizes `rᵀw` under a risk limit on `wᵀΣw`.
public struct PortfolioGenerator: Sendable, Codable, Equatable, DataGenerator {
    /// Number of assets `m` (the cost dimension).
    public var assetCount: Int
    /// Number of instances `n`.
    public var sampleCount: Int
    /// Feature dimension `p`.
    public var featureCount: Int
    /// Polynomial degree `deg` (≥ 1; default 1).
    public var degree: Int
    /// Noise level `τ` scaling the factor loadings and the residual noise (default 1).
    public var noiseLevel: Double
    /// Whether returns are rounded to single precision like PyEPO (default true).
    public var float32Costs: Bool

    /// Creates a generator; defaults follow PyEPO (`deg = 1`, `noise_level = 1`, float32 returns).
    public init(
        assetCount: Int, sampleCount: Int, featureCount: Int, degree: Int = 1,
        noiseLevel: Double = 1, float32Costs: Bool = true
    ) {
        self.assetCount = assetCount
        self.sampleCount = sampleCount
        self.featureCount = featureCount
        self.degree = degree
        self.noiseLevel = noiseLevel
        self.float32Costs = float32Costs
    }

    /// The generated data and the shared risk model.
    public struct Output: Sendable, Equatable {
        /// Features `x` (`n × p`) and expected returns `r` (`n × m`), unsolved.
        public var dataset: Dataset
        /// Covariance `Σ = L Lᵀ + (0.01τ)² I`, `[m][m]`.
        public var covariance: [[Double]]
        /// Factor loadings `L`, `m × p` row-major.
        public var loadings: [Double]
        /// The 0/1 matrix `B`, `m × p` row-major.
        public var mapping: [Double]
    }

    /// Generates from any ``RandomSource`` (a ``NumPyRandomState`` replays PyEPO's stream).
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes, degree or noise level.
    public func generate<R: RandomSource>(using rng: inout R) throws -> Output {
        let name = "portfolio generator"
        try GeneratorSupport.validateCommon(
            name, sampleCount: sampleCount, featureCount: featureCount, degree: degree)
        try GeneratorSupport.require(
            assetCount >= 1, name, "assetCount must be ≥ 1, got \(assetCount)")
        try GeneratorSupport.validateNoise(name, noiseLevel, name: "noiseLevel")
        let n = sampleCount
        let p = featureCount
        let m = assetCount
        let tau = noiseLevel
        let b = GeneratorSupport.drawBernoulliMatrix(&rng, rows: m, columns: p)
        let loadings = GeneratorSupport.drawUniform(&rng, -2.5e-3 * tau, 2.5e-3 * tau, count: m * p)
        let deg = Double(degree)
        let offset = GeneratorSupport.power(0.1, 1 / deg)
        let (x, polynomial) = GeneratorSupport.featuresAndCosts(&rng, n: n, p: p, b: b, d: m) {
            GeneratorSupport.power(0.05 * $0 / $1 + offset, deg)
        }
        var r = polynomial
        let residualScale = 0.01 * tau
        var draws = [Double](repeating: 0, count: p + m)
        for i in 0..<n {
            for k in 0..<(p + m) { draws[k] = rng.normal(mean: 0, standardDeviation: 1) }
            for j in 0..<m {
                var factor = 0.0
                for k in 0..<p { factor += draws[k] * loadings[j * p + k] }
                r[i * m + j] += factor + residualScale * draws[p + j]
            }
        }
        let dataset = try GeneratorSupport.dataset(features: x, p: p, costs: r, d: m, float32: float32Costs)
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        let diagonal = (1e-2 * tau) * (1e-2 * tau)
        for a in 0..<m {
            for c in 0..<m {
                var s = 0.0
                for k in 0..<p { s += loadings[a * p + k] * loadings[c * p + k] }
                covariance[a][c] = s + (a == c ? diagonal : 0)
            }
        }
        return Output(dataset: dataset, covariance: covariance, loadings: loadings, mapping: b)
    }
}
