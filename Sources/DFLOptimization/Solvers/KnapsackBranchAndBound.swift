/// Multi-dimensional 0/1 knapsack by depth-first branch and bound (all `values` positive).
///
/// The bound at a node is the smallest fractional (Dantzig) bound over the undecided items of
/// - each capacity constraint alone, and
/// - a *surrogate* constraint Σ_d u_d w_d·x ≤ Σ_d u_d c_d (weights normalized by capacity), whose
///   multipliers u on the simplex minimize its root fractional bound. By LP duality that minimum is
///   the LP relaxation's value, so the root bound is the LP bound to the search's resolution (the
///   per-dimension bounds alone overestimate PyEPO's 2-D knapsacks by far).
/// Every row is implied by the constraints, so each bound relaxes the problem and the search is exact.
/// When every value is an integer, so is every objective, and a bound below incumbent + 1 prunes: PyEPO's
/// integer costs have many ties, which otherwise keep equal-valued subtrees open (one 50-item instance
/// took 190 M nodes without this rule, 328 with it).
/// Items are branched on in decreasing value per unit of surrogate weight, "take" first, so the first
/// dive is the surrogate greedy solution. The multipliers are searched only when a short search with equal
/// multipliers does not finish (their search costs as much as a few hundred nodes).
/// - Parameters:
///   - values: item values (> 0).
///   - weights: `dimensions × items` weights (≥ 0), each item no heavier than any capacity.
///   - capacities: one per dimension (≥ 0).
///   - nodeLimit: stop after this many nodes (nil: no limit).
/// - Returns: which items are taken, or nil when the node limit was reached first.
func knapsackBranchAndBound(values: [Double], weights: [[Double]], capacities: [Double], nodeLimit: Int? = nil)
    -> [Bool]?
{
    let n = values.count, D = weights.count
    if n == 0 { return [] }
    // Capacity-normalized weights; a zero capacity leaves only weightless items (the caller drops the
    // rest), so that row bounds nothing and is left out of the surrogate.
    let normalized: [[Double]] = (0..<D).map { d in
        capacities[d] > 0 ? weights[d].map { $0 / capacities[d] } : [Double](repeating: 0, count: n)
    }
    func search(_ multipliers: [Double], _ limit: Int?) -> [Bool]? {
        knapsackSearch(
            values: values, weights: weights, capacities: capacities, normalizedWeights: normalized,
            multipliers: multipliers, nodeLimit: limit)
    }
    if D == 1 { return search([1], nodeLimit) }
    // The multiplier search costs about as much as 50·D search nodes: first try equal multipliers on
    // that budget (enough when few items fit, e.g. PyEPO's 32 × 3 at capacity 20).
    let quick = 50 * D
    let equal = [Double](repeating: 1 / Double(D), count: D)
    if let limit = nodeLimit, limit <= quick { return search(equal, limit) }
    if let found = search(equal, quick) { return found }
    let multipliers = surrogateMultipliers(values: values, normalizedWeights: normalized).multipliers
    return search(multipliers, nodeLimit.map { $0 - quick })
}

/// The depth-first search of ``knapsackBranchAndBound(values:weights:capacities:nodeLimit:)`` with the
/// surrogate row's multipliers `multipliers` (on the simplex) over the capacity-normalized weights.
func knapsackSearch(
    values: [Double], weights: [[Double]], capacities: [Double], normalizedWeights normalized: [[Double]],
    multipliers: [Double], nodeLimit: Int?
) -> [Bool]? {
    let n = values.count, D = weights.count
    let surrogate: [Double] = (0..<n).map { j in (0..<D).reduce(0) { $0 + multipliers[$1] * normalized[$1][j] } }
    let surrogateDensity = (0..<n).map { surrogate[$0] > 0 ? values[$0] / surrogate[$0] : .infinity }
    let order = (0..<n).sorted {
        surrogateDensity[$0] > surrogateDensity[$1] || (surrogateDensity[$0] == surrogateDensity[$1] && $0 < $1)
    }
    let value = order.map { values[$0] }
    let weight = (0..<D).map { d in order.map { weights[d][$0] } }
    // Bounding rows: the D constraints, then the surrogate (capacity Σ u_d = 1 in normalized units).
    var rows = weight, rowCapacity = capacities
    if D > 1 {
        rows.append(order.map { surrogate[$0] })
        rowCapacity.append(multipliers.reduce(0, +))
    }
    // Per-row orders by value/weight for the fractional bounds (positions in `order`).
    let ratioOrders: [[Int]] = rows.map { row in
        let ratio = (0..<n).map { k in row[k] > 0 ? value[k] / row[k] : .infinity }
        return (0..<n).sorted { ratio[$0] > ratio[$1] || (ratio[$0] == ratio[$1] && $0 < $1) }
    }
    var best = 0.0
    var bestSet = [Bool](repeating: false, count: n)
    var chosen = [Bool](repeating: false, count: n)
    var remaining = rowCapacity
    let slack = 1e-12
    // Rounding in the surrogate row's sums must never cut a feasible set: give it a relative margin.
    let rowSlack = rowCapacity.map { 1e-9 * max(1, $0) }

    let integral = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
    func prunes(_ ub: Double) -> Bool {
        integral ? (ub + 1e-9).rounded(.down) <= best : ub <= best + slack
    }

    // Items at positions < `depth` are decided.
    func bound(_ current: Double, depth: Int) -> Double {
        var ub = Double.infinity
        // The surrogate row (last) is usually the tightest: try it first.
        for r in stride(from: rows.count - 1, through: 0, by: -1) {
            let b =
                current
                + fractionalFill(
                    ratioOrders[r].lazy.filter { $0 >= depth }, values: value, weights: rows[r],
                    capacity: remaining[r] + rowSlack[r])
            ub = min(ub, b)
            if prunes(ub) { break }
        }
        return ub
    }

    func fits(_ i: Int) -> Bool {
        for d in 0..<D where weight[d][i] > remaining[d] + slack { return false }
        return true
    }

    var nodes = 0
    let limit = nodeLimit ?? Int.max
    func branch(_ i: Int, _ current: Double) {
        nodes += 1
        if nodes > limit { return }
        if current > best + slack {
            best = current
            bestSet = chosen
        }
        if i == n || prunes(bound(current, depth: i)) { return }
        if fits(i) {
            for r in rows.indices { remaining[r] -= rows[r][i] }
            chosen[i] = true
            branch(i + 1, current + value[i])
            chosen[i] = false
            for r in rows.indices { remaining[r] += rows[r][i] }
        }
        branch(i + 1, current)
    }
    branch(0, 0)
    if nodes > limit { return nil }
    var result = [Bool](repeating: false, count: n)
    for k in 0..<n where bestSet[k] { result[order[k]] = true }
    return result
}

