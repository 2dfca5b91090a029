import ArgumentParser
import DFLLosses

/// `--method`: a training method of ``LossRegistry``, the one registry of method names, so help,
/// completion and the parser list every name the registry has and no other.
///
/// Parsing accepts the registry's names and the aliases its factory accepts (`spo`, `2s`, `pfy`, …),
/// case-insensitively, and keeps the text as given (it is the run's method name).
public struct MethodChoice: RawRepresentable, Hashable, Sendable, CaseIterable, ExpressibleByArgument {
    /// The name as given.
    public var rawValue: String

    /// A name of the registry (not checked: ``init(argument:)`` checks).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The registry's name or alias `argument`, or nil.
    public init?(argument: String) {
        guard Self.isKnown(argument) else { return nil }
        self.rawValue = argument
    }

    /// Every registry name: exact-solver losses first, then the smoothed-layer losses.
    public static var allCases: [MethodChoice] { LossRegistry.names.map(MethodChoice.init(rawValue:)) }

    /// Whether this method trains through a smoothed layer of the LP relaxation.
    public var isSmoothed: Bool { LossRegistry.isSmoothed(rawValue) }

    /// Whether the registry builds a loss called `name` (exact-solver names with their aliases are
    /// built with default settings, which only makes a small value).
    static func isKnown(_ name: String) -> Bool {
        LossRegistry.names.contains(name.lowercased()) || LossRegistry.isSmoothed(name)
            || (try? LossRegistry.make(name)) != nil
    }
}
