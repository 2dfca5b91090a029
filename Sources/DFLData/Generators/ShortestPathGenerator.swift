import DFLRandom

/// PyEPO's shortest-path data generator (`pyepo.data.shortestpath.genData`), formula for formula
/// and in its draw order.
///
/// On an `h × w` grid with `d = (h−1)·w + (w−1)·h` arcs (PyEPO's arc order, docs/pyepo.md, "Grid arc order"):
/// ```
/// B ~ Bernoulli(0.5)^{d×p}                      (draw 1)
/// x_i ~ N(0, I_p)                               (draw 2)
/// c_ij = [((x_i·B_j)/√p + 3)^deg + 1] / 3.5^deg · ε_ij,   ε_ij ~ U(1−e, 1+e)   (draw 3)
/// ```
/// Costs are rounded to `Float` when ``float32Costs`` is true (PyEPO's default output type).
public struct ShortestPathGenerator: Sendable, Codable, Equatable, DataGenerator {
    /// Grid rows `h`.
    public var rows: Int
    /// Grid columns `w`.
    public var columns: Int
    /// Number of instances `n`.
    public var sampleCount: Int
    /// Feature dimension `p`.
    public var featureCount: Int
    /// Polynomial degree `deg` (≥ 1; default 1).
    public var degree: Int
    /// Multiplicative noise half-width `e` (default 0).
    public var noiseWidth: Double
    /// Whether costs are rounded to single precision like PyEPO (default true).
    public var float32Costs: Bool

    /// Creates a generator; defaults follow PyEPO (`deg = 1`, `noise_width = 0`, float32 costs).
    public init(
        rows: Int, columns: Int, sampleCount: Int, featureCount: Int, degree: Int = 1,
        noiseWidth: Double = 0, float32Costs: Bool = true
    ) {
        self.rows = rows
        self.columns = columns
        self.sampleCount = sampleCount
        self.featureCount = featureCount
        self.degree = degree
        self.noiseWidth = noiseWidth
        self.float32Costs = float32Costs
    }

    /// Number of arcs `d = (h−1)·w + (w−1)·h` (40 for 5×5).
    public var arcCount: Int { (rows - 1) * columns + (columns - 1) * rows }

    /// The generated data and the hidden mapping that produced it.
    public struct Output: Sendable, Equatable {
        /// Features `x` (`n × p`) and costs `c` (`n × d`), unsolved.
        public var dataset: Dataset
        /// The 0/1 matrix `B`, `d × p` row-major.
        public var mapping: [Double]
    }

    /// Generates from any ``RandomSource`` (pass a ``NumPyRandomState`` to replay PyEPO exactly).
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes, degree or noise.
    public func generate<R: RandomSource>(using rng: inout R) throws -> Output {
        let name = "shortest-path generator"
        try GeneratorSupport.validateCommon(
            name, sampleCount: sampleCount, featureCount: featureCount, degree: degree)
        try GeneratorSupport.require(
            rows >= 1 && columns >= 1 && arcCount >= 1, name,
            "grid \(rows)x\(columns) has no arcs")
        try GeneratorSupport.validateNoise(name, noiseWidth)
        let b = GeneratorSupport.drawBernoulliMatrix(&rng, rows: arcCount, columns: featureCount)
        let deg = Double(degree)
        let scale = GeneratorSupport.power(3.5, deg)
        let (x, polynomial) = GeneratorSupport.featuresAndCosts(
            &rng, n: sampleCount, p: featureCount, b: b, d: arcCount
        ) {
            (GeneratorSupport.power($0 / $1 + 3, deg) + 1) / scale
        }
        var c = polynomial
        for k in c.indices { c[k] *= rng.uniform(1 - noiseWidth, 1 + noiseWidth) }
        let dataset = try GeneratorSupport.dataset(
            features: x, p: featureCount, costs: c, d: arcCount, float32: float32Costs)
        return Output(dataset: dataset, mapping: b)
    }
}
