/// Exact TSP by the Held–Karp bitmask dynamic program.
/// - Complexity: O(2ⁿ n²) time, O(2ⁿ n) memory; limited to `maximumNodes` (default 15) and never
///   more than ``hardLimit`` nodes, whatever `maximumNodes` says (the tables would not fit in memory).
public struct HeldKarpSolver: Solver {
    /// Largest instance accepted; beyond it the solve throws `.tooLarge`.
    public var maximumNodes: Int
    /// Absolute node limit (20 nodes need about 120 MB of tables).
    public static let hardLimit = 20

    /// Creates the solver.
    public init(maximumNodes: Int = 15) { self.maximumNodes = maximumNodes }

    /// An optimal tour.
    public func solve(_ problem: TravelingSalesman, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let n = problem.nodes
        let limit = min(maximumNodes, Self.hardLimit)
        guard n <= limit else {
            throw SolverError(
                .tooLarge, "\(problem.name): Held–Karp is limited to \(limit) nodes; use DFLCoinOR's TSPSolver")
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
            if c < best {
                best = c
                last = j
            }
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
