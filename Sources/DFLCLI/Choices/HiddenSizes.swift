import ArgumentParser

/// `--hidden`: hidden layer sizes, comma-separated (`64,32`); empty for a linear model.
public struct HiddenSizes: Equatable, Sendable, ExpressibleByArgument {
    /// The sizes, input side first (all ≥ 1 once validated).
    public var sizes: [Int]

    /// `""` (a linear model) or comma-separated integers, or nil.
    public init?(argument: String) {
        if argument.allSatisfy({ $0 == " " }) {
            sizes = []
        } else if let list = CommaSeparated<Int>(argument: argument) {
            sizes = list.values
        } else {
            return nil
        }
    }
}
