import DFLOptimization

/// Every decision-focused loss by its name: the one registry of training methods.
///
/// `dfl train --method NAME`, configuration files and the CLI's help use these names. Two families:
/// - losses that call the exact solver (``exactSolverNames``): `two-stage`, `spo+`, `pfyl`, …;
/// - losses on a smoothed layer of the problem's LP relaxation (``smoothedNames``), named
///   `<loss>-<layer>` with loss `regret|sqde|sce|spo+` and layer `qp|dys|norm`; these need the
///   relaxation to build their layer.
///
/// A test asserts that every name here has a value-and-gradient check.
public enum LossRegistry {
    /// The exact-solver losses, in display order.
    public static let exactSolverNames: [String] = [
        "two-stage", "spo+", "sce", "nce", "cmap", "pfyl", "pfymul", "dpo", "dpomul", "dbb", "nid",
        "ltr-pointwise", "ltr-pairwise", "ltr-listwise", "imle", "aimle", "pgb", "pgf", "pgc", "rfwo", "rfy",
    ]

    /// The smoothed-layer losses, in display order (`regret-qp`, `sqde-qp`, …, `spo+-norm`).
    public static let smoothedNames: [String] = SmoothedLayerKind.allCases.flatMap { layer in
        SmoothedSurrogateLoss.Kind.allCases.map { "\($0.rawValue)-\(layer.rawValue)" }
    }

    /// Every name: exact-solver losses first, then the smoothed-layer losses.
    public static var names: [String] { exactSolverNames + smoothedNames }

    /// Whether `name` trains through a smoothed layer (and so needs an LP relaxation).
    public static func isSmoothed(_ name: String) -> Bool { smoothedNames.contains(name.lowercased()) }

    /// The loss called `name`.
    /// - Parameters:
    ///   - name: A registry name (case-insensitive; the exact-solver aliases are accepted).
    ///   - hyperparameters: The losses' settings (defaults: PyEPO's).
    ///   - relaxation: The problem whose LP relaxation the smoothed layers solve (needed only for
    ///     the smoothed names).
    /// - Returns: The loss, ready to train with.
    /// - Throws: ``LossError`` `.unknownMethod` (listing the names), `.invalidHyperparameter`, or
    ///   `.needsRelaxation` for a smoothed name without a relaxation; ``LayerError`` when the layer
    ///   cannot be built (infeasible relaxation).
    public static func make(
        _ name: String, hyperparameters: LossHyperparameters = .init(),
        relaxation: (any LinearProgramRepresentable)? = nil
    ) throws -> any DecisionLoss {
        guard isSmoothed(name) else { return try makeExact(name, hyperparameters: hyperparameters) }
        guard let relaxation else { throw LossError.needsRelaxation(name) }
        return try makeSmoothed(name, hyperparameters, relaxation)
    }

    /// Opens the existential so the generic factory can build the layer.
    private static func makeSmoothed<P: LinearProgramRepresentable>(
        _ name: String, _ h: LossHyperparameters, _ problem: P
    ) throws -> any DecisionLoss {
        try makeSmoothed(name, hyperparameters: h, problem: problem)
    }

    /// The exact-solver loss called `name` (aliases: `2s`/`mse`, `spo`/`spoplus`, `pfy`).
    /// - Throws: ``LossError`` `.unknownMethod` listing the valid names.
    static func makeExact(_ name: String, hyperparameters h: LossHyperparameters) throws -> any DecisionLoss {
        switch name.lowercased() {
        case "two-stage", "2s", "mse": return TwoStageMSE()
        case "spo+", "spo", "spoplus": return SPOPlus()
        case "sce": return SelfContrastive()
        case "nce": return NoiseContrastive()
        case "cmap": return ContrastiveMAP()
        case "pfyl", "pfy": return PerturbedFenchelYoung(samples: h.samples, sigma: h.sigma)
        case "pfymul": return PerturbedFenchelYoung(samples: h.samples, sigma: h.sigma, multiplicative: true)
        case "dpo": return PerturbedOptimizer(samples: h.samples, sigma: h.sigma)
        case "dpomul": return PerturbedOptimizer(samples: h.samples, sigma: h.sigma, multiplicative: true)
        case "dbb": return DifferentiableBlackBox(lambda: h.lambda)
        case "nid": return NegativeIdentity()
        case "ltr-pointwise": return LearningToRank(.pointwise, temperature: h.temperature)
        case "ltr-pairwise": return LearningToRank(.pairwise, temperature: h.temperature)
        case "ltr-listwise": return LearningToRank(.listwise, temperature: h.temperature)
        case "imle": return ImplicitMLE(samples: h.samples, sigma: h.sigma, lambda: h.lambda, kappa: h.imleKappa)
        case "aimle": return AdaptiveImplicitMLE(samples: h.samples, sigma: h.sigma, kappa: h.imleKappa)
        case "pgb": return PerturbationGradient(.backward, width: h.pgWidth)
        case "pgf": return PerturbationGradient(.forward, width: h.pgWidth)
        case "pgc": return PerturbationGradient(.central, width: h.pgWidth)
        case "rfwo": return RegularizedFrankWolfe(.optimizer, lambda: h.fwLambda)
        case "rfy": return RegularizedFrankWolfe(.fenchelYoung, lambda: h.fwLambda)
        default: throw LossError.unknownMethod(name)
        }
    }
}
