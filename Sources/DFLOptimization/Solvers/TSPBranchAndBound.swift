/// Exact symmetric TSP by depth-first branch and bound on paths from node 0, bounded by Held and Karp's
/// Lagrangian 1-tree.
///
/// 1. An incumbent from nearest neighbour and 2-opt.
/// 2. Subgradient ascent on node penalties π (Held–Karp 1961/1970): the 1-tree (a spanning tree of
///    nodes 1…n−1 plus node 0's two cheapest edges) under the reduced costs `c_ij + π_i + π_j`, minus
///    `2Σπ`, bounds every tour from below. A 1-tree with every degree 2 is an optimal tour.
/// 3. Depth-first search over paths `0 → … → v` in increasing reduced cost. A path P is completed by a
///    Hamiltonian path from v through the unvisited set U back to 0, whose reduced cost is at least
///    `MST(U) + min_u r(v,u) + min_u r(u,0)`; so `r(P) + MST(U) + min r(v,U) + min r(0,U) − 2Σπ` bounds
///    every tour through P, and a path whose bound reaches the incumbent (less a rounding margin) is cut.
/// Every bound relaxes the problem, so the search is exact.
/// - Parameters:
///   - distances: row-major `n × n` symmetric edge costs (the diagonal is ignored).
///   - nodes: `n ≥ 3`.
///   - nodeLimit: stop after this many search nodes (nil: no limit).
/// - Returns: an optimal tour starting at node 0, or nil when the node limit was reached first.
func tspBranchAndBound(distances: [Double], nodes: Int, nodeLimit: Int? = nil) -> [Int]? {
    let d = distances, n = nodes
    var best = nearestNeighbourTwoOpt(distances: d, nodes: n)
    var bestLength = tourLength(best, distances: d, nodes: n)
    let scale = d.reduce(0) { max($0, abs($1)) } * Double(n)
    let margin = 1e-11 * max(1, scale)

    let ascent = heldKarpAscent(distances: d, nodes: n, upperBound: bestLength, margin: margin)
    if let tour = ascent.tour {
        let length = tourLength(tour, distances: d, nodes: n)
        if length < bestLength { return tour }
    }
    if ascent.bound >= bestLength - margin { return best }
    let pi = ascent.penalties
    let offset = 2 * pi.reduce(0, +)
    var r = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n where i != j { r[i * n + j] = d[i * n + j] + pi[i] + pi[j] } }
    // Children in increasing reduced cost.
    let neighbours: [[Int]] = (0..<n).map { v in
        (0..<n).filter { $0 != v && $0 != 0 }.sorted {
            r[v * n + $0] < r[v * n + $1] || (r[v * n + $0] == r[v * n + $1] && $0 < $1)
        }
    }

    var path = [0], visited = [Bool](repeating: false, count: n)
    visited[0] = true
    var prim = PrimTree(nodes: n)
    var unvisited: [Int] = []
    unvisited.reserveCapacity(n)
    var searched = 0
    let limit = nodeLimit ?? Int.max

    /// The lower bound on every tour extending the current path (ending at `v`, reduced cost `reduced`).
    func bound(_ v: Int, _ reduced: Double) -> Double {
        unvisited.removeAll(keepingCapacity: true)
        for u in 1..<n where !visited[u] { unvisited.append(u) }
        var fromV = Double.infinity, fromZero = Double.infinity
        for u in unvisited {
            fromV = min(fromV, r[v * n + u])
            fromZero = min(fromZero, r[u])
        }
        let tree = prim.weight(of: unvisited) { r[$0 * n + $1] }
        return reduced + tree + fromV + fromZero - offset
    }

    func search(_ v: Int, _ length: Double, _ reduced: Double) {
        searched += 1
        if searched > limit { return }
        if path.count == n {
            let total = length + d[v * n]
            if total < bestLength {
                bestLength = total
                best = path
            }
            return
        }
        if bound(v, reduced) >= bestLength - margin { return }
        for u in neighbours[v] where !visited[u] {
            visited[u] = true
            path.append(u)
            search(u, length + d[v * n + u], reduced + r[v * n + u])
            path.removeLast()
            visited[u] = false
            if searched > limit { return }
        }
    }
    search(0, 0, 0)
    return searched > limit ? nil : best
}

/// Length of the closed tour.
func tourLength(_ tour: [Int], distances d: [Double], nodes n: Int) -> Double {
    var s = 0.0
    for k in 0..<tour.count { s += d[tour[k] * n + tour[(k + 1) % tour.count]] }
    return s
}

/// A tour from node 0 by nearest neighbour, improved by 2-opt moves until none shortens it.
func nearestNeighbourTwoOpt(distances d: [Double], nodes n: Int) -> [Int] {
    var tour = [0], used = [Bool](repeating: false, count: n)
    used[0] = true
    for _ in 1..<n {
        let last = tour[tour.count - 1]
        var pick = -1
        for u in 0..<n where !used[u] && (pick < 0 || d[last * n + u] < d[last * n + pick]) { pick = u }
        used[pick] = true
        tour.append(pick)
    }
    var improved = true, rounds = 0
    while improved && rounds < 100 {
        improved = false
        rounds += 1
        for i in 0..<(n - 2) {
            for j in (i + 2)..<n where !(i == 0 && j == n - 1) {
                let a = tour[i], b = tour[i + 1], c = tour[j], e = tour[(j + 1) % n]
                let delta = d[a * n + c] + d[b * n + e] - d[a * n + b] - d[c * n + e]
                if delta < -1e-12 * (abs(d[a * n + b]) + abs(d[c * n + e]) + 1) {
                    tour[(i + 1)...j].reverse()
                    improved = true
                }
            }
        }
    }
    return tour
}

