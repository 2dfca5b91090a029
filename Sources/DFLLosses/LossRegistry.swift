/// Every decision-focused loss by its CLI name, with a factory taking the hyper-parameters.
///
/// `dfl train --method NAME` and configuration files use these names; a test asserts that every
/// name here has a value-and-gradient check.
public enum LossRegistry {
    /// Names in display order.
    public static let names: [String] = [
        "two-stage", "spo+", "sce", "nce", "cmap", "pfyl", "dpo", "dbb", "nid",
        "ltr-pointwise", "ltr-pairwise", "ltr-listwise", "imle",
    ]

    /// The loss called `name`.
    /// - Throws: ``LossError`` `.unknownMethod` listing the valid names.
    public static func make(_ name: String, hyperparameters h: LossHyperparameters = .init()) throws -> any DecisionLoss {
        switch name.lowercased() {
        case "two-stage", "2s", "mse": return TwoStageMSE()
        case "spo+", "spo", "spoplus": return SPOPlus()
        case "sce": return SelfContrastive()
        case "nce": return NoiseContrastive()
        case "cmap": return ContrastiveMAP()
        case "pfyl", "pfy": return PerturbedFenchelYoung(samples: h.samples, sigma: h.sigma)
        case "dpo": return PerturbedOptimizer(samples: h.samples, sigma: h.sigma)
        case "dbb": return DifferentiableBlackBox(lambda: h.lambda)
        case "nid": return NegativeIdentity()
        case "ltr-pointwise": return LearningToRank(.pointwise, temperature: h.temperature)
        case "ltr-pairwise": return LearningToRank(.pairwise, temperature: h.temperature)
        case "ltr-listwise": return LearningToRank(.listwise, temperature: h.temperature)
        case "imle": return ImplicitMLE(samples: h.samples, sigma: h.sigma, lambda: h.lambda, kappa: h.imleKappa)
        default: throw LossError.unknownMethod(name)
        }
    }
}
