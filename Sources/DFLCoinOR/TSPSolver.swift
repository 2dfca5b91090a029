import DFLOptimization

/// Exact symmetric TSP: Held–Karp up to `heldKarpLimit` nodes (default 15); beyond that CBC on the
/// degree-2 formulation with subtour-elimination cuts `Σ_{e ⊂ S} w_e ≤ |S| − 1` added in a loop for
/// every connected component S of the current integer solution, until it is one tour (DFJ).
public struct TSPSolver: Solver {
    /// Largest instance handed to Held–Karp.
    public var heldKarpLimit: Int
    /// The MILP backend for larger instances.
    public var backend: CBCSolver
    /// Maximum number of cut rounds before giving up with `.limitReached`.
    public var maximumRounds: Int

    /// Creates the solver.
    public init(heldKarpLimit: Int = 15, backend: CBCSolver = CBCSolver(), maximumRounds: Int = 200) {
        self.heldKarpLimit = heldKarpLimit
        self.backend = backend
        self.maximumRounds = maximumRounds
    }

    /// An optimal tour.
    public func solve(_ problem: TravelingSalesman, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        if problem.nodes <= heldKarpLimit {
            return try HeldKarpSolver(maximumNodes: heldKarpLimit).solve(problem, costs: costs)
        }
        let n = problem.nodes, d = problem.costDimension
        let edges = problem.edges
        var A: [[Double]] = []
        for v in 0..<n {
            var row = [Double](repeating: 0, count: d)
            for u in 0..<n where u != v { row[problem.edgeIndex(u, v)] = 1 }
            A.append(row)
        }
        var G: [[Double]] = [], h: [Double] = []
        for _ in 0..<maximumRounds {
            let milp = MixedIntegerProgram(
                objective: costs, sense: .minimize, equalityMatrix: A, equalityRHS: [Double](repeating: 2, count: n),
                inequalityMatrix: G, inequalityRHS: h,
                lowerBounds: [Double](repeating: 0, count: d), upperBounds: [Double](repeating: 1, count: d),
                integrality: [Bool](repeating: true, count: d))
            let s = try backend.solve(milp, name: problem.name)
            let components = TSPSolver.components(nodes: n, edges: edges, decision: s.decision)
            if components.count == 1 { return s }
            for comp in components {
                let members = Set(comp)
                var row = [Double](repeating: 0, count: d)
                for (k, e) in edges.enumerated() where members.contains(e.0) && members.contains(e.1) { row[k] = 1 }
                G.append(row)
                h.append(Double(comp.count - 1))
            }
        }
        throw SolverError(
            .limitReached, "\(problem.name): no single tour after \(maximumRounds) rounds of subtour cuts")
    }

    /// Connected components of the graph formed by the edges with `decision ≈ 1`.
    static func components(nodes n: Int, edges: [(Int, Int)], decision: [Double]) -> [[Int]] {
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for (k, e) in edges.enumerated() where decision[k] > 0.5 {
            let a = find(e.0), b = find(e.1)
            if a != b { parent[a] = b }
        }
        var groups: [Int: [Int]] = [:]
        for v in 0..<n { groups[find(v), default: []].append(v) }
        return groups.values.sorted { $0[0] < $1[0] }
    }
}
