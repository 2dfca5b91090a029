import ArgumentParser

/// `--grid ROWSxCOLUMNS`: the size of a shortest-path grid, e.g. `5x5`.
public struct GridSize: Equatable, Sendable, ExpressibleByArgument, CustomStringConvertible {
    /// Grid rows and columns (both ≥ 1).
    public var rows: Int, columns: Int

    /// A grid of `rows` × `columns`.
    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// `"5x5"` (either case of x), or nil.
    public init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let r = Int(parts[0]), let c = Int(parts[1]), r >= 1, c >= 1 else { return nil }
        self.init(rows: r, columns: c)
    }

    /// `"5x5"`.
    public var description: String { "\(rows)x\(columns)" }
    /// Shown as the default in help.
    public var defaultValueDescription: String { description }
}
