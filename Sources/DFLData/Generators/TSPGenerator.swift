import DFLRandom

/// PyEPO's travelling-salesperson data generator (`pyepo.data.tsp.genData`), formula for
/// formula and in its draw order.
///
/// With `m` nodes, `E = m(m−1)/2` undirected edges in `(i < j)` row-major order (scipy `pdist`):
/// ```
/// coords: ⌊m/2⌋ points ~ U(−2, 2)², then m − ⌊m/2⌋ points ~ N(0, I₂)   (draw 1); dist = pdist
/// B = Bernoulli(0.5)^{E×p} ⊙ U(−2, 2)^{E×p}   (all Bernoulli draws, then all uniforms; draw 2)
/// x_i ~ N(0, I_p)                                                        (draw 3)
/// c_ie = dist_e + [((x_i·B_e)/√p + 3)^deg / 3^(deg−1)] · ε_ie,  ε ~ U(1−e, 1+e)   (draw 4)
/// ```
/// then rounded to 4 decimals (NumPy's `around`: scale by 10⁴, round half to even, divide) and
/// to `Float` when ``float32Costs``.
public struct TSPGenerator: Sendable, Codable, Equatable, DataGenerator {
    /// Number of nodes `m`.
    public var nodeCount: Int
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
        nodeCount: Int, sampleCount: Int, featureCount: Int, degree: Int = 1,
        noiseWidth: Double = 0, float32Costs: Bool = true
    ) {
        self.nodeCount = nodeCount
        self.sampleCount = sampleCount
        self.featureCount = featureCount
        self.degree = degree
        self.noiseWidth = noiseWidth
        self.float32Costs = float32Costs
    }

    /// Number of undirected edges `m(m−1)/2`.
    public var edgeCount: Int { nodeCount * (nodeCount - 1) / 2 }

    /// The undirected edges `(i, j)`, `i < j`, in cost-index order.
    public var edges: [(Int, Int)] {
        var list: [(Int, Int)] = []
        for i in 0..<nodeCount { for j in (i + 1)..<max(i + 1, nodeCount) { list.append((i, j)) } }
        return list
    }

    /// The generated data and the instance geometry.
    public struct Output: Sendable, Equatable {
        /// Features `x` (`n × p`) and edge costs `c` (`n × E`), unsolved.
        public var dataset: Dataset
        /// Node coordinates `[m][2]`.
        public var coordinates: [[Double]]
        /// Euclidean edge lengths, `E` entries in edge order.
        public var distances: [Double]
        /// The matrix `B = Bernoulli ⊙ Uniform`, `E × p` row-major.
        public var mapping: [Double]
    }

    /// Generates from any ``RandomSource`` (a ``NumPyRandomState`` replays PyEPO's stream).
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes, degree or noise.
    public func generate<R: RandomSource>(using rng: inout R) throws -> Output {
        let name = "TSP generator"
        try GeneratorSupport.validateCommon(
            name, sampleCount: sampleCount, featureCount: featureCount, degree: degree)
        try GeneratorSupport.require(
            nodeCount >= 2, name, "nodeCount must be ≥ 2, got \(nodeCount)")
        try GeneratorSupport.validateNoise(name, noiseWidth)
        let n = sampleCount
        let p = featureCount
        let m = nodeCount
        let e = edgeCount
        var coordinates: [[Double]] = []
        for _ in 0..<(m / 2) { coordinates.append([rng.uniform(-2, 2), rng.uniform(-2, 2)]) }
        for _ in 0..<(m - m / 2) {
            coordinates.append([
                rng.normal(mean: 0, standardDeviation: 1),
                rng.normal(mean: 0, standardDeviation: 1),
            ])
        }
        var distances: [Double] = []
        distances.reserveCapacity(e)
        for i in 0..<m {
            for j in (i + 1)..<max(i + 1, m) {
                let dx = coordinates[i][0] - coordinates[j][0]
                let dy = coordinates[i][1] - coordinates[j][1]
                distances.append((dx * dx + dy * dy).squareRoot())
            }
        }
        var b = GeneratorSupport.drawBernoulliMatrix(&rng, rows: e, columns: p)
        for k in b.indices { b[k] *= rng.uniform(-2, 2) }
        let deg = Double(degree)
        let scale = GeneratorSupport.power(3, deg - 1)
        let (x, polynomial) = GeneratorSupport.featuresAndCosts(&rng, n: n, p: p, b: b, d: e) {
            GeneratorSupport.power($0 / $1 + 3, deg) / scale
        }
        var c = polynomial
        for i in 0..<n {
            for j in 0..<e {
                let noise = rng.uniform(1 - noiseWidth, 1 + noiseWidth)
                let value = distances[j] + c[i * e + j] * noise
                c[i * e + j] = (value * 10_000).rounded(.toNearestOrEven) / 10_000
            }
        }
        let dataset = try GeneratorSupport.dataset(features: x, p: p, costs: c, d: e, float32: float32Costs)
        return Output(dataset: dataset, coordinates: coordinates, distances: distances, mapping: b)
    }
}
