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
            if abs(s - rhs) > tolerance { feasible = false; break }
        }
        if !feasible { continue }
        for (row, rhs) in zip(program.inequalityMatrix, program.inequalityRHS) {
            var s = 0.0
            for j in 0..<n { s += row[j] * w[j] }
            if s > rhs + tolerance { feasible = false; break }
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
