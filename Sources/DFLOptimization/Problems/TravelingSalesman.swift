/// Symmetric travelling salesman on `nodes` nodes with PyEPO's edge order: the undirected edges
/// `(i, j)`, `i < j`, in `itertools.combinations` order. The decision is the 0/1 edge vector of a
/// Hamiltonian cycle; minimize `cᵀw`.
public struct TravelingSalesman: LinearProgramRepresentable, Codable, Equatable {
    /// Number of nodes.
    public let nodes: Int

    /// Creates a TSP.
    /// - Throws: ``SolverError`` `.invalidModel` when `nodes < 3`.
    public init(nodes: Int) throws {
        guard nodes >= 3 else { throw SolverError(.invalidModel, "tsp: need at least 3 nodes (got \(nodes))") }
        self.nodes = nodes
    }

    enum CodingKeys: String, CodingKey { case nodes }

    /// Decodes and validates (a malformed file throws, it does not trap).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(nodes: try c.decode(Int.self, forKey: .nodes))
    }

    /// `m(m−1)/2`.
    public var costDimension: Int { nodes * (nodes - 1) / 2 }
    /// Minimization.
    public var sense: ObjectiveSense { .minimize }
    /// `"tsp N"`.
    public var name: String { "tsp \(nodes)" }

    /// Index of edge `{i, j}` in PyEPO order.
    public func edgeIndex(_ i: Int, _ j: Int) -> Int {
        let (a, b) = i < j ? (i, j) : (j, i)
        return a * nodes - a * (a + 1) / 2 + (b - a - 1)
    }

    /// The edges in order.
    public var edges: [(Int, Int)] {
        var e: [(Int, Int)] = []
        for i in 0..<nodes { for j in (i + 1)..<max(i + 1, nodes) { e.append((i, j)) } }
        return e
    }

    /// Degree-2 equalities, `0 ≤ w ≤ 1` binary; for `nodes ≤ 12` every subtour-elimination
    /// constraint `Σ_{e ⊂ S} w_e ≤ |S| − 1` for `3 ≤ |S| ≤ nodes − 3` with node 0 ∉ S is listed too, so the
    /// MILP is exact on its own. Larger instances need cuts added in a loop (DFLCoinOR's TSP solver).
    public func asMILP(costs: [Double]?) -> MixedIntegerProgram {
        let d = costDimension
        var A: [[Double]] = []
        for v in 0..<nodes {
            var row = [Double](repeating: 0, count: d)
            for u in 0..<nodes where u != v { row[edgeIndex(u, v)] = 1 }
            A.append(row)
        }
        var G: [[Double]] = [], h: [Double] = []
        if nodes <= 12 {
            for mask in 1..<(1 << (nodes - 1)) {
                let members = (0..<(nodes - 1)).filter { mask & (1 << $0) != 0 }.map { $0 + 1 }
                guard members.count >= 3, members.count <= nodes - 3 else { continue }
                var row = [Double](repeating: 0, count: d)
                for a in 0..<members.count {
                    for b in (a + 1)..<members.count { row[edgeIndex(members[a], members[b])] = 1 }
                }
                G.append(row)
                h.append(Double(members.count - 1))
            }
        }
        return MixedIntegerProgram(
            objective: costs ?? [Double](repeating: 0, count: d), sense: .minimize,
            equalityMatrix: A, equalityRHS: [Double](repeating: 2, count: nodes),
            inequalityMatrix: G, inequalityRHS: h,
            lowerBounds: [Double](repeating: 0, count: d), upperBounds: [Double](repeating: 1, count: d),
            integrality: [Bool](repeating: true, count: d))
    }

    /// The edge vector of the cycle visiting `tour` in order (and back to its start).
    public func decision(forTour tour: [Int]) -> [Double] {
        var w = [Double](repeating: 0, count: costDimension)
        for k in 0..<tour.count { w[edgeIndex(tour[k], tour[(k + 1) % tour.count])] = 1 }
        return w
    }
}
