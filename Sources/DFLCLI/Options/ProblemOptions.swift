import ArgumentParser
import DFLBenchmarks

/// `dfl train`'s built-in problem and its PyEPO-style data generator.
public struct ProblemOptions: ParsableArguments {
    /// Built-in problem.
    @Option(help: "Built-in problem.")
    public var problem: ProblemKind = .shortestPath

    /// Grid size for shortest path.
    @Option(help: "Grid size (shortest-path), ROWSxCOLUMNS.")
    public var grid = GridSize(rows: 5, columns: 5)

    /// Items for knapsack and Top-K.
    @Option(help: "Items (knapsack, top-k).")
    public var items: Int = 32

    /// How many items Top-K selects.
    @Option(help: "Items selected (top-k), 1 ≤ k ≤ items.")
    public var k: Int = 1

    /// Weight dimensions for knapsack.
    @Option(help: "Weight dimensions (knapsack).")
    public var dims: Int = 3

    /// Capacity per dimension for knapsack.
    @Option(help: "Capacity per dimension (knapsack), > 0.")
    public var capacity: Double = 20

    /// Nodes for TSP.
    @Option(help: "Nodes (tsp), ≥ 3.")
    public var nodes: Int = 10

    /// Polynomial degree of the generator.
    @Option(help: "Polynomial degree of the cost model (PyEPO deg), ≥ 1.")
    public var deg: Int = 6

    /// Noise half-width of the generator.
    @Option(help: "Multiplicative noise half-width (PyEPO noise_width), ≥ 0.")
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

    /// The defaults: PyEPO's 5×5 shortest path, 1000 + 1000 instances.
    public init() {}

    /// Range rules of the sizes.
    public func validate() throws {
        func require(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw ValidationError(message()) }
        }
        try require(features >= 1, "--features must be ≥ 1 (got \(features))")
        try require(train >= 1 && test >= 1, "--train and --test must be ≥ 1 (got \(train), \(test))")
        try require(deg >= 1, "--deg must be ≥ 1 (got \(deg))")
        try require(noise >= 0 && noise.isFinite, "--noise must be ≥ 0 (got \(noise))")
        switch problem {
        case .shortestPath: break
        case .knapsack:
            try require(
                items >= 1 && dims >= 1 && capacity > 0 && capacity.isFinite,
                "knapsack needs --items ≥ 1, --dims ≥ 1, --capacity > 0 (got \(items), \(dims), \(capacity))")
        case .tsp:
            try require(nodes >= 3, "--nodes must be ≥ 3 (got \(nodes))")
        case .topK:
            try require(
                items >= 1 && k >= 1 && k <= items, "top-k needs 1 ≤ --k ≤ --items (got k = \(k), items = \(items))")
        }
    }

    /// The built-in problem these options describe.
    public var builtin: BuiltinProblem {
        switch problem {
        case .shortestPath: return .shortestPath(rows: grid.rows, columns: grid.columns)
        case .knapsack: return .knapsack(items: items, dimensions: dims, capacity: capacity)
        case .tsp: return .tsp(nodes: nodes)
        case .topK: return .topK(items: items, k: k)
        }
    }
}
