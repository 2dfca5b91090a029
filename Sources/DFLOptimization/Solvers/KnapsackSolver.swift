/// Exact multi-dimensional 0/1 knapsack.
///
/// Items with non-positive value, or heavier than some capacity on their own, can never improve a
/// maximum and are dropped first. The rest are solved by
/// - dynamic programming over capacity vectors (``Method/dynamicProgramming``) when every weight
///   and capacity is a multiple of 0.01 (PyEPO's integer weights are; each dimension uses the
///   coarsest of the units 1, 0.1, 0.01 that fits) and the table of
///   `items × Π_d (capacity_d + 1)` cells is at most `maximumTableCells` — e.g. 2 dimensions,
///   100 items and integer weights with capacity 165: 2.8 M cells; or
/// - depth-first branch and bound (``Method/branchAndBound``) bounded by the per-dimension
///   fractional (Dantzig) relaxations and a surrogate constraint whose root bound is the LP bound.
/// ``Method/automatic`` picks the table when it applies.
/// - Complexity: DP O(items · Π_d capacity_d) in capacity units; branch and bound exponential in the
///   worst case. On PyEPO's 2-D knapsacks it takes well under a millisecond at 50–100 items with their
///   integer costs (`dfl bench`), but real-valued costs with many near-ties can take seconds: set
///   ``nodeLimit`` and fall back to CBC (``FallbackSolver``) where a bounded time matters.
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
    /// Most branch-and-bound nodes per solve (nil: no limit); beyond it the solve throws `.limitReached`.
    public var nodeLimit: Int?

    /// Creates the solver.
    public init(method: Method = .automatic, maximumTableCells: Int = 20_000_000, nodeLimit: Int? = nil) {
        self.method = method
        self.maximumTableCells = maximumTableCells
        self.nodeLimit = nodeLimit
    }

    /// The maximum-value feasible item set.
    /// - Throws: ``SolverError`` for malformed costs, `.invalidModel` when `.dynamicProgramming`
    ///   is forced on an instance it does not apply to, or `.limitReached` when branch and bound
    ///   exceeds ``nodeLimit``.
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
        let table = Self.capacityUnits(weight, capacities: caps)
        let cells = table.map { t in
            t.capacities.reduce(items.count) { $0.multipliedReportingOverflow(by: $1 + 1).partialValue }
        }
        let tableFits = cells.map { $0 > 0 && $0 <= maximumTableCells } ?? false
        switch method {
        case .automatic where tableFits, .dynamicProgramming:
            guard let table else {
                throw SolverError(
                    .invalidModel,
                    "\(problem.name): dynamic programming needs weights and capacities that are multiples of 0.01")
            }
            chosen = knapsackTable(values: value, units: table.units, capacities: table.capacities)
        case .automatic, .branchAndBound:
            guard
                let found = knapsackBranchAndBound(
                    values: value, weights: weight, capacities: caps, nodeLimit: nodeLimit)
            else {
                throw SolverError(
                    .limitReached,
                    "\(problem.name): branch and bound stopped at its node limit (\(nodeLimit ?? 0)) before proving optimality"
                )
            }
            chosen = found
        }
        var w = [Double](repeating: 0, count: problem.itemCount)
        for k in 0..<items.count where chosen[k] { w[items[k]] = 1 }
        return Solution(decision: w, costs: costs)
    }

    /// Weights and capacities in integer units per dimension — 1, 0.1 or 0.01, the coarsest unit all
    /// of that dimension's weights are multiples of (to 1e-7 relative; PyEPO's integer weights take
    /// unit 1) — or nil when some weight is not a multiple of 0.01 or a capacity is too large.
    static func capacityUnits(_ weights: [[Double]], capacities: [Double]) -> (units: [[Int]], capacities: [Int])? {
        var units: [[Int]] = [], caps: [Int] = []
        for (w, capacity) in zip(weights, capacities) {
            var found: (units: [Int], capacity: Int)?
            for scale in [1.0, 10, 100] {
                let scaled = w.map { $0 * scale }
                guard scaled.allSatisfy({ abs($0 - $0.rounded()) <= 1e-7 * max(1, abs($0)) }) else { continue }
                let c = capacity * scale
                guard c < 1e9 else { return nil }
                found = (scaled.map { Int($0.rounded()) }, Int((c + 1e-7 * max(1, c)).rounded(.down)))
                break
            }
            guard let found else { return nil }
            units.append(found.units)
            caps.append(found.capacity)
        }
        return (units, caps)
    }
}

/// Multi-dimensional 0/1 knapsack by dynamic programming over integer capacity vectors: `best[c]`
/// is the best value with total weight ≤ `c` in every dimension (states flattened in mixed radix),
/// and a take table records each item's improvements for the traceback. States are visited in
/// decreasing flat index, so each item is used at most once.
/// - Parameters:
///   - values: Item values (maximized).
///   - units: `units[d][i]`, item `i`'s weight in dimension `d` in integer units.
///   - capacities: capacity per dimension in the same units.
/// - Returns: which items are taken.
func knapsackTable(values: [Double], units: [[Int]], capacities: [Int]) -> [Bool] {
    let n = values.count, dims = capacities.count
    var strides = [Int](repeating: 1, count: dims)
    for d in stride(from: dims - 2, through: 0, by: -1) { strides[d] = strides[d + 1] * (capacities[d + 1] + 1) }
    let size = dims == 0 ? 1 : strides[0] * (capacities[0] + 1)
    var best = [Double](repeating: 0, count: size)
    var take = [Bool](repeating: false, count: n * size)
    var coordinate = [Int](repeating: 0, count: dims)
    for i in 0..<n where (0..<dims).allSatisfy({ units[$0][i] <= capacities[$0] }) {
        let v = values[i], row = i * size
        let offset = (0..<dims).reduce(0) { $0 + units[$1][i] * strides[$1] }
        coordinate = capacities
        for index in stride(from: size - 1, through: 0, by: -1) {
            if (0..<dims).allSatisfy({ coordinate[$0] >= units[$0][i] }) {
                let candidate = best[index - offset] + v
                if candidate > best[index] {
                    best[index] = candidate
                    take[row + index] = true
                }
            }
            // Odometer: step the coordinate down to the previous flat index.
            var d = dims - 1
            while d >= 0 {
                if coordinate[d] > 0 {
                    coordinate[d] -= 1
                    break
                }
                coordinate[d] = capacities[d]
                d -= 1
            }
        }
    }
    var chosen = [Bool](repeating: false, count: n)
    var index = size - 1
    for i in stride(from: n - 1, through: 0, by: -1) where take[i * size + index] {
        chosen[i] = true
        index -= (0..<dims).reduce(0) { $0 + units[$1][i] * strides[$1] }
    }
    return chosen
}
