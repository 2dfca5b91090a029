import DFLTensor

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
        // Minimization form: costs ĉ' = sĉ, perturbed ĉ' + σξ; the oracle solves in the original sense,
        // so it is called on s(ĉ' + σξ) = ĉ + sσξ.
        let perturbed = try PerturbedSolutions(rows: rows, samples: samples, scale: s * sigma, context: context)
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            let meanW = perturbed.meanDecision(i)
            var meanObj = 0.0
            for k in 0..<samples {
                meanObj += s * dot(perturbed.queries[i * samples + k], perturbed.decision(i, k)) / Double(samples)
            }
            let value = s * dot(rows[i], wStar) - meanObj
            return (value, (0..<d).map { s * (wStar[$0] - meanW[$0]) })
        }
    }
}
