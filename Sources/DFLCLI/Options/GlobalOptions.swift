import DFLBenchmarks
import ArgumentParser

/// Options every command shares.
public struct GlobalOptions: ParsableArguments {
    /// Seed of every random choice.
    @Option(help: "Seed of every random choice (data, initialization, shuffling).")
    public var seed: UInt64 = 42

    /// Worker threads for solver calls.
    @Option(help: "Worker threads for solver calls.")
    public var threads: Int = 2

    /// Suppress progress output.
    @Flag(help: "No progress bar or per-epoch lines.")
    public var quiet = false

    /// Creates the defaults.
    public init() {}

    /// Rejects non-positive thread counts.
    public func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1 (got \(threads))") }
    }
}

/// Problem and data-generation options shared by `train` and `bench`.
public struct ProblemOptions: ParsableArguments {
    /// Built-in problem.
    @Option(help: "Built-in problem: shortest-path, knapsack, tsp or top-k.")
    public var problem: String = "shortest-path"

    /// Grid size for shortest path, e.g. 5x5.
    @Option(help: "Grid size for shortest-path, ROWSxCOLUMNS.")
    public var grid: String = "5x5"

    /// Items for knapsack and Top-K.
    @Option(help: "Items (knapsack, top-k).")
    public var items: Int = 32

    /// How many items Top-K selects.
    @Option(help: "Items selected (top-k).")
    public var k: Int = 1

    /// Weight dimensions for knapsack.
    @Option(help: "Weight dimensions (knapsack).")
    public var dims: Int = 3

    /// Capacity per dimension for knapsack.
    @Option(help: "Capacity per dimension (knapsack).")
    public var capacity: Double = 20

    /// Nodes for TSP.
    @Option(help: "Nodes (tsp).")
    public var nodes: Int = 10

    /// Polynomial degree of the generator.
    @Option(help: "Polynomial degree of the cost model (PyEPO deg).")
    public var deg: Int = 6

    /// Noise half-width of the generator.
    @Option(help: "Multiplicative noise half-width (PyEPO noise_width).")
    public var noise: Double = 0.5

    /// Feature count.
    @Option(help: "Number of features p.")
    public var features: Int = 5

    /// Training instances.
    @Option(help: "Training instances (generated).")
    public var train: Int = 1000

    /// Test instances.
    @Option(help: "Test instances (generated).")
    public var test: Int = 1000

    /// Creates the defaults.
    public init() {}

    /// The built-in problem described by these options.
    public func builtin() throws -> BuiltinProblemChoice {
        switch problem.lowercased() {
        case "shortest-path", "sp":
            let parts = grid.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 1, parts[1] >= 1 else {
                throw ValidationError("--grid must look like 5x5 (got '\(grid)')")
            }
            return .init(value: .shortestPath(rows: parts[0], columns: parts[1]))
        case "knapsack", "kp":
            guard items >= 1, dims >= 1, capacity > 0 else { throw ValidationError("knapsack needs --items ≥ 1, --dims ≥ 1, --capacity > 0") }
            return .init(value: .knapsack(items: items, dimensions: dims, capacity: capacity))
        case "tsp":
            guard nodes >= 3 else { throw ValidationError("--nodes must be ≥ 3") }
            return .init(value: .tsp(nodes: nodes))
        case "top-k", "topk":
            guard items >= 1, k >= 1, k <= items else { throw ValidationError("top-k needs 1 ≤ --k ≤ --items (got k = \(k), items = \(items))") }
            return .init(value: .topK(items: items, k: k))
        default:
            throw ValidationError("unknown --problem '\(problem)' (choose shortest-path, knapsack, tsp or top-k)")
        }
    }
}

import DFLData
import DFLLosses
import DFLOptimization
import DFLReport
import DFLTraining

/// A wrapper so the CLI module can name the built-in problem type in signatures.
public struct BuiltinProblemChoice: Sendable {
    /// The problem.
    public var value: BuiltinProblem
}
