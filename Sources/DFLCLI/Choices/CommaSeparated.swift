import ArgumentParser

/// An option holding a comma-separated, non-empty list (`--hidden 64,32`, `--seeds 1,2`,
/// `--batches 32,256`); spaces around the commas are allowed.
public struct CommaSeparated<Element: LosslessStringConvertible & Sendable & Equatable>: Equatable, Sendable,
    ExpressibleByArgument
{
    /// The values in the order given.
    public var values: [Element]

    /// A list of `values`.
    public init(_ values: [Element]) { self.values = values }

    /// The list in `argument`, or nil when it is empty or a value does not parse.
    public init?(argument: String) {
        let cells = argument.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: " ") }
        let parsed = cells.compactMap { Element($0) }
        guard !cells.isEmpty, parsed.count == cells.count else { return nil }
        values = parsed
    }

    /// `"32,256"`.
    public var defaultValueDescription: String { values.map(\.description).joined(separator: ",") }
}

extension Substring {
    /// The text without leading and trailing `character`s.
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var s = self
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
