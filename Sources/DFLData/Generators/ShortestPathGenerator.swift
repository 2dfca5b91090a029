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
public struct ShortestPathGenerator: Sendable, Codable, Equatable {
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

    /// Generates with ``SeededGenerator`` seeded by `seed` (PyEPO's default seed is 135).
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes, degree or noise.
    public func generate(seed: UInt64 = 135) throws -> Output {
        var rng = SeededGenerator(seed: seed)
        return try generate(using: &rng)
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
        let n = sampleCount
        let p = featureCount
        let d = arcCount
        let b = GeneratorSupport.drawBernoulliMatrix(&rng, rows: d, columns: p)
        let x = GeneratorSupport.drawFeatures(&rng, n: n, p: p)
        var c = GeneratorSupport.featureProducts(x: x, n: n, p: p, b: b, d: d)
        let rootP = Double(p).squareRoot()
        let deg = Double(degree)
        let scale = GeneratorSupport.power(3.5, deg)
        for k in c.indices {
            c[k] = (GeneratorSupport.power(c[k] / rootP + 3, deg) + 1) / scale
        }
        for k in c.indices { c[k] *= rng.uniform(1 - noiseWidth, 1 + noiseWidth) }
        GeneratorSupport.roundToFloat32(&c, enabled: float32Costs)
        let dataset = try Dataset(featureCount: p, costDimension: d, features: x, costs: c)
        return Output(dataset: dataset, mapping: b)
    }
}
