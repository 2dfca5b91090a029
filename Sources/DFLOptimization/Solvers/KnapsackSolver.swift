/// Exact multi-dimensional 0/1 knapsack that picks its algorithm by predicted work.
///
/// Items with non-positive value, or heavier than some capacity on their own, can never improve a
/// maximum and are dropped first; when the rest fit together they are all taken. Otherwise:
/// - dynamic programming over capacity vectors (``Method/dynamicProgramming``) applies only when the
///   scaling is exact: every weight and capacity a multiple of 0.01 (each dimension uses the coarsest of
///   the units 1, 0.1, 0.01 that fits, divided by the weights' greatest common divisor). Its work is the
///   table's `items × Π_d (capacity_d + 1)` cells;
/// - depth-first branch and bound (``Method/branchAndBound``) bounded by the per-dimension fractional
///   (Dantzig) relaxations and a surrogate constraint whose root bound is the LP bound. Its work is at
///   most `2^(items+1)` nodes of `items × (dimensions + 1)` steps, and usually far less.
/// ``Method/automatic`` runs branch and bound first. When the table applies and has at most
/// ``maximumTableCells`` cells, the search gets a node budget worth the table's work and the table
/// finishes an instance the budget did not (values proportional to weights defeat every fractional
/// bound but not the table), so an instance costs at most about twice the cheaper of the two; otherwise
/// the search runs to the end (or to ``nodeLimit``). A large table is never built: PyEPO's 0.01-unit
/// weights at capacity 16.5 (a 10-item 2-D table of 27 M cells, 100 ms a solve) take microseconds.
/// - Complexity: DP O(items · Π_d capacity_d) in capacity units; branch and bound exponential in the
///   worst case. Real-valued costs with many near-ties can keep it busy for seconds at 50–100 items in
///   2–3 dimensions: set ``nodeLimit`` and fall back to CBC (``FallbackSolver``) where a bounded time matters.
public struct KnapsackSolver: Solver {
    /// The exact algorithm to use.
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// Branch and bound, finished by the table when it applies, is small and the search outgrows it.
        case automatic
        /// Dynamic programming over capacity units of 0.01 (throws `.invalidModel` when it does not apply).
        case dynamicProgramming
        /// Depth-first branch and bound.
        case branchAndBound
    }

    /// The algorithm.
    public var method: Method
    /// Largest DP table (items × capacity units) the automatic choice may build (a few milliseconds).
    public var maximumTableCells: Int
    /// Most branch-and-bound nodes per solve (nil: no limit); beyond it the solve throws `.limitReached`.
    public var nodeLimit: Int?

    /// Creates the solver.
    public init(method: Method = .automatic, maximumTableCells: Int = 1_000_000, nodeLimit: Int? = nil) {
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

        if method == .automatic && (0..<D).allSatisfy({ d in weight[d].reduce(0, +) <= caps[d] }) {
            return Self.solution(
                problem, items: items, chosen: [Bool](repeating: true, count: items.count), costs: costs)
        }
        let table = Self.capacityUnits(weight, capacities: caps)
        let cells = table.map { Self.cells(items: items.count, capacities: $0.capacities) } ?? .max
        func search(_ limit: Int?) -> [Bool]? {
            knapsackBranchAndBound(values: value, weights: weight, capacities: caps, nodeLimit: limit)
        }
        let chosen: [Bool]
        if method == .automatic, let table, cells <= maximumTableCells {
            // Branch and bound first, with a node budget worth the table's work (measured, `dfl bench
            // knapsack`: a node costs about as much as four cells); the table finishes what it did not.
            let budget = max(16, cells / 4)
            chosen =
                search(min(budget, nodeLimit ?? .max))
                ?? knapsackTable(values: value, units: table.units, capacities: table.capacities)
        } else if method == .dynamicProgramming {
            guard let table else {
                throw SolverError(
                    .invalidModel,
                    "\(problem.name): dynamic programming needs weights and capacities that are multiples of 0.01")
            }
            chosen = knapsackTable(values: value, units: table.units, capacities: table.capacities)
        } else {
            guard let found = search(nodeLimit) else {
                throw SolverError(
                    .limitReached,
                    "\(problem.name): branch and bound stopped at its node limit (\(nodeLimit ?? 0)) before proving optimality"
                )
            }
            chosen = found
        }
        return Self.solution(problem, items: items, chosen: chosen, costs: costs)
    }

    /// The decision taking `items[k]` for every chosen `k`.
    static func solution(_ problem: Knapsack, items: [Int], chosen: [Bool], costs: [Double]) -> Solution {
        var w = [Double](repeating: 0, count: problem.itemCount)
        for k in 0..<items.count where chosen[k] { w[items[k]] = 1 }
        return Solution(decision: w, costs: costs)
    }

    /// Cells of the table over `items` items and these integer capacities (`Int.max` on overflow).
    static func cells(items: Int, capacities: [Int]) -> Int {
        var product = items
        for c in capacities {
            let (p, overflow) = product.multipliedReportingOverflow(by: c + 1)
            if overflow { return .max }
            product = p
        }
        return product
    }

    /// Cells of the dynamic program's table over every item of `problem`, or nil when its weights are
    /// not in exact units (see ``Method/dynamicProgramming``).
    public static func tableCells(_ problem: Knapsack) -> Int? {
        capacityUnits(problem.weights, capacities: problem.capacities).map {
            cells(items: problem.itemCount, capacities: $0.capacities)
        }
    }

    /// Weights and capacities in integer units per dimension — 1, 0.1 or 0.01, the coarsest unit all
    /// of that dimension's weights are multiples of (to 1e-7 relative; integer weights take unit 1),
    /// times the weights' greatest common divisor in it, with the capacity rounded down to whole units —
    /// or nil when some weight is not a multiple of 0.01 or a capacity is too large.
    static func capacityUnits(_ weights: [[Double]], capacities: [Double]) -> (units: [[Int]], capacities: [Int])? {
        var units: [[Int]] = [], caps: [Int] = []
        for (w, capacity) in zip(weights, capacities) {
            var found: (units: [Int], capacity: Int)?
            for scale in [1.0, 10, 100] {
                let scaled = w.map { $0 * scale }
                guard scaled.allSatisfy({ abs($0 - $0.rounded()) <= 1e-7 * max(1, abs($0)) }) else { continue }
                let c = capacity * scale
                guard c < 1e9 else { return nil }
                let integral = scaled.map { Int($0.rounded()) }
                let divisor = max(1, integral.reduce(0) { greatestCommonDivisor($0, $1) })
                found = (integral.map { $0 / divisor }, Int((c + 1e-7 * max(1, c)).rounded(.down)) / divisor)
                break
            }
            guard let found else { return nil }
            units.append(found.units)
            caps.append(found.capacity)
        }
        return (units, caps)
    }
}

/// Greatest common divisor of two non-negative integers (`gcd(0, b) = b`).
func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
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
        if dims == 1 {
            // One dimension: the classic backward sweep, no odometer.
            let w = units[0][i]
            for index in stride(from: size - 1, through: w, by: -1) {
                let candidate = best[index - w] + v
                if candidate > best[index] {
                    best[index] = candidate
                    take[row + index] = true
                }
            }
            continue
        }
        for index in stride(from: size - 1, through: 0, by: -1) {
            var fits = true
            for d in 0..<dims where coordinate[d] < units[d][i] {
                fits = false
                break
            }
            if fits {
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
