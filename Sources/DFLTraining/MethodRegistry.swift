import DFLLayers
import DFLLosses
import DFLOptimization

/// Every training method by name: the exact-solver losses of ``LossRegistry`` and the
/// smoothed-layer losses of ``SmoothedLossRegistry`` (`regret-qp`, `spo+-qp`, `sce-qp`, `sce-dys`,
/// `sqde-dys`, …), which need the problem's LP relaxation to build their layer.
public enum MethodRegistry {
    /// All method names: exact-solver losses first, then the smoothed-layer losses.
    public static var names: [String] { LossRegistry.names + SmoothedLossRegistry.names }

    /// The loss called `name`.
    /// - Parameter relaxation: the problem whose LP relaxation the smoothed layers solve (needed
    ///   only for the smoothed-layer names).
    /// - Throws: ``LossError`` `.unknownMethod` (listing the names) or `.invalidHyperparameter`;
    ///   ``TrainingError`` `.invalidConfiguration` for a smoothed method without a relaxation;
    ///   ``LayerError`` when the layer cannot be built.
    public static func make(
        _ name: String, hyperparameters h: LossHyperparameters = .init(),
        relaxation: (any LinearProgramRepresentable)? = nil
    ) throws -> any DecisionLoss {
        guard SmoothedLossRegistry.contains(name) else {
            return try LossRegistry.make(name, hyperparameters: h)
        }
        guard let relaxation else {
            throw TrainingError.invalidConfiguration(
                "method '\(name)' trains through a smoothed LP layer and needs the problem's LP relaxation (built-in problems and MPS models provide it)")
        }
        return try makeSmoothed(name, h, relaxation)
    }

    /// Opens the existential so the generic registry can build the layer.
    private static func makeSmoothed<P: LinearProgramRepresentable>(
        _ name: String, _ h: LossHyperparameters, _ problem: P
    ) throws -> any DecisionLoss {
        try SmoothedLossRegistry.make(name, hyperparameters: h, problem: problem)
    }
}
