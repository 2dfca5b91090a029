/// Exact multi-dimensional 0/1 knapsack.
///
/// Items with non-positive value, or heavier than some capacity on their own, can never improve a
/// maximum and are dropped first. The rest are solved by
/// - dynamic programming over capacity (``Method/dynamicProgramming``) when there is one weight
///   dimension, every weight and the capacity are multiples of 0.01 (PyEPO's integer weights are),
///   and the table of `items × (capacity·100 + 1)` cells is at most `maximumTableCells`; or
/// - depth-first branch and bound (``Method/branchAndBound``) bounded by the per-dimension
///   fractional (Dantzig) relaxations, each of which relaxes the problem.
/// ``Method/automatic`` picks the table when it applies.
/// - Complexity: DP O(items · capacity·100); branch and bound exponential in the worst case, a few
///   microseconds to milliseconds for PyEPO sizes.
public struct KnapsackSolver: Solver {
    /// The exact algorithm to use.
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// The table when it applies, else branch and bound.
        case automatic
        /// Dynamic programming over capacity units of 0.01 (throws `.invalidModel` when it does not apply).
        case dynamicProgramming
        /// Depth-first branch and bound.
        case branchAndBound
    }

    /// The algorithm.
    public var method: Method
    /// Largest DP table (items × capacity units) the automatic choice accepts.
    public var maximumTableCells: Int

    /// Creates the solver.
    public init(method: Method = .automatic, maximumTableCells: Int = 20_000_000) {
        self.method = method
        self.maximumTableCells = maximumTableCells
    }

    /// The maximum-value feasible item set.
    /// - Throws: ``SolverError`` for malformed costs, or `.invalidModel` when `.dynamicProgramming`
    ///   is forced on an instance it does not apply to.
    public func solve(_ problem: Knapsack, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let W = problem.weights, caps = problem.capacities
        let D = problem.dimensionCount
        let items = (0..<problem.itemCount).filter { j in
            costs[j] > 0 && (0..<D).allSatisfy { W[$0][j] <= caps[$0] + 1e-12 }
        }
        let value = items.map { costs[$0] }
        let weight = (0..<D).map { d in items.map { W[d][$0] } }

        var chosen: [Bool]
        let table = D == 1 ? Self.capacityUnits(weight[0], capacity: caps[0]) : nil
        let tableFits = table.map { items.count * ($0.capacity + 1) <= maximumTableCells } ?? false
        switch method {
        case .automatic where tableFits, .dynamicProgramming:
            guard let table else {
                throw SolverError(
                    .invalidModel,
                    "\(problem.name): dynamic programming needs one weight dimension and weights/capacity that are multiples of 0.01")
            }
            chosen = knapsackTable(values: value, units: table.units, capacity: table.capacity)
        case .automatic, .branchAndBound:
            chosen = knapsackBranchAndBound(values: value, weights: weight, capacities: caps)
        }
        var w = [Double](repeating: 0, count: problem.itemCount)
        for k in 0..<items.count where chosen[k] { w[items[k]] = 1 }
        return Solution(decision: w, costs: costs)
    }

    /// Weights and capacity in integer units of 0.01, or nil when some weight is not such a multiple
    /// (to 1e-7 relative) or the capacity is too large to tabulate.
    static func capacityUnits(_ weights: [Double], capacity: Double) -> (units: [Int], capacity: Int)? {
        let scaledCapacity = capacity * 100
        guard scaledCapacity < 1e9 else { return nil }
        var units: [Int] = []
        units.reserveCapacity(weights.count)
        for w in weights {
            let x = w * 100
            let r = x.rounded()
            guard abs(x - r) <= 1e-7 * max(1, abs(x)) else { return nil }
            units.append(Int(r))
        }
        let cap = Int((scaledCapacity + 1e-7 * max(1, scaledCapacity)).rounded(.down))
        return (units, cap)
    }
}

/// 0/1 knapsack by dynamic programming over integer capacities: `best[c]` is the best value with
/// total weight ≤ `c`, and a take table records each item's improvements for the traceback.
/// - Returns: which items are taken.
func knapsackTable(values: [Double], units: [Int], capacity: Int) -> [Bool] {
    let n = values.count, width = capacity + 1
    var best = [Double](repeating: 0, count: width)
    var take = [Bool](repeating: false, count: n * width)
    for i in 0..<n where units[i] <= capacity {
        let wi = units[i], v = values[i], row = i * width
        var c = capacity
        while c >= wi {
            let candidate = best[c - wi] + v
            if candidate > best[c] {
                best[c] = candidate
                take[row + c] = true
            }
            c -= 1
        }
    }
    var chosen = [Bool](repeating: false, count: n)
    var c = capacity
    for i in stride(from: n - 1, through: 0, by: -1) where take[i * width + c] {
        chosen[i] = true
        c -= units[i]
    }
    return chosen
}
