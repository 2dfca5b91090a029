/// Exact shortest path on a ``ShortestPathGrid`` by dynamic programming over its DAG.
///
/// Nodes are processed in index order, which is a topological order (every arc goes east or south
/// to a larger index), so any real costs — negative ones included — are handled exactly.
/// - Complexity: O(arcs) per solve.
public struct ShortestPathGridSolver: Solver {
    /// Creates the solver.
    public init() {}

    /// The minimum-cost source–sink path.
    public func solve(_ problem: ShortestPathGrid, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let n = problem.nodeCount
        let cols = problem.columns
        // Arc index of east arc out of v and south arc out of v.
        var distance = [Double](repeating: .infinity, count: n)
        var parentArc = [Int](repeating: -1, count: n)
        distance[0] = 0
        let eastBase = { (i: Int) in i * (cols - 1 + cols) }
        for v in 0..<n {
            let d = distance[v]
            guard d < .infinity else { continue }
            let i = v / cols, j = v % cols
            if j < cols - 1 {
                let k = eastBase(i) + j
                let nd = d + costs[k]
                if nd < distance[v + 1] {
                    distance[v + 1] = nd
                    parentArc[v + 1] = k
                }
            }
            if i < problem.rows - 1 {
                let k = eastBase(i) + (cols - 1) + j
                let nd = d + costs[k]
                if nd < distance[v + cols] {
                    distance[v + cols] = nd
                    parentArc[v + cols] = k
                }
            }
        }
        var w = [Double](repeating: 0, count: problem.costDimension)
        var v = n - 1
        while v != 0 {
            let k = parentArc[v]
            w[k] = 1
            v = problem.arcs[k].from
        }
        return Solution(decision: w, objective: distance[n - 1])
    }
}
