import DFLRandom
import DFLTensor

/// Gaussian perturbations `ξ_k ~ N(0, I)`, `samples` of them per instance, from `seed`.
func gaussianNoise(samples: Int, count: Int, dimension: Int, seed: UInt64) -> [[[Double]]] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in (0..<samples).map { _ in rng.normal(count: dimension) } }
}

/// Perturbed Fenchel–Young loss PFYL (Berthet et al. 2020, "Learning with differentiable perturbed
/// optimizers", NeurIPS). For minimization `ℓ = ĉᵀw* − (1/K) Σ_k min_w (ĉ + σξ_k)ᵀw`, gradient
/// `w* − (1/K) Σ_k w_k`. PyEPO defaults: K = 10 samples, σ = 1. K solves per instance.
public struct PerturbedFenchelYoung: DecisionLoss {
    /// `"pfyl"`.
    public let name = "pfyl"
    /// Number of perturbation samples K.
    public var samples: Int
    /// Noise scale σ.
    public var sigma: Double

    /// Creates the loss (defaults: 10 samples, σ = 1).
    public init(samples: Int = 10, sigma: Double = 1) {
        self.samples = samples
        self.sigma = sigma
    }

    /// Batch-mean PFYL.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let s = context.oracle.sense.sign
        let d = batch.dimension
        let noise = gaussianNoise(samples: samples, count: batch.count, dimension: d, seed: context.seed)
        // Minimization form: costs ĉ' = sĉ, perturbed ĉ' + σξ; the oracle solves in the original sense,
        // so it is called on s(ĉ' + σξ) = ĉ + sσξ.
        let queries = (0..<batch.count).flatMap { i in
            noise[i].map { xi in (0..<d).map { rows[i][$0] + s * sigma * xi[$0] } }
        }
        let sols = try context.oracle.solveBatch(queries)
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            var meanW = [Double](repeating: 0, count: d)
            var meanObj = 0.0
            for k in 0..<samples {
                let q = queries[i * samples + k], w = sols[i * samples + k].decision
                meanObj += s * dot(q, w) / Double(samples)
                for j in 0..<d { meanW[j] += w[j] / Double(samples) }
            }
            let value = s * dot(rows[i], wStar) - meanObj
            return (value, (0..<d).map { s * (wStar[$0] - meanW[$0]) })
        }
    }
}
