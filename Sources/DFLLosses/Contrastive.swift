import DFLOptimization
import DFLTensor

/// Grows the pool with the solutions at the predicted costs when the pool's coin says so.
func refreshPool(_ pool: SolutionPool, rows: [[Double]], oracle: DecisionOracle) throws {
    guard pool.shouldSolve() else { return }
    for s in try oracle.solveBatch(rows) { pool.insert(s.decision) }
}

/// Noise-contrastive estimation NCE (Mulamba et al. 2021, "Contrastive losses and solution caching
/// for predict-and-optimize", IJCAI): `ℓ = (1/|S|) Σ_{w∈S} (ĉᵀw* − ĉᵀw)` over the solution pool S
/// (minimization; maximization negates). Gradient `w* − mean(S)`. Unbounded below on a fixed pool
/// (PYEPO.md §2.1), like PyEPO's.
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
        guard let pool = context.pool else { throw LossError.missingPool(name) }
        try refreshPool(pool, rows: rows, oracle: context.oracle)
        let members = pool.decisions
        let s = context.oracle.sense.sign
        let d = batch.dimension
        var poolMean = [Double](repeating: 0, count: d)
        for w in members { for j in 0..<d { poolMean[j] += w[j] / Double(members.count) } }
        var values: [Double] = [], grads: [[Double]] = []
        for i in 0..<batch.count {
            let wStar = batch.solution(i)
            values.append(s * (dot(rows[i], wStar) - dot(rows[i], poolMean)))
            grads.append((0..<d).map { s * (wStar[$0] - poolMean[$0]) })
        }
        return recordMeanLoss(predicted, values: values, gradients: grads)
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
        guard let pool = context.pool else { throw LossError.missingPool(name) }
        try refreshPool(pool, rows: rows, oracle: context.oracle)
        let members = pool.decisions
        let s = context.oracle.sense.sign
        var values: [Double] = [], grads: [[Double]] = []
        for i in 0..<batch.count {
            let wStar = batch.solution(i)
            let best = members.min { s * dot(rows[i], $0) < s * dot(rows[i], $1) }!
            values.append(s * (dot(rows[i], wStar) - dot(rows[i], best)))
            grads.append((0..<batch.dimension).map { s * (wStar[$0] - best[$0]) })
        }
        return recordMeanLoss(predicted, values: values, gradients: grads)
    }
}
