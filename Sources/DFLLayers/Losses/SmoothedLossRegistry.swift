import DFLLosses
import DFLOptimization

/// The smoothed-layer losses by CLI name (`<loss>-<layer>`), built for one problem.
///
/// Names: `regret-qp`, `spo+-qp`, `sce-qp`, `sqde-qp`, `regret-dys`, `spo+-dys`, `sce-dys`,
/// `sqde-dys`, `regret-norm`, `spo+-norm`, `sce-norm`, `sqde-norm`. The QP layer uses `μ = hyperparameters.smoothing` (convention `μ‖v‖²`, Eq. 3); the
/// DYS layer uses the same `μ`, step `hyperparameters.dysStepSize` and at most
/// `hyperparameters.dysIterations` steps (tolerance `1e-6`, returning the last iterate rather than
/// failing when the budget runs out, as DYS-Net does), with the Jacobian-free backward pass. The
/// norm layer uses `τ = hyperparameters.smoothing` in `ŷᵀv + τ‖v‖₂` (the authors' cvxpylayers model).
public enum SmoothedLossRegistry {
    /// All names, in display order.
    public static let names: [String] = ["qp", "dys", "norm"].flatMap { layer in
        SmoothedSurrogateLoss.Kind.allCases.map { "\($0.rawValue)-\(layer)" }
    }

    /// Whether `name` is one of ``names`` (case-insensitive).
    public static func contains(_ name: String) -> Bool { names.contains(name.lowercased()) }

    /// The layer settings a name's layer uses, from the loss hyper-parameters.
    public static func layer<P: LinearProgramRepresentable>(
        _ tag: String, hyperparameters h: LossHyperparameters, problem: P
    ) throws -> SmoothedLayer {
        switch tag {
        case "qp":
            // Training mode: a stalled degenerate instance (TSP subtour faces) returns its last iterate
            // when its scaled KKT residual is ≤ 1e-4 instead of ending the run (docs/smoothing.md).
            var solver = InteriorPointQPSolver.Configuration()
            solver.acceptableResidual = 1e-4
            return .qp(try QPSmoothingLayer(problem: problem, configuration: .init(smoothing: h.smoothing, solver: solver)))
        case "dys":
            let c = DavisYinLayer.Configuration(
                smoothing: h.smoothing, stepSize: h.dysStepSize, maxIterations: h.dysIterations, tolerance: 1e-6,
                backward: .jacobianFree, onNonConvergence: .returnWithResidual)
            return .dys(try DavisYinLayer(problem: problem, configuration: c))
        case "norm":
            return .norm(try NormSmoothingLayer(problem: problem, configuration: .init(smoothing: h.smoothing)))
        default:
            throw LossError.unknownMethod(tag)
        }
    }

    /// The loss called `name` on a smoothed layer of `problem`'s LP relaxation.
    /// - Throws: ``LossError`` `.unknownMethod` for other names, `.invalidHyperparameter` for bad
    ///   settings, ``LayerError`` when the layer cannot be built (infeasible relaxation).
    public static func make<P: LinearProgramRepresentable>(
        _ name: String, hyperparameters h: LossHyperparameters = .init(), problem: P
    ) throws -> SmoothedSurrogateLoss {
        let lower = name.lowercased()
        guard contains(lower), let dash = lower.lastIndex(of: "-"),
            let kind = SmoothedSurrogateLoss.Kind(rawValue: String(lower[..<dash]))
        else { throw LossError.unknownMethod(name) }
        try h.validate()
        return SmoothedSurrogateLoss(kind, layer: try layer(String(lower[lower.index(after: dash)...]), hyperparameters: h, problem: problem))
    }
}