/// Surrogate multipliers u on the simplex that (approximately) minimize the fractional bound of
/// `max v·x  s.t.  Σ_d u_d w̃_d·x ≤ Σ_d u_d,  0 ≤ x ≤ 1` (w̃: capacity-normalized weights). The surrogate
/// dual is quasi-convex in u, so golden-section searches (20 steps: the segment to 1e-4) along the
/// segments from u toward each vertex find its minimum for two dimensions and descend for more (one
/// pass: further passes cost more at the root than they save in the tree on 32-item 3-D knapsacks).
/// Any u gives a valid bound; these only make it tight. Returns them with their fractional bound.
func surrogateMultipliers(values: [Double], normalizedWeights w: [[Double]]) -> (multipliers: [Double], bound: Double) {
    let D = w.count, n = values.count
    // Buffers reused by every evaluation (about 60 at three dimensions).
    var s = [Double](repeating: 0, count: n), ratio = s, candidates = [Int](repeating: 0, count: n)
    func fractionalBound(_ u: [Double]) -> Double {
        var free = 0.0, m = 0
        for j in 0..<n {
            var t = 0.0
            for d in 0..<D { t += u[d] * w[d][j] }
            s[j] = t
            if t > 0 {
                ratio[j] = values[j] / t
                candidates[m] = j
                m += 1
            } else {
                free += values[j]
            }
        }
        return free
            + selectedFill(&candidates, count: m, ratio: ratio, values: values, weights: s, capacity: u.reduce(0, +))
    }
    var u = [Double](repeating: 1 / Double(D), count: D)
    var current = fractionalBound(u)
    let golden = (5.0.squareRoot() - 1) / 2
    for d in 0..<D {
        let start = u
        func point(_ t: Double) -> [Double] {
            (0..<D).map { e in (1 - t) * start[e] + (e == d ? t : 0) }
        }
        var a = 0.0, b = 1.0
        var x1 = b - golden * (b - a), x2 = a + golden * (b - a)
        var f1 = fractionalBound(point(x1)), f2 = fractionalBound(point(x2))
        for _ in 0..<20 {
            if f1 <= f2 {
                b = x2
                x2 = x1
                f2 = f1
                x1 = b - golden * (b - a)
                f1 = fractionalBound(point(x1))
            } else {
                a = x1
                x1 = x2
                f1 = f2
                x2 = a + golden * (b - a)
                f2 = fractionalBound(point(x2))
            }
        }
        let (t, f) = f1 <= f2 ? (x1, f1) : (x2, f2)
        if f < current {
            current = f
            u = point(t)
        }
    }
    return (u, current)
}

/// The fractional (Dantzig) fill: items in `order` are taken whole while they fit, then a fraction of
/// the first that does not; returns their value. With `order` by decreasing value per weight this is
/// the LP bound of one knapsack row.
@inline(__always)
func fractionalFill<Order: Sequence<Int>>(_ order: Order, values: [Double], weights: [Double], capacity: Double)
    -> Double
{
    var cap = capacity, b = 0.0
    for k in order {
        if weights[k] <= cap {
            cap -= weights[k]
            b += values[k]
        } else {
            return b + values[k] * cap / weights[k]
        }
    }
    return b
}

/// The fractional (Dantzig) fill of ``fractionalFill(_:values:weights:capacity:)`` over
/// `candidates[0..<count]` in decreasing `ratio` (value per weight, every weight > 0), found in
/// expected linear time by three-way quickselect on the ratios instead of a sort; reorders `candidates`.
func selectedFill(
    _ candidates: inout [Int], count: Int, ratio: [Double], values: [Double], weights: [Double], capacity: Double
) -> Double {
    var lo = 0, hi = count, cap = capacity, b = 0.0
    while lo < hi {
        let pivot = ratio[candidates[(lo + hi) / 2]]
        // [lo, greater): ratio > pivot; [greater, i): = pivot; [less, hi): < pivot.
        var i = lo, greater = lo, less = hi
        while i < less {
            let r = ratio[candidates[i]]
            if r > pivot {
                candidates.swapAt(i, greater)
                greater += 1
                i += 1
            } else if r < pivot {
                less -= 1
                candidates.swapAt(i, less)
            } else {
                i += 1
            }
        }
        var weight = 0.0, value = 0.0
        for k in lo..<greater {
            weight += weights[candidates[k]]
            value += values[candidates[k]]
        }
        if weight > cap {
            hi = greater
            continue
        }
        b += value
        cap -= weight
        weight = 0
        value = 0
        for k in greater..<less {
            weight += weights[candidates[k]]
            value += values[candidates[k]]
        }
        if weight > cap { return b + pivot * cap }
        b += value
        cap -= weight
        lo = less
    }
    return b
}
