import DFLRandom

/// PyEPO's multi-dimensional knapsack data generator (`pyepo.data.knapsack.genData`), formula
/// for formula and in its draw order.
///
/// With `m` items, `k` resource dimensions and `p` features:
/// ```
/// weights ~ {3.00, 3.01, …, 7.99}^{k×m}  (uniform choice of 300…799, then /100)   (draw 1)
/// B ~ Bernoulli(0.5)^{m×p}                                                         (draw 2)
/// x_i ~ N(0, I_p)                                                                  (draw 3)
/// c_ij = ceil( 5·[((x_i·B_j)/√p + 3)^deg + 1] / 3.5^deg · ε_ij ),  ε ~ U(1−e, 1+e)  (draw 4)
/// ```
/// Values are integers (then rounded to `Float` when ``float32Costs``, which keeps them exact).
/// The capacity is not generated; PyEPO's notebooks use 20 per dimension.
public struct KnapsackGenerator: Sendable, Codable, Equatable, DataGenerator {
    /// Number of items `m` (the cost dimension).
    public var itemCount: Int
    /// Number of resource dimensions `k` (default 1).
    public var dimension: Int
    /// Number of instances `n`.
    public var sampleCount: Int
    /// Feature dimension `p`.
    public var featureCount: Int
    /// Polynomial degree `deg` (≥ 1; default 1).
    public var degree: Int
    /// Multiplicative noise half-width `e` (default 0).
    public var noiseWidth: Double
    /// Whether values are stored as single precision like PyEPO (default true).
    public var float32Costs: Bool

    /// Creates a generator; defaults follow PyEPO (`dim = 1`, `deg = 1`, `noise_width = 0`).
    public init(
        itemCount: Int, dimension: Int = 1, sampleCount: Int, featureCount: Int, degree: Int = 1,
        noiseWidth: Double = 0, float32Costs: Bool = true
    ) {
        self.itemCount = itemCount
        self.dimension = dimension
        self.sampleCount = sampleCount
        self.featureCount = featureCount
        self.degree = degree
        self.noiseWidth = noiseWidth
        self.float32Costs = float32Costs
    }

    /// The generated data, the item weights and the hidden mapping.
    public struct Output: Sendable, Equatable {
        /// Features `x` (`n × p`) and item values `c` (`n × m`), unsolved.
        public var dataset: Dataset
        /// Item weights `[k][m]`, each in {3.00, …, 7.99}.
        public var weights: [[Double]]
        /// The 0/1 matrix `B`, `m × p` row-major.
        public var mapping: [Double]
    }

    /// Generates from any ``RandomSource`` (a ``NumPyRandomState`` replays PyEPO's stream).
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes, degree or noise.
    public func generate<R: RandomSource>(using rng: inout R) throws -> Output {
        let name = "knapsack generator"
        try GeneratorSupport.validateCommon(
            name, sampleCount: sampleCount, featureCount: featureCount, degree: degree)
        try GeneratorSupport.require(
            itemCount >= 1, name, "itemCount must be ≥ 1, got \(itemCount)")
        try GeneratorSupport.require(
            dimension >= 1, name, "dimension must be ≥ 1, got \(dimension)")
        try GeneratorSupport.validateNoise(name, noiseWidth)
        let weights = (0..<dimension).map { _ in
            (0..<itemCount).map { _ in Double(rng.integer(in: 300..<800)) / 100 }
        }
        let b = GeneratorSupport.drawBernoulliMatrix(&rng, rows: itemCount, columns: featureCount)
        let deg = Double(degree)
        let scale = GeneratorSupport.power(3.5, deg)
        let (x, polynomial) = GeneratorSupport.featuresAndCosts(
            &rng, n: sampleCount, p: featureCount, b: b, d: itemCount
        ) {
            (GeneratorSupport.power($0 / $1 + 3, deg) + 1) * 5 / scale
        }
        var c = polynomial
        for k in c.indices { c[k] = (c[k] * rng.uniform(1 - noiseWidth, 1 + noiseWidth)).rounded(.up) }
        let dataset = try GeneratorSupport.dataset(
            features: x, p: featureCount, costs: c, d: itemCount, float32: float32Costs)
        return Output(dataset: dataset, weights: weights, mapping: b)
    }
}
