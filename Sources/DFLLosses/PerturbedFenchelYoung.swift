import DFLTensor

/// Perturbed Fenchel–Young loss PFYL (Berthet et al. 2020, "Learning with differentiable perturbed
/// optimizers", NeurIPS). For minimization `ℓ = ĉᵀw* − (1/K) Σ_k min_w (ĉ + σξ_k)ᵀw`, gradient
/// `w* − (1/K) Σ_k w_k`. PyEPO defaults: K = 10 samples, σ = 1. K solves per instance.
///
/// PFYMul (`multiplicative`; Dalle et al. 2022, "Learning with combinatorial optimization layers:
/// a probabilistic approach", PyEPO's `perturbedFenchelYoungMul`) perturbs by `ĉ ⊙ f_k`,
/// `f_k = exp(σξ_k − σ²/2)`, which keeps each cost's sign: `ℓ = ĉᵀw* − (1/K) Σ_k min_w (ĉ ⊙ f_k)ᵀw`
/// with gradient `w* − (1/K) Σ_k f_k ⊙ w_k`. Both gradients are the exact gradients of the value.
public struct PerturbedFenchelYoung: DecisionLoss {
    /// `"pfyl"`, or `"pfymul"` for multiplicative noise.
    public var name: String { multiplicative ? "pfymul" : "pfyl" }
    /// Number of perturbation samples K.
    public var samples: Int
    /// Noise scale σ.
    public var sigma: Double
    /// Multiplicative (sign-preserving) instead of additive noise.
    public var multiplicative: Bool

    /// Creates the loss (defaults: 10 samples, σ = 1, additive noise).
    public init(samples: Int = 10, sigma: Double = 1, multiplicative: Bool = false) {
        self.samples = samples
        self.sigma = sigma
        self.multiplicative = multiplicative
    }

    /// Batch-mean PFYL.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let s = context.oracle.sense.sign
        let d = batch.dimension
        // Minimization form: costs ĉ' = sĉ, perturbed ĉ' + σξ; the oracle solves in the original sense,
        // so it is called on s(ĉ' + σξ) = ĉ + sσξ. A multiplicative factor commutes with the sign.
        let perturbed = try PerturbedSolutions(
            rows: rows, samples: samples,
            perturbation: multiplicative ? .multiplicative(sigma: sigma) : .additive(scale: s * sigma),
            context: context)
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            let meanW = perturbed.meanScaledDecision(i)
            var meanObj = 0.0
            for k in 0..<samples {
                meanObj += s * dot(perturbed.queries[i * samples + k], perturbed.decision(i, k)) / Double(samples)
            }
            let value = s * dot(rows[i], wStar) - meanObj
            return (value, (0..<d).map { s * (wStar[$0] - meanW[$0]) })
        }
    }
}
