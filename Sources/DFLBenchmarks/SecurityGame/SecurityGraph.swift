import DFLRandom

/// A network-security-game instance graph (So-EBM §4.3, Wang et al. 2020): a random geometric
/// graph in the unit square with attacker sources and defender-valued targets.
public struct SecurityGraph: Sendable, Codable, Equatable {
    /// Number of nodes.
    public var nodeCount: Int
    /// Undirected edges `(u, v)` with `u < v`.
    public var edges: [[Int]]
    /// Node coordinates in the unit square.
    public var positions: [[Double]]
    /// Attacker start nodes (uniform start distribution).
    public var sources: [Int]
    /// Target nodes.
    public var targets: [Int]
    /// Attacker reward `u(t)` per target (same order as `targets`).
    public var rewards: [Double]

    /// `neighbors[u]`: `(v, edge index)` pairs.
    public var neighbors: [[(node: Int, edge: Int)]] {
        var out = [[(node: Int, edge: Int)]](repeating: [], count: nodeCount)
        for (e, uv) in edges.enumerated() {
            out[uv[0]].append((uv[1], e))
            out[uv[1]].append((uv[0], e))
        }
        return out
    }

    /// Draws a random geometric graph (radius `radius`), resampling until it is connected and the
    /// source→target minimum edge cut exceeds `budget`; `targetCount` targets with rewards
    /// `5 + 5·U(0,1)` and `sourceCount` sources, all distinct.
    /// - Throws: ``BenchmarkError`` when no valid graph is found in `maxAttempts` draws.
    public static func randomGeometric(
        nodes n: Int = 100, radius: Double = 0.2, targetCount: Int = 5, sourceCount: Int = 5, budget: Double = 3,
        maxAttempts: Int = 200, rng: inout SeededGenerator
    ) throws -> SecurityGraph {
        guard n >= targetCount + sourceCount + 1, radius > 0 else {
            throw BenchmarkError.invalidArgument(
                name: "randomGeometric", reason: "need nodes > targets + sources and radius > 0")
        }
        for _ in 0..<maxAttempts {
            let pos = (0..<n).map { _ in [rng.uniform(), rng.uniform()] }
            var edges: [[Int]] = []
            for u in 0..<n {
                for v in (u + 1)..<n {
                    let dx = pos[u][0] - pos[v][0], dy = pos[u][1] - pos[v][1]
                    if dx * dx + dy * dy <= radius * radius { edges.append([u, v]) }
                }
            }
            let chosen = rng.sample(n, count: targetCount + sourceCount)
            let graph = SecurityGraph(
                nodeCount: n, edges: edges, positions: pos, sources: Array(chosen[targetCount...]),
                targets: Array(chosen[0..<targetCount]),
                rewards: (0..<targetCount).map { _ in 5 + 5 * rng.uniform() })
            if graph.isConnected && Double(graph.minimumCut()) > budget { return graph }
        }
        throw BenchmarkError.numerical(
            routine: "SecurityGraph.randomGeometric",
            reason: "no connected graph with min cut > \(budget) in \(maxAttempts) attempts")
    }

    /// Whether the graph is connected.
    public var isConnected: Bool {
        let nb = neighbors
        var seen = [Bool](repeating: false, count: nodeCount)
        var stack = [0]
        seen[0] = true
        while let u = stack.popLast() {
            for (v, _) in nb[u] where !seen[v] {
                seen[v] = true
                stack.append(v)
            }
        }
        return seen.allSatisfy { $0 }
    }

    /// The minimum number of edges whose removal separates all sources from all targets
    /// (unit-capacity max flow, Edmonds–Karp).
    public func minimumCut() -> Int {
        let s = nodeCount, t = nodeCount + 1, size = nodeCount + 2
        var capacity = [[Int]](repeating: [Int](repeating: 0, count: size), count: size)
        for uv in edges {
            capacity[uv[0]][uv[1]] += 1
            capacity[uv[1]][uv[0]] += 1
        }
        let big = edges.count + 1
        for v in sources { capacity[s][v] = big }
        for v in targets { capacity[v][t] = big }
        var flow = 0
        while true {
            var parent = [Int](repeating: -1, count: size)
            parent[s] = s
            var queue = [s], head = 0
            while head < queue.count && parent[t] < 0 {
                let u = queue[head]
                head += 1
                for v in 0..<size where parent[v] < 0 && capacity[u][v] > 0 {
                    parent[v] = u
                    queue.append(v)
                }
            }
            if parent[t] < 0 { return flow }
            var v = t
            while v != s {
                let u = parent[v]
                capacity[u][v] -= 1
                capacity[v][u] += 1
                v = u
            }
            flow += 1
        }
    }

    /// Euclidean distance from every node to its nearest target.
    public func distanceToNearestTarget() -> [Double] {
        (0..<nodeCount).map { v in
            targets.map { t in
                let dx = positions[v][0] - positions[t][0], dy = positions[v][1] - positions[t][1]
                return (dx * dx + dy * dy).squareRoot()
            }.min() ?? 0
        }
    }
}
