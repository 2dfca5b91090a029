import DFLLayers
import DFLOptimization

/// A smoothed LP layer as the surrogate losses see it: the exact ``QPSmoothingLayer``, the
/// approximate ``DavisYinLayer`` or the norm-penalized ``NormSmoothingLayer``, solving a batch of cost vectors and returning each decision with
/// its vector–Jacobian product.
public enum SmoothedLayer: Sendable {
    /// The interior-point QP layer (exact solution, exact KKT backward).
    case qp(QPSmoothingLayer)
    /// The Davis–Yin layer (DYS-Net, with its configured backward mode).
    case dys(DavisYinLayer)
    /// The norm-penalized layer `ŷᵀv + τ‖v‖₂` (the smoothing paper's code; exact backward).
    case norm(NormSmoothingLayer)

    /// Number of cost coefficients.
    public var costDimension: Int {
        switch self {
        case .qp(let l): return l.costDimension
        case .dys(let l): return l.costDimension
        case .norm(let l): return l.costDimension
        }
    }

    /// Objective sense of the underlying problem.
    public var sense: ObjectiveSense {
        switch self {
        case .qp(let l): return l.sense
        case .dys(let l): return l.sense
        case .norm(let l): return l.sense
        }
    }

    /// A short tag for names and reports: `"qp"`, `"dys"` or `"norm"`.
    public var tag: String {
        switch self {
        case .qp: return "qp"
        case .dys: return "dys"
        case .norm: return "norm"
        }
    }

    /// Solves every row (in parallel) and returns the smoothed decisions with their backward passes.
    /// - Throws: ``LayerError`` from the layer (bad costs, non-convergence), naming the instance.
    public func solveBatch(_ rows: [[Double]]) throws -> [SmoothedPoint] {
        switch self {
        case .qp(let layer):
            return try layer.solveBatch(rows).map { r in
                SmoothedPoint(decision: r.decision) { g in try r.costGradient(g) }
            }
        case .dys(let layer):
            return try layer.solveBatch(rows).map { r in
                SmoothedPoint(decision: r.decision) { g in try layer.costGradient(of: r, cotangent: g) }
            }
        case .norm(let layer):
            return try layer.solveBatch(rows).map { r in
                SmoothedPoint(decision: r.decision) { g in try r.costGradient(g) }
            }
        }
    }
}

/// One smoothed decision `v̂ = layer(ĉ)` with the map `g ↦ (∂v̂/∂ĉ)ᵀ g`.
public struct SmoothedPoint: Sendable {
    /// The smoothed decision (length `costDimension`).
    public let decision: [Double]
    /// The vector–Jacobian product of the layer at this point.
    public let costGradient: @Sendable ([Double]) throws -> [Double]

    /// Wraps a decision and its backward pass.
    public init(decision: [Double], costGradient: @escaping @Sendable ([Double]) throws -> [Double]) {
        self.decision = decision
        self.costGradient = costGradient
    }
}