/// Held–Karp subgradient ascent on the 1-tree bound: the best bound found, its penalties, and a tour
/// when some 1-tree had every degree 2 (then that tour is optimal). Stops once the bound reaches
/// `upperBound − margin` (the incumbent is optimal) or the step has shrunk away.
func heldKarpAscent(distances d: [Double], nodes n: Int, upperBound: Double, margin: Double)
    -> (bound: Double, penalties: [Double], tour: [Int]?)
{
    var pi = [Double](repeating: 0, count: n), bestPi = pi
    var bestBound = -Double.infinity
    var step = 2.0, stale = 0
    var prim = PrimTree(nodes: n), degree = [Int](repeating: 0, count: n)
    let others = Array(1..<n)
    for _ in 0..<(40 + 10 * n) {
        // Prim's tree on nodes 1…n−1 under reduced costs.
        var cost = prim.weight(of: others) { d[$0 * n + $1] + pi[$0] + pi[$1] }
        for u in 0..<n { degree[u] = 0 }
        for u in others where prim.parent[u] >= 0 {
            degree[u] += 1
            degree[prim.parent[u]] += 1
        }
        // Node 0's two cheapest edges.
        var first = -1, second = -1
        for u in 1..<n {
            let w = d[u] + pi[0] + pi[u]
            if first < 0 || w < d[first] + pi[0] + pi[first] {
                second = first
                first = u
            } else if second < 0 || w < d[second] + pi[0] + pi[second] {
                second = u
            }
        }
        cost += d[first] + d[second] + 2 * pi[0] + pi[first] + pi[second]
        degree[0] = 2
        degree[first] += 1
        degree[second] += 1
        let bound = cost - 2 * pi.reduce(0, +)
        if bound > bestBound {
            bestBound = bound
            bestPi = pi
            stale = 0
        } else {
            stale += 1
            if stale >= 5 {
                step /= 2
                stale = 0
            }
        }
        var norm = 0
        for u in 0..<n { norm += (degree[u] - 2) * (degree[u] - 2) }
        if norm == 0 {
            // Every degree is 2: the 1-tree is a Hamiltonian cycle; walk it from node 0.
            var adjacent = [[Int]](repeating: [], count: n)
            for u in others where prim.parent[u] >= 0 {
                adjacent[u].append(prim.parent[u])
                adjacent[prim.parent[u]].append(u)
            }
            adjacent[0] = [first, second]
            adjacent[first].append(0)
            adjacent[second].append(0)
            var tour = [0], previous = 0, current = first
            while current != 0 && tour.count <= n {
                tour.append(current)
                let following = adjacent[current][0] == previous ? adjacent[current][1] : adjacent[current][0]
                previous = current
                current = following
            }
            return (bound, pi, tour.count == n ? tour : nil)
        }
        if bestBound >= upperBound - margin || step < 1e-6 { break }
        let t = step * max(upperBound - bound, margin) / Double(norm)
        for u in 0..<n { pi[u] += t * Double(degree[u] - 2) }
    }
    return (bestBound, bestPi, nil)
}

/// Prim's minimum spanning tree on a subset of a complete graph's nodes, with buffers reused across calls.
struct PrimTree {
    /// Cheapest known edge into the tree, per node.
    var key: [Double]
    /// Whether a node has joined the tree.
    var inTree: [Bool]
    /// Each node's neighbour toward the root in the last tree (−1 for its root, the first node).
    var parent: [Int]

    /// Buffers for graphs of `n` nodes.
    init(nodes n: Int) {
        key = [Double](repeating: 0, count: n)
        inTree = [Bool](repeating: false, count: n)
        parent = [Int](repeating: -1, count: n)
    }

    /// The weight of a minimum spanning tree of `nodes` (not empty) under the edge costs `cost(a, b)`.
    @inline(__always)
    mutating func weight(of nodes: [Int], cost: (Int, Int) -> Double) -> Double {
        for u in nodes {
            key[u] = .infinity
            inTree[u] = false
        }
        var total = 0.0, next = nodes[0]
        key[next] = 0
        parent[next] = -1
        for _ in 0..<nodes.count {
            inTree[next] = true
            total += key[next]
            var candidate = -1, candidateKey = Double.infinity
            for u in nodes where !inTree[u] {
                let w = cost(next, u)
                if w < key[u] {
                    key[u] = w
                    parent[u] = next
                }
                if key[u] < candidateKey {
                    candidateKey = key[u]
                    candidate = u
                }
            }
            if candidate < 0 { break }
            next = candidate
        }
        return total
    }
}
