/// Exact symmetric TSP that picks its algorithm by predicted work.
///
/// - Below ``branchAndBoundFrom`` nodes (default 8) the Held–Karp table (``HeldKarpSolver``) is
///   cheapest: its `2ⁿ⁻¹(n−1)²` steps are a few thousand.
/// - From there on, branch and bound with Held–Karp's Lagrangian 1-tree bounds
///   (`tspBranchAndBound`), whose search usually visits tens to hundreds of paths. Its node budget is
///   `2ⁿ⁻¹`, the table's work divided by the `n²` a search node costs; a search that exhausts it
///   (adversarial costs) is finished by the Held–Karp table up to ``HeldKarpSolver/hardLimit`` nodes,
///   so it never costs much more than the table would.
/// Both are exact; on ties the two may return different optimal tours.
public struct TravelingSalesmanSolver: Solver {
    /// The exact algorithm to use.
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Held–Karp below ``TravelingSalesmanSolver/branchAndBoundFrom`` nodes, else branch and bound.
        case automatic
        /// The Held–Karp table (at most ``HeldKarpSolver/hardLimit`` nodes).
        case heldKarp
        /// Branch and bound with 1-tree bounds, without a node budget.
        case branchAndBound
    }

    /// The algorithm.
    public var method: Method
    /// Smallest instance the automatic choice hands to branch and bound.
    public var branchAndBoundFrom: Int
    /// Most search nodes above ``HeldKarpSolver/hardLimit`` nodes (nil: no limit); beyond it the
    /// solve throws `.limitReached`.
    public var nodeLimit: Int?

    /// Creates the solver.
    public init(method: Method = .automatic, branchAndBoundFrom: Int = 8, nodeLimit: Int? = nil) {
        self.method = method
        self.branchAndBoundFrom = branchAndBoundFrom
        self.nodeLimit = nodeLimit
    }

    /// An optimal tour.
    /// - Throws: ``SolverError`` for malformed costs, `.tooLarge` when Held–Karp is forced beyond its
    ///   limit, or `.limitReached` when the search above that limit exceeds ``nodeLimit``.
    public func solve(_ problem: TravelingSalesman, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let n = problem.nodes
        let heldKarp = HeldKarpSolver(maximumNodes: HeldKarpSolver.hardLimit)
        if method == .heldKarp || (method == .automatic && n < branchAndBoundFrom) {
            return try heldKarp.solve(problem, costs: costs)
        }
        var distances = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j { distances[i * n + j] = costs[problem.edgeIndex(i, j)] }
        }
        let tableFits = n <= HeldKarpSolver.hardLimit
        let budget = method == .branchAndBound ? nil : tableFits ? 1 << (n - 1) : nodeLimit
        guard let tour = tspBranchAndBound(distances: distances, nodes: n, nodeLimit: budget) else {
            if tableFits { return try heldKarp.solve(problem, costs: costs) }
            throw SolverError(
                .limitReached,
                "\(problem.name): branch and bound stopped at its node limit (\(budget ?? 0)) before proving optimality"
            )
        }
        return Solution(decision: problem.decision(forTour: tour), costs: costs)
    }
}
