import DFLLayers
import DFLOptimization
import DFLQuadraticProgramming

/// The smoothed layers a registry name can end in.
public enum SmoothedLayerKind: String, Sendable, CaseIterable {
    /// ``QPSmoothingLayer`` (`μ‖v‖²`, Eq. 3).
    case qp
    /// ``DavisYinLayer`` (DYS-Net).
    case dys
    /// ``NormSmoothingLayer`` (`τ‖v‖₂`).
    case norm
}

extension LossRegistry {
    /// The layer a smoothed name uses, built for `problem` from the loss hyper-parameters.
    ///
    /// The QP layer uses `μ = hyperparameters.smoothing` (convention `μ‖v‖²`, Eq. 3); the DYS layer
    /// uses the same `μ`, step `hyperparameters.dysStepSize` and at most
    /// `hyperparameters.dysIterations` steps (tolerance `1e-6`, returning the last iterate rather
    /// than failing when the budget runs out, as DYS-Net does), with the Jacobian-free backward
    /// pass. The norm layer uses `τ = hyperparameters.smoothing` in `ŷᵀv + τ‖v‖₂` (the authors'
    /// cvxpylayers model).
    public static func layer<P: LinearProgramRepresentable>(
        _ kind: SmoothedLayerKind, hyperparameters h: LossHyperparameters, problem: P
    ) throws -> SmoothedLayer {
        switch kind {
        case .qp:
            // Training mode: a stalled degenerate instance (TSP subtour faces) returns its last iterate
            // when its scaled KKT residual is ≤ 1e-4 instead of ending the run (docs/smoothing.md).
            var solver = InteriorPointQPSolver.Configuration()
            solver.acceptableResidual = 1e-4
            return .qp(
                try QPSmoothingLayer(problem: problem, configuration: .init(smoothing: h.smoothing, solver: solver)))
        case .dys:
            let c = DavisYinLayer.Configuration(
                smoothing: h.smoothing, stepSize: h.dysStepSize, maxIterations: h.dysIterations, tolerance: 1e-6,
                backward: .jacobianFree, onNonConvergence: .returnWithResidual)
            return .dys(try DavisYinLayer(problem: problem, configuration: c))
        case .norm:
            return .norm(try NormSmoothingLayer(problem: problem, configuration: .init(smoothing: h.smoothing)))
        }
    }

    /// The smoothed loss called `name` (`<loss>-<layer>`) on a layer of `problem`'s LP relaxation.
    /// - Throws: ``LossError`` `.unknownMethod` for other names, `.invalidHyperparameter` for bad
    ///   settings, ``LayerError`` when the layer cannot be built (infeasible relaxation).
    public static func makeSmoothed<P: LinearProgramRepresentable>(
        _ name: String, hyperparameters h: LossHyperparameters = .init(), problem: P
    ) throws -> SmoothedSurrogateLoss {
        let lower = name.lowercased()
        guard let dash = lower.lastIndex(of: "-"),
            let kind = SmoothedSurrogateLoss.Kind(rawValue: String(lower[..<dash])),
            let layerKind = SmoothedLayerKind(rawValue: String(lower[lower.index(after: dash)...]))
        else { throw LossError.unknownMethod(name) }
        try h.validate()
        return SmoothedSurrogateLoss(kind, layer: try layer(layerKind, hyperparameters: h, problem: problem))
    }
}
