import DFLTensor

/// SPO+ (Elmachtoub & Grigas 2022, "Smart 'Predict, then Optimize'", doi:10.1287/mnsc.2020.3922).
///
/// For minimization, `ℓ(ĉ, c) = −min_w (2ĉ − c)ᵀw + 2ĉᵀw* − z*` with (sub)gradient `2(w* − w̃)`,
/// `w̃ = argmin (2ĉ − c)ᵀw`. Maximization is the minimization of the negated costs. One solve per
/// instance. Convex in ĉ, an upper bound on regret; the strongest single surrogate in PyEPO's runs.
public struct SPOPlus: DecisionLoss {
    /// `"spo+"`.
    public let name = "spo+"
    /// Creates the loss.
    public init() {}

    /// Batch-mean SPO+ loss.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let s = context.oracle.sense.sign
        let queries = rows.enumerated().map { i, chat in zip(chat, batch.cost(i)).map { 2 * $0 - $1 } }
        let tilde = try context.oracle.solveBatch(queries)
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            let wt = tilde[i].decision
            // In minimization form (costs multiplied by s): −(s q)ᵀw̃ + 2 s ĉᵀw* − s z*.
            let value = -s * dot(queries[i], wt) + 2 * s * dot(rows[i], wStar) - s * batch.objectives[i]
            return (value, (0..<batch.dimension).map { 2 * s * (wStar[$0] - wt[$0]) })
        }
    }
}
