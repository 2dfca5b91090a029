/// Multi-dimensional 0/1 knapsack by depth-first branch and bound (all `values` positive).
///
/// Items are branched on in decreasing value per unit of capacity-normalized weight, "take" first.
/// A node is pruned when the smallest of the per-dimension fractional (Dantzig) bounds cannot beat
/// the incumbent; each dimension's constraint alone relaxes the problem, so the bound is valid and
/// the search exact.
/// - Parameters:
///   - values: item values (> 0).
///   - weights: `dimensions × items` weights (≥ 0).
///   - capacities: one per dimension.
/// - Returns: which items are taken.
func knapsackBranchAndBound(values: [Double], weights: [[Double]], capacities: [Double]) -> [Bool] {
    let n = values.count, D = weights.count
    if n == 0 { return [] }
    // Branching order by value per normalized weight.
    let density: [Double] = (0..<n).map { j in
        var w = 0.0
        for d in 0..<D { w += weights[d][j] / max(capacities[d], 1e-12) }
        return w > 0 ? values[j] / w : .infinity
    }
    let order = (0..<n).sorted { density[$0] > density[$1] || (density[$0] == density[$1] && $0 < $1) }
    let value = order.map { values[$0] }
    let weight = (0..<D).map { d in order.map { weights[d][$0] } }
    // Per-dimension orders by value/weight for the fractional bounds (positions in `order`).
    let ratioOrders: [[Int]] = (0..<D).map { d in
        let ratio = (0..<n).map { k in weight[d][k] > 0 ? value[k] / weight[d][k] : .infinity }
        return (0..<n).sorted { ratio[$0] > ratio[$1] || (ratio[$0] == ratio[$1] && $0 < $1) }
    }
    var best = 0.0
    var bestSet = [Bool](repeating: false, count: n)
    var chosen = [Bool](repeating: false, count: n)
    var decided = [Bool](repeating: false, count: n)
    var remaining = capacities
    let slack = 1e-12

    func bound(_ current: Double) -> Double {
        var ub = Double.infinity
        for d in 0..<D {
            var cap = remaining[d]
            var b = current
            for k in ratioOrders[d] where !decided[k] {
                if weight[d][k] <= cap {
                    cap -= weight[d][k]
                    b += value[k]
                } else {
                    b += value[k] * cap / weight[d][k]
                    break
                }
            }
            ub = min(ub, b)
            if ub <= best + slack { break }
        }
        return ub
    }

    func fits(_ i: Int) -> Bool {
        for d in 0..<D where weight[d][i] > remaining[d] + slack { return false }
        return true
    }

    func branch(_ i: Int, _ current: Double) {
        if current > best + slack {
            best = current
            bestSet = chosen
        }
        if i == n || bound(current) <= best + slack { return }
        decided[i] = true
        if fits(i) {
            for d in 0..<D { remaining[d] -= weight[d][i] }
            chosen[i] = true
            branch(i + 1, current + value[i])
            chosen[i] = false
            for d in 0..<D { remaining[d] += weight[d][i] }
        }
        branch(i + 1, current)
        decided[i] = false
    }
    branch(0, 0)
    var result = [Bool](repeating: false, count: n)
    for k in 0..<n where bestSet[k] { result[order[k]] = true }
    return result
}
