import ArgumentParser
import DFLLosses
import DFLReport

/// `dfl methods`: every training method of the one registry, with the settings it reads.
public struct Methods: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        abstract: "List the training methods (--method) with the hyper-parameter flags each reads and their defaults.")

    /// Creates the command.
    public init() {}

    /// Prints the table.
    public func run() throws {
        var table = TextTable(header: ["method", "family", "settings (flag = default)"], rightAligned: [])
        for name in LossRegistry.names {
            let settings = (LossRegistry.settings(of: name) ?? []).map { "--\($0.flag) = \($0.defaultValue)" }
            table.add(row: [
                name, LossRegistry.isSmoothed(name) ? "smoothed layer" : "exact solver",
                settings.isEmpty ? "–" : settings.joined(separator: ", "),
            ])
        }
        try StandardOutput.print(table.render())
    }
}

/// `dfl problems`: the built-in problems with their size flags.
public struct Problems: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        abstract: "List the built-in problems (--problem) with their size flags; a user's model comes with --model.")

    /// Creates the command.
    public init() {}

    /// Prints the table.
    public func run() throws {
        var table = TextTable(header: ["problem", "sizes", "decision"], rightAligned: [])
        for kind in ProblemKind.allCases {
            table.add(row: [kind.rawValue, Self.sizes(kind), Self.decision(kind)])
        }
        try StandardOutput.print(table.render())
        try StandardOutput.print(
            "Any problem: --model FILE (MPS or LP, gzipped or not) with --train-data and --test-data CSVs.")
    }

    /// The flags that size `kind`.
    static func sizes(_ kind: ProblemKind) -> String {
        switch kind {
        case .shortestPath: return "--grid RxC (default 5x5)"
        case .knapsack: return "--items (32), --dims (3), --capacity"
        case .tsp: return "--nodes (10)"
        case .topK: return "--items (32), --k"
        }
    }

    /// What a decision of `kind` is, and its sense.
    static func decision(_ kind: ProblemKind) -> String {
        switch kind {
        case .shortestPath: return "a path on the grid's arcs (minimize)"
        case .knapsack: return "items within every capacity (maximize)"
        case .tsp: return "a tour (minimize)"
        case .topK: return "the k items of largest value (maximize)"
        }
    }
}
