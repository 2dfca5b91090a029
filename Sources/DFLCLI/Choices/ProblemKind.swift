import ArgumentParser

/// `--problem`: the built-in problem families (aliases `sp`, `kp`, `topk` are accepted).
public enum ProblemKind: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// PyEPO's shortest path on a grid (`--grid`).
    case shortestPath = "shortest-path"
    /// PyEPO's multi-dimensional knapsack (`--items`, `--dims`, `--capacity`).
    case knapsack
    /// PyEPO's travelling salesman (`--nodes`).
    case tsp
    /// The smoothing paper's Top-K selection (`--items`, `--k`).
    case topK = "top-k"

    /// The kind named `argument` or one of its aliases, any case.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "shortest-path", "sp": self = .shortestPath
        case "knapsack", "kp": self = .knapsack
        case "tsp": self = .tsp
        case "top-k", "topk": self = .topK
        default: return nil
        }
    }
}
