import DFLBenchmarks

/// A row of the smoothing paper's experiments: a built-in problem, its family and size, and the
/// smoothing `μ` of the layers trained on it (Table 1's QP layer; Fig. 3's QP and DYS layers).
public struct SmoothingBenchmark: Sendable, Equatable {
    /// Row label as the paper prints it, e.g. `"SP (5×5)"`.
    public let label: String
    /// Family (`"Top-K"`, `"SP"`, `"KP"`, `"TSP"`), one chart each.
    public let family: String
    /// Size on the chart's x axis (items, grid side, items, nodes).
    public let size: Double
    /// The built-in problem.
    public let problem: BuiltinProblem
    /// `μ` of the layers (`ŷᵀv + μ‖v‖²`); not the paper's (unknown per size), see docs/smoothing.md.
    public let smoothing: Double

    /// Creates a row.
    public init(label: String, family: String, size: Double, problem: BuiltinProblem, smoothing: Double) {
        self.label = label
        self.family = family
        self.size = size
        self.problem = problem
        self.smoothing = smoothing
    }

    /// Top-1 of `items` items (family `"Top-K"`).
    public static func topK(_ items: Int, smoothing: Double) -> Self {
        Self(
            label: "Top-K (\(items))", family: "Top-K", size: Double(items), problem: .topK(items: items, k: 1),
            smoothing: smoothing)
    }

    /// Shortest path on a `side × side` grid (family `"SP"`).
    public static func shortestPath(_ side: Int, smoothing: Double) -> Self {
        Self(
            label: "SP (\(side)×\(side))", family: "SP", size: Double(side),
            problem: .shortestPath(rows: side, columns: side), smoothing: smoothing)
    }

    /// 2-D knapsack of `items` items with capacity 1.65 per item in each dimension (family `"KP"`).
    public static func knapsack(_ items: Int, smoothing: Double) -> Self {
        Self(
            label: "KP (\(items))", family: "KP", size: Double(items),
            problem: .knapsack(items: items, dimensions: 2, capacity: 1.65 * Double(items)), smoothing: smoothing)
    }

    /// TSP on `nodes` nodes (family `"TSP"`).
    public static func tsp(_ nodes: Int, smoothing: Double) -> Self {
        Self(
            label: "TSP (\(nodes))", family: "TSP", size: Double(nodes), problem: .tsp(nodes: nodes),
            smoothing: smoothing)
    }

    /// The chart axis of a family: `"grid side"`, `"nodes"` or `"items"`.
    static func axisLabel(family: String) -> String {
        family == "SP" ? "grid side" : (family == "TSP" ? "nodes" : "items")
    }
}
