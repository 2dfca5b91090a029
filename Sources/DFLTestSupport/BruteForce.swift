import DFLOptimization

/// Brute-force oracle: the best 0/1 vector satisfying a small binary program (at most ~22
/// variables), found by enumerating all 2ⁿ vectors. Used to cross-check exact solvers.
public func bruteForceBinary(_ program: MixedIntegerProgram, tolerance: Double = 1e-9) -> Solution? {
    let n = program.variableCount
    precondition(n <= 22, "bruteForceBinary enumerates 2^n vectors; n = \(n) is too large")
    var best: Solution?
    let sign = program.sense.sign
    var w = [Double](repeating: 0, count: n)
    for mask in 0..<(1 << n) {
        for j in 0..<n { w[j] = mask & (1 << j) != 0 ? 1 : 0 }
        var feasible = true
        for (row, rhs) in zip(program.equalityMatrix, program.equalityRHS) {
            var s = 0.0
            for j in 0..<n { s += row[j] * w[j] }
            if abs(s - rhs) > tolerance {
                feasible = false
                break
            }
        }
        if !feasible { continue }
        for (row, rhs) in zip(program.inequalityMatrix, program.inequalityRHS) {
            var s = 0.0
            for j in 0..<n { s += row[j] * w[j] }
            if s > rhs + tolerance {
                feasible = false
                break
            }
        }
        if !feasible { continue }
        var obj = program.objectiveOffset
        for j in 0..<n { obj += program.objective[j] * w[j] }
        if best == nil || sign * obj < sign * best!.objective - 1e-12 {
            best = Solution(decision: w, objective: obj)
        }
    }
    return best
}

/// Every 0/1 vector satisfying a small binary program (at most ~20 variables).
public func feasibleBinaryPoints(_ program: MixedIntegerProgram, tolerance: Double = 1e-9) -> [[Double]] {
    let n = program.variableCount
    precondition(n <= 20, "feasibleBinaryPoints enumerates 2^n vectors; n = \(n) is too large")
    var out: [[Double]] = []
    for mask in 0..<(1 << n) {
        let w = (0..<n).map { mask & (1 << $0) != 0 ? 1.0 : 0.0 }
        let eqOK = zip(program.equalityMatrix, program.equalityRHS).allSatisfy { row, rhs in
            abs(zip(row, w).map(*).reduce(0, +) - rhs) <= tolerance
        }
        let ineqOK = zip(program.inequalityMatrix, program.inequalityRHS).allSatisfy { row, rhs in
            zip(row, w).map(*).reduce(0, +) <= rhs + tolerance
        }
        if eqOK && ineqOK { out.append(w) }
    }
    return out
}

/// The best of an explicit list of decisions under `costs` (first one wins ties); nil when empty.
public func bestDecision(among points: [[Double]], costs: [Double], sense: ObjectiveSense) -> Solution? {
    var best: Solution?
    for w in points {
        let value = objective(of: w, costs: costs)
        if best == nil || sense.isBetter(value, than: best!.objective) {
            best = Solution(decision: w, objective: value)
        }
    }
    return best
}

/// Every source–sink path of a grid as a 0/1 arc vector, by depth-first search (C(r+c−2, r−1) paths).
public func allGridPaths(_ grid: ShortestPathGrid) -> [[Double]] {
    var outgoing = [[Int]](repeating: [], count: grid.nodeCount)
    for (k, arc) in grid.arcs.enumerated() { outgoing[arc.from].append(k) }
    var paths: [[Double]] = []
    var w = [Double](repeating: 0, count: grid.costDimension)
    func walk(_ v: Int) {
        if v == grid.nodeCount - 1 {
            paths.append(w)
            return
        }
        for k in outgoing[v] {
            w[k] = 1
            walk(grid.arcs[k].to)
            w[k] = 0
        }
    }
    walk(0)
    return paths
}

/// Every 0/1 vector of length `items` with exactly `k` ones.
public func allSubsets(items: Int, size k: Int) -> [[Double]] {
    var out: [[Double]] = []
    var w = [Double](repeating: 0, count: items)
    func pick(_ start: Int, _ left: Int) {
        if left == 0 {
            out.append(w)
            return
        }
        if start >= items { return }
        for j in start..<items where items - j >= left {
            w[j] = 1
            pick(j + 1, left - 1)
            w[j] = 0
        }
    }
    pick(0, k)
    return out
}

/// Every `n × n` permutation matrix, row-major (n! of them).
public func allPermutationMatrices(size n: Int) -> [[Double]] {
    allPermutations(Array(0..<n)).map { perm in
        var w = [Double](repeating: 0, count: n * n)
        for (i, j) in perm.enumerated() { w[i * n + j] = 1 }
        return w
    }
}

/// Every Hamiltonian cycle of a TSP as an edge vector, each undirected cycle once ((m−1)!/2 of them).
public func allTours(_ tsp: TravelingSalesman) -> [[Double]] {
    allPermutations(Array(1..<tsp.nodes)).compactMap { rest in
        rest.first! < rest.last! ? tsp.decision(forTour: [0] + rest) : nil
    }
}

/// All orderings of `elements` (Heap's algorithm).
public func allPermutations(_ elements: [Int]) -> [[Int]] {
    var a = elements
    var out: [[Int]] = []
    func generate(_ k: Int) {
        if k <= 1 {
            out.append(a)
            return
        }
        for i in 0..<(k - 1) {
            generate(k - 1)
            a.swapAt(k % 2 == 0 ? i : 0, k - 1)
        }
        generate(k - 1)
    }
    generate(a.count)
    return out
}
