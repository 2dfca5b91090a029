import DFLOptimization
import DFLTensor

/// The pool's members after this batch: grown with the solutions at the predicted costs when the
/// pool's coin says so (NCE, CMAP and the learning-to-rank losses).
/// - Throws: ``LossError/missingPool(_:)`` naming `loss` without a pool; the oracle's errors.
func refreshedPool(_ context: LossContext, rows: [[Double]], loss: String) throws -> [[Double]] {
    guard let pool = context.pool else { throw LossError.missingPool(loss) }
    if pool.shouldSolve() {
        for s in try context.oracle.solveBatch(rows) { pool.insert(s.decision) }
    }
    return pool.decisions
}

/// Noise-contrastive estimation NCE (Mulamba et al. 2021, "Contrastive losses and solution caching
/// for predict-and-optimize", IJCAI): `ℓ = (1/|S|) Σ_{w∈S} (ĉᵀw* − ĉᵀw)` over the solution pool S
/// (minimization; maximization negates). Gradient `w* − mean(S)`. Unbounded below on a fixed pool
/// (docs/pyepo.md, "Observations from the anchor run"), like PyEPO's.
public struct NoiseContrastive: DecisionLoss {
    /// `"nce"`.
    public let name = "nce"
    /// Uses the pool.
    public var needsPool: Bool { true }
    /// Creates the loss.
    public init() {}

    /// Batch-mean NCE.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let members = try refreshedPool(context, rows: rows, loss: name)
        let s = context.oracle.sense.sign
        let d = batch.dimension
        var poolMean = [Double](repeating: 0, count: d)
        for w in members { for j in 0..<d { poolMean[j] += w[j] / Double(members.count) } }
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            let value = s * (dot(rows[i], wStar) - dot(rows[i], poolMean))
            return (value, (0..<d).map { s * (wStar[$0] - poolMean[$0]) })
        }
    }
}

/// Contrastive MAP, CMAP (Mulamba et al. 2021): `ℓ = ĉᵀw* − min_{w∈S} ĉᵀw` over the pool
/// (minimization; maximization negates). Gradient `w* − argmin_{w∈S} ĉᵀw`.
public struct ContrastiveMAP: DecisionLoss {
    /// `"cmap"`.
    public let name = "cmap"
    /// Uses the pool.
    public var needsPool: Bool { true }
    /// Creates the loss.
    public init() {}

    /// Batch-mean CMAP.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let members = try refreshedPool(context, rows: rows, loss: name)
        let s = context.oracle.sense.sign
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            let best = members.min { s * dot(rows[i], $0) < s * dot(rows[i], $1) }!
            let value = s * (dot(rows[i], wStar) - dot(rows[i], best))
            return (value, (0..<batch.dimension).map { s * (wStar[$0] - best[$0]) })
        }
    }
}
