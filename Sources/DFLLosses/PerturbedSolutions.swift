import DFLOptimization
import DFLRandom
import Foundation

/// The perturbed solves shared by the perturbation losses (PFYL, DPO and their multiplicative
/// variants): `samples` Gaussian draws `ξ_k ~ N(0, I)` per instance from the context's seed, the
/// perturbed costs, and the oracle's solutions at them, solved as one parallel batch.
struct PerturbedSolutions {
    /// How the noise enters the costs.
    enum Perturbation {
        /// `ĉ + scale·ξ`.
        case additive(scale: Double)
        /// `ĉ ⊙ exp(σξ − σ²/2)` (Dalle et al. 2022): keeps each cost's sign, and the factor has mean 1.
        case multiplicative(sigma: Double)
    }

    /// `ξ`, indexed `[instance][sample][coordinate]`.
    let noise: [[[Double]]]
    /// The multiplicative factors `exp(σξ − σ²/2)`, indexed as `noise` (nil for additive noise).
    let factors: [[[Double]]]?
    /// The perturbed costs, `samples` consecutive rows per instance.
    let queries: [[Double]]
    /// The oracle's solution for each query.
    let solutions: [Solution]
    /// Samples per instance.
    let samples: Int

    /// Draws the noise, builds the queries `rows[i] + scale·ξ_k` and solves them.
    /// - Throws: what the oracle throws.
    init(rows: [[Double]], samples: Int, scale: Double, context: LossContext) throws {
        try self.init(rows: rows, samples: samples, perturbation: .additive(scale: scale), context: context)
    }

    /// Draws the noise, builds the perturbed queries and solves them.
    /// - Throws: what the oracle throws.
    init(rows: [[Double]], samples: Int, perturbation: Perturbation, context: LossContext) throws {
        let d = rows.first?.count ?? 0
        var rng = SeededGenerator(seed: context.seed)
        let noise = (0..<rows.count).map { _ in (0..<samples).map { _ in rng.normal(count: d) } }
        let factors: [[[Double]]]?
        let queries: [[Double]]
        switch perturbation {
        case .additive(let scale):
            factors = nil
            queries = (0..<rows.count).flatMap { i in
                noise[i].map { xi in (0..<d).map { rows[i][$0] + scale * xi[$0] } }
            }
        case .multiplicative(let sigma):
            let f = noise.map { perInstance in perInstance.map { xi in xi.map { exp(sigma * $0 - sigma * sigma / 2) } }
            }
            factors = f
            queries = (0..<rows.count).flatMap { i in f[i].map { fk in (0..<d).map { rows[i][$0] * fk[$0] } } }
        }
        self.noise = noise
        self.factors = factors
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

    /// `(1/K) Σ_k f_k ⊙ w_k` for instance `i` (the mean decision for additive noise): the gradient
    /// of `(1/K) Σ_k z(ĉ ⊙ f_k)` with respect to `ĉ`.
    func meanScaledDecision(_ i: Int) -> [Double] {
        guard let factors else { return meanDecision(i) }
        var mean = [Double](repeating: 0, count: noise[i].first?.count ?? 0)
        for k in 0..<samples {
            for (j, w) in decision(i, k).enumerated() { mean[j] += factors[i][k][j] * w / Double(samples) }
        }
        return mean
    }
}
