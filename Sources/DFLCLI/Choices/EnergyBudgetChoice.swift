import ArgumentParser
import DFLReproduction

/// `dfl reproduce energy --budget`: the presets of ``EnergyReproductionBudget``.
public enum EnergyBudgetChoice: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// One seed, minutes in release.
    case quick
    /// Three seeds, about two hours in release.
    case standard
    /// Five seeds at the reference budgets, many hours.
    case full

    /// The preset.
    public var budget: EnergyReproductionBudget {
        switch self {
        case .quick: return .quick
        case .standard: return .standard
        case .full: return .full
        }
    }
}
