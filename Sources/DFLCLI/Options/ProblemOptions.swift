import ArgumentParser
import DFLBenchmarks

/// `dfl train`'s built-in problem and its PyEPO-style data generator.
public struct ProblemOptions: ParsableArguments {
    /// Built-in problem.
    @Option(help: "Built-in problem.")
    public var problem: ProblemKind = .shortestPath

    /// Grid size for shortest path.
    @Option(help: "Grid size (shortest-path), ROWSxCOLUMNS, each in \(SettingRanges.gridSide.text).")
    public var grid = GridSize(rows: 5, columns: 5)

    /// Items for knapsack and Top-K.
    @Option(help: "Items (knapsack, top-k), in \(SettingRanges.items.text).")
    public var items: Int = 32

    /// How many items Top-K selects.
    @Option(help: "Items selected (top-k), in \(SettingRanges.k.text) and at most --items.")
    public var k: Int = 1

    /// Weight dimensions for knapsack.
    @Option(help: "Weight dimensions (knapsack), in \(SettingRanges.dims.text).")
    public var dims: Int = 3

    /// Capacity per dimension for knapsack.
    @Option(help: "Capacity per dimension (knapsack), in \(SettingRanges.capacity.text).")
    public var capacity: Double = 20

    /// Nodes for TSP.
    @Option(help: "Nodes (tsp), in \(SettingRanges.nodes.text).")
    public var nodes: Int = 10

    /// Polynomial degree of the generator.
    @Option(help: "Polynomial degree of the cost model (PyEPO deg), in \(SettingRanges.degree.text).")
    public var deg: Int = 6

    /// Noise half-width of the generator.
    @Option(help: "Multiplicative noise half-width (PyEPO noise_width), in \(SettingRanges.noise.text).")
    public var noise: Double = 0.5

    /// Feature count.
    @Option(help: "Number of features p, in \(SettingRanges.features.text).")
    public var features: Int = 5

    /// Training instances.
    @Option(help: "Training instances (generated), in \(SettingRanges.train.text).")
    public var train: Int = 1000

    /// Test instances.
    @Option(help: "Test instances (generated), in \(SettingRanges.test.text).")
    public var test: Int = 1000

    /// The defaults: PyEPO's 5×5 shortest path, 1000 + 1000 instances.
    public init() {}

    /// Every number in its range (``SettingRanges``), and `--k` at most `--items`.
    public func validate() throws {
        typealias R = SettingRanges
        try SettingRange.check(
            [(features, R.features), (train, R.train), (test, R.test), (deg, R.degree)], [(noise, R.noise)])
        switch problem {
        case .shortestPath: try R.gridSide.check([grid.rows, grid.columns])
        case .knapsack: try SettingRange.check([(items, R.items), (dims, R.dims)], [(capacity, R.capacity)])
        case .tsp: try R.nodes.check(nodes)
        case .topK:
            try SettingRange.check([(items, R.items), (k, R.k)])
            if k > items { throw ValidationError("--k must be at most --items (got k = \(k), items = \(items))") }
        }
    }

    /// The sizes of the chosen problem (for ``MemoryBudget``).
    var size: ProblemSize {
        switch problem {
        case .shortestPath: return .shortestPath(rows: grid.rows, columns: grid.columns)
        case .knapsack: return ProblemSize(name: "knapsack \(items)x\(dims)", variables: items, constraints: dims)
        case .tsp:
            return ProblemSize(
                name: "tsp \(nodes)", variables: MemoryBudget.product(nodes, nodes - 1) / 2, constraints: nodes)
        case .topK: return ProblemSize(name: "top-\(k) of \(items)", variables: items, constraints: 1)
        }
    }

    /// Features per instance of the generated data (top-k: one per item).
    var generatedFeatures: Int { problem == .topK ? items : features }

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
