import DFLLayers
import DFLOptimization
import DFLTensor

/// A decision loss computed on a smoothed layer `v̂ = layer(ĉ)` (the smoothing paper, §4), in
/// minimization form with `s = +1` (minimize) or `−1` (maximize), i.e. on costs `s·c`:
///
/// * ``Kind/regret``: `s(cᵀv̂ − z*)`, gradient `s Jᵀc` (Eq. 9; vanishes where the layer is flat);
/// * ``Kind/squaredDecisionError``: `mean_j (v*_j − v̂_j)²`, gradient `Jᵀ(2(v̂ − v*)/d)` (Eq. 10);
/// * ``Kind/selfContrastive``: `s(ĉ − c)ᵀ(v* − v̂)`, gradient `s(v* − v̂) + Jᵀ(s(c − ĉ))` (Eq. 12);
/// * ``Kind/spoPlus``: `s(2ĉ − c)ᵀ(v* − ṽ)` with `ṽ = layer(2ĉ − c)`, gradient
///   `2s(v* − ṽ) + 2J̃ᵀ(s(c − 2ĉ))` (Eq. 11).
///
/// `J = ∂v̂/∂ĉ` is the layer's exact (QP) or approximate (DYS) Jacobian; the decision map already
/// accounts for the sense, so `s` only converts objectives. `v*` and `z*` come from the batch (the
/// exact optimum); the oracle is not called. The loss value is the batch mean.
///
/// Reference: J. Mandi et al., "Minimizing Surrogate Losses for Decision-Focused Learning using
/// Differentiable Optimization" (2025), arXiv:2508.11365, Eq. 9–12.
public struct SmoothedSurrogateLoss: DecisionLoss {
    /// Which loss is evaluated on the smoothed decision.
    public enum Kind: String, Sendable, CaseIterable {
        /// Regret of the smoothed decision.
        case regret
        /// Squared decision error (DYS-Net's loss).
        case squaredDecisionError = "sqde"
        /// Self-contrastive estimation.
        case selfContrastive = "sce"
        /// SPO+ with the smoothed solver in place of the exact one.
        case spoPlus = "spo+"
    }

    /// The loss.
    public let kind: Kind
    /// The smoothed layer.
    public let layer: SmoothedLayer
    /// `"<kind>-<qp|dys>"`, e.g. `"sce-qp"`.
    public var name: String { "\(kind.rawValue)-\(layer.tag)" }

    /// A loss of `kind` on `layer`.
    public init(_ kind: Kind, layer: SmoothedLayer) {
        self.kind = kind
        self.layer = layer
    }

    /// Per-instance values and gradients with respect to the predicted costs (the op's core).
    /// - Throws: ``LossError`` for a wrong shape or non-finite predictions, ``LayerError`` from the layer.
    public func valuesAndGradients(_ rows: [[Double]], batch: LossBatch) throws -> (
        values: [Double], gradients: [[Double]]
    ) {
        let d = batch.dimension
        guard d == layer.costDimension else {
            throw LossError.shapeMismatch(expected: [batch.count, layer.costDimension], got: [batch.count, d])
        }
        let s = layer.sense.sign
        let queries: [[Double]]
        if kind == .spoPlus {
            queries = rows.enumerated().map { i, chat in
                let c = batch.cost(i)
                return (0..<d).map { 2 * chat[$0] - c[$0] }
            }
        } else {
            queries = rows
        }
        let points = try layer.solveBatch(queries)
        var values: [Double] = [], gradients: [[Double]] = []
        values.reserveCapacity(batch.count)
        gradients.reserveCapacity(batch.count)
        for i in 0..<batch.count {
            let c = batch.cost(i), vStar = batch.solution(i), v = points[i].decision, q = queries[i]
            switch kind {
            case .regret:
                var cv = 0.0
                for j in 0..<d { cv += c[j] * v[j] }
                values.append(s * (cv - batch.objectives[i]))
                gradients.append(try points[i].costGradient(c.map { s * $0 }))
            case .squaredDecisionError:
                var e = 0.0
                for j in 0..<d { e += (vStar[j] - v[j]) * (vStar[j] - v[j]) }
                values.append(e / Double(d))
                gradients.append(try points[i].costGradient((0..<d).map { 2 * (v[$0] - vStar[$0]) / Double(d) }))
            case .selfContrastive, .spoPlus:
                // Both are s·qᵀ(v* − layer(q)) with q = ĉ (SCE) or q = 2ĉ − c (SPO+, chain factor 2).
                let factor = kind == .spoPlus ? 2.0 : 1.0
                let weight = kind == .spoPlus ? q : (0..<d).map { q[$0] - c[$0] }
                var value = 0.0
                for j in 0..<d { value += weight[j] * (vStar[j] - v[j]) }
                values.append(s * value)
                let jt = try points[i].costGradient(weight.map { -s * $0 })
                gradients.append((0..<d).map { factor * (s * (vStar[$0] - v[$0]) + jt[$0]) })
            }
        }
        return (values, gradients)
    }

    /// Batch-mean loss as a differentiable scalar of the predictions `[batch, d]`.
    /// - Throws: ``LossError`` for a wrong shape or non-finite predictions, ``LayerError`` from the layer.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let (values, gradients) = try valuesAndGradients(rows, batch: batch)
        return recordMeanLoss(predicted, values: values, gradients: gradients)
    }
}
