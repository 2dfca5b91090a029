import DFLOptimization
import DFLRandom

/// The perturbed solves shared by the perturbation losses (PFYL, DPO): `samples` Gaussian draws
/// `ξ_k ~ N(0, I)` per instance from the context's seed, the queries `ĉ_i + scale·ξ_k`, and the
/// oracle's solutions at them, solved as one parallel batch.
struct PerturbedSolutions {
    /// `ξ`, indexed `[instance][sample][coordinate]`.
    let noise: [[[Double]]]
    /// The perturbed costs, `samples` consecutive rows per instance.
    let queries: [[Double]]
    /// The oracle's solution for each query.
    let solutions: [Solution]
    /// Samples per instance.
    let samples: Int

    /// Draws the noise, builds the queries `rows[i] + scale·ξ_k` and solves them.
    /// - Throws: what the oracle throws.
    init(rows: [[Double]], samples: Int, scale: Double, context: LossContext) throws {
        let d = rows.first?.count ?? 0
        var rng = SeededGenerator(seed: context.seed)
        let noise = (0..<rows.count).map { _ in (0..<samples).map { _ in rng.normal(count: d) } }
        let queries = (0..<rows.count).flatMap { i in
            noise[i].map { xi in (0..<d).map { rows[i][$0] + scale * xi[$0] } }
        }
        self.noise = noise
        self.queries = queries
        self.solutions = try context.oracle.solveBatch(queries)
        self.samples = samples
    }

    /// The decision of sample `k` of instance `i`.
    func decision(_ i: Int, _ k: Int) -> [Double] { solutions[i * samples + k].decision }

    /// `(1/K) Σ_k w_k` for instance `i`.
    func meanDecision(_ i: Int) -> [Double] {
        var mean = [Double](repeating: 0, count: noise[i].first?.count ?? 0)
        for k in 0..<samples { for (j, w) in decision(i, k).enumerated() { mean[j] += w / Double(samples) } }
        return mean
    }
}
