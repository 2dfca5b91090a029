import DFLTensor

/// Self-contrastive estimation SCE (Mulamba et al. 2021; the smoothing paper's Eq. 7–8):
/// `ℓ = (ĉ − c)ᵀ(w* − ŵ)` with `ŵ = w*(ĉ)`, gradient `w* − ŵ` (minimization; maximization
/// negates the costs). Non-negative, and zero exactly when the regret is zero.
public struct SelfContrastive: DecisionLoss {
    /// `"sce"`.
    public let name = "sce"
    /// Creates the loss.
    public init() {}

    /// Batch-mean SCE loss.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        try SolvedPredictions.meanLoss(predicted, batch, context) { i, solved in
            let s = solved.sign, wStar = batch.solution(i), wHat = solved.decisions[i], c = batch.cost(i)
            let diff = zip(solved.rows[i], c).map { $0 - $1 }
            let dw = zip(wStar, wHat).map { $0 - $1 }
            let value = s * dot(diff, dw)
            return (value, dw.map { s * $0 })
        }
    }
}
