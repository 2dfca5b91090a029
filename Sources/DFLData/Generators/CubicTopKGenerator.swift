import DFLRandom

/// The cubic Top-K generator of Shah et al. (2022, LODL `CubicTopK`), as used by the smoothing
/// paper (docs/papers/smoothing.md, "Benchmarks and their generators").
///
/// Each instance has `N` items with one scalar feature each:
/// ```
/// φ_in ~ U(−1, 1)                                   (all features first, instance by instance)
/// y_in = 10·(φ_in³ − 0.65·φ_in) + ν_in,  ν ~ U(−w, w) (then the noise, only when w > 0)
/// ```
/// The decision picks the `k` items of largest `y` (maximise `yᵀv`, `Σv = k`, `v ∈ {0,1}`). LODL
/// is noise-free (`w = 0`, the default); the smoothing authors' fork uses `w = 0.25`. Features
/// are stored `n × N` (item `n`'s feature in column `n`), so a shared per-item linear model maps
/// column `n` of the features to column `n` of the costs.
/// References: S. Shah, K. Wang, B. Wilder, A. Perrault, M. Tambe, "Decision-Focused Learning
/// without Differentiable Optimization: Learning Locally Optimized Decision Losses", NeurIPS 2022.
public struct CubicTopKGenerator: Sendable, Codable, Equatable, DataGenerator {
    /// Items per instance `N` (the cost dimension).
    public var itemCount: Int
    /// Number of instances `n`.
    public var sampleCount: Int
    /// Additive uniform noise half-width `w` (default 0, as in LODL).
    public var noiseWidth: Double
    /// Whether costs are rounded to single precision (default false).
    public var float32Costs: Bool

    /// Creates a generator.
    public init(
        itemCount: Int, sampleCount: Int, noiseWidth: Double = 0, float32Costs: Bool = false
    ) {
        self.itemCount = itemCount
        self.sampleCount = sampleCount
        self.noiseWidth = noiseWidth
        self.float32Costs = float32Costs
    }

    /// The noise-free item value `y(φ) = 10·(φ³ − 0.65·φ)`.
    public static func value(_ phi: Double) -> Double { 10 * (phi * phi * phi - 0.65 * phi) }

    /// Generates from any ``RandomSource``.
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes or noise.
    public func generate<R: RandomSource>(using rng: inout R) throws -> Dataset {
        let name = "cubic Top-K generator"
        try GeneratorSupport.require(
            sampleCount >= 1, name, "sampleCount must be ≥ 1, got \(sampleCount)")
        try GeneratorSupport.require(
            itemCount >= 1, name, "itemCount must be ≥ 1, got \(itemCount)")
        try GeneratorSupport.validateNoise(name, noiseWidth)
        let total = sampleCount * itemCount
        let phi = GeneratorSupport.drawUniform(&rng, -1, 1, count: total)
        var y = phi.map(CubicTopKGenerator.value)
        if noiseWidth > 0 {
            for k in 0..<total { y[k] += rng.uniform(-noiseWidth, noiseWidth) }
        }
        GeneratorSupport.roundToFloat32(&y, enabled: float32Costs)
        return try Dataset(
            featureCount: itemCount, costDimension: itemCount, features: phi, costs: y)
    }
}
