import ArgumentParser

/// `--part`: `all` or a comma-separated list of a reproduction's parts, in the order given.
///
/// Generic over the runner's own `Part` enum (any `String` raw-valued `CaseIterable`), so help and
/// completion list exactly the parts the runner has.
public struct PartSelection<Part: RawRepresentable & CaseIterable & Hashable & Sendable>: Equatable, Sendable,
    ExpressibleByArgument
where Part.RawValue == String {
    /// The parts named, in order; nil for `all`.
    public var named: [Part]?

    /// Every part.
    public static var all: PartSelection { PartSelection(named: nil) }

    /// A selection of `named` parts (nil: all).
    public init(named: [Part]?) { self.named = named }

    /// `all`, or a comma-separated list of part names (spaces around the commas allowed, any case).
    public init?(argument: String) {
        let text = argument.lowercased()
        if text == "all" {
            named = nil
            return
        }
        let cells = text.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        }
        let parts = cells.compactMap(Part.init(rawValue:))
        guard !cells.isEmpty, parts.count == cells.count else { return nil }
        named = parts
    }

    /// The selected parts as a set.
    public var parts: Set<Part> { named.map(Set.init) ?? Set(Part.allCases) }

    /// Whether every part is selected by `all`.
    public var isAll: Bool { named == nil }

    /// `"all"` or the names joined by `-` (for report file names: `recursive-newsvendor-depth.md`).
    public var fileSuffix: String { named.map { "-" + $0.map(\.rawValue).joined(separator: "-") } ?? "" }

    /// `all` and every part name, for help and completion.
    public static var allValueStrings: [String] { ["all"] + Part.allCases.map(\.rawValue) }

    /// Completion offers the same list.
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    /// Shown as the default in help.
    public var defaultValueDescription: String { named.map { $0.map(\.rawValue).joined(separator: ",") } ?? "all" }
}
