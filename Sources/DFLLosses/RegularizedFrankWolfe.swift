import DFLTensor

/// L2-regularized optimization over `conv(X)` by Frank–Wolfe (Dalle et al. 2022, "Learning with
/// combinatorial optimization layers: a probabilistic approach"; PyEPO's RFWO and RFY): the
/// regularized decision `ŵ_λ = argmin_{w ∈ conv(X)} ĉᵀw + (λ/2)‖w‖²` (minimization; maximization
/// flips the sign of `ĉ`), computed as the projection of `−ĉ/λ` by ``FrankWolfeProjection``.
///
/// - `rfwo` (the regularized optimizer, with the squared decision error `mean((ŵ_λ − w*)²)` as its
///   task loss, as PyEPO pairs it): backward through the active face — the cotangent projected
///   onto the directions of the face's affine hull, times `−1/λ` (minimization).
/// - `rfy` (its Fenchel–Young loss): `ℓ = (λ/2)‖w*‖² − (λ/2)‖ŵ_λ‖² + ĉᵀ(w* − ŵ_λ)` with the
///   gradient `w* − ŵ_λ` (Danskin; maximization: `ŵ_λ − w*`).
///
/// PyEPO's defaults: λ = 1, at most 10 000 iterations, gap tolerance 1e-6.
public struct RegularizedFrankWolfe: DecisionLoss {
    /// The two losses.
    public enum Kind: String, Sendable, CaseIterable {
        /// The regularized optimizer with the squared decision error.
        case optimizer = "rfwo"
        /// The Fenchel–Young loss of the regularizer.
        case fenchelYoung = "rfy"
    }

    /// `"rfwo"` or `"rfy"`.
    public var name: String { kind.rawValue }
    /// Which loss.
    public var kind: Kind
    /// The regularization strength λ.
    public var lambda: Double
    /// The Frank–Wolfe settings.
    var projection = FrankWolfeProjection()

    /// Creates the loss (λ = 1 and gap tolerance 1e-6, as PyEPO). The projection is within
    /// `√(2·tolerance)` of the exact one (strong convexity of `½‖μ − θ‖²`).
    public init(_ kind: Kind, lambda: Double = 1, tolerance: Double = 1e-6) {
        self.kind = kind
        self.lambda = lambda
        projection.tolerance = tolerance
    }

    /// Batch-mean loss with its gradient.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let s = context.oracle.sense.sign
        let d = batch.dimension
        let projections = try projection.project(rows.map { $0.map { -s * $0 / lambda } }, context: context)
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            let w = projections[i].point
            switch kind {
            case .optimizer:
                let value = zip(w, wStar).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(d)
                let upstream = zip(w, wStar).map { 2 * ($0 - $1) / Double(d) }
                return (value, FrankWolfeProjection.pullback(projections[i], upstream).map { -s * $0 / lambda })
            case .fenchelYoung:
                let value = lambda / 2 * (dot(wStar, wStar) - dot(w, w)) + s * dot(rows[i], zip(wStar, w).map(-))
                return (value, zip(wStar, w).map { s * ($0 - $1) })
            }
        }
    }
}
