import DFLOptimization
import DFLTensor

/// A batch's checked predicted rows, the objective sign `s` and the solution pool's members after
/// the batch: the pool grows with the solutions at the predicted costs when its coin says so — the
/// first step of NCE, CMAP and the learning-to-rank losses.
struct PooledPredictions {
    /// The predicted cost rows (``validatedRows(_:_:)``).
    let rows: [[Double]]
    /// The pool's members.
    let members: [[Double]]
    /// `+1` for minimization, `−1` for maximization.
    let sign: Double

    /// Checks the predictions, then refreshes the pool.
    /// - Throws: ``LossError`` for bad predictions, ``LossError/missingPool(_:)`` naming `loss`
    ///   without a pool; the oracle's errors.
    init(_ predicted: Variable, _ batch: LossBatch, _ context: LossContext, loss: String) throws {
        rows = try validatedRows(predicted, batch)
        guard let pool = context.pool else { throw LossError.missingPool(loss) }
        if pool.shouldSolve() {
            for s in try context.oracle.solveBatch(rows) { pool.insert(s.decision) }
        }
        members = pool.decisions
        sign = context.oracle.sense.sign
    }
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
        let pooled = try PooledPredictions(predicted, batch, context, loss: name)
        let s = pooled.sign, d = batch.dimension
        var poolMean = [Double](repeating: 0, count: d)
        for w in pooled.members { for j in 0..<d { poolMean[j] += w[j] / Double(pooled.members.count) } }
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i), row = pooled.rows[i]
            let value = s * (dot(row, wStar) - dot(row, poolMean))
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
        let pooled = try PooledPredictions(predicted, batch, context, loss: name)
        let s = pooled.sign
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i), row = pooled.rows[i]
            let best = pooled.members.min { s * dot(row, $0) < s * dot(row, $1) }!
            let value = s * (dot(row, wStar) - dot(row, best))
            return (value, (0..<batch.dimension).map { s * (wStar[$0] - best[$0]) })
        }
    }
}
