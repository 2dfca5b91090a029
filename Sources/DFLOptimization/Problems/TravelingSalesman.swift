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
                for a in 0..<members.count { for b in (a + 1)..<members.count { row[edgeIndex(members[a], members[b])] = 1 } }
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

/// Exact TSP by the Held–Karp bitmask dynamic program.
/// - Complexity: O(2ⁿ n²) time, O(2ⁿ n) memory; limited to `maximumNodes` (default 15).
public struct HeldKarpSolver: Solver {
    /// Largest instance accepted; beyond it the solve throws `.tooLarge`.
    public var maximumNodes: Int

    /// Creates the solver.
    public init(maximumNodes: Int = 15) { self.maximumNodes = maximumNodes }

    /// An optimal tour.
    public func solve(_ problem: TravelingSalesman, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let n = problem.nodes
        guard n <= maximumNodes else {
            throw SolverError(.tooLarge, "\(problem.name): Held–Karp is limited to \(maximumNodes) nodes")
        }
        var dist = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n where i != j { dist[i * n + j] = costs[problem.edgeIndex(i, j)] } }
        // Node 0 is the start; subsets over nodes 1..n-1.
        let m = n - 1
        let full = 1 << m
        var dp = [Double](repeating: .infinity, count: full * m)
        var parent = [Int32](repeating: -1, count: full * m)
        for j in 0..<m { dp[(1 << j) * m + j] = dist[0 * n + j + 1] }
        for mask in 1..<full {
            for j in 0..<m where mask & (1 << j) != 0 {
                let cur = dp[mask * m + j]
                guard cur < .infinity else { continue }
                for k in 0..<m where mask & (1 << k) == 0 {
                    let nm = mask | (1 << k)
                    let cand = cur + dist[(j + 1) * n + k + 1]
                    if cand < dp[nm * m + k] {
                        dp[nm * m + k] = cand
                        parent[nm * m + k] = Int32(j)
                    }
                }
            }
        }
        var best = Double.infinity, last = 0
        for j in 0..<m {
            let c = dp[(full - 1) * m + j] + dist[(j + 1) * n]
            if c < best { best = c; last = j }
        }
        var tour: [Int] = []
        var mask = full - 1, j = last
        while j >= 0 {
            tour.append(j + 1)
            let pj = Int(parent[mask * m + j])
            mask &= ~(1 << j)
            j = pj
        }
        tour.append(0)
        tour.reverse()
        return Solution(decision: problem.decision(forTour: tour), objective: best)
    }
}
