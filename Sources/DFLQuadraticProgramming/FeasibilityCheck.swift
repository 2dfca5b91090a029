import DFLLinearAlgebra

/// Proves that a program's feasible set is non-empty (or reports by how much it is not) with the
/// elastic program
///
/// ```
/// min 1ᵀ(t⁺ + t⁻ + t_G) + (δ/2)‖x‖²
/// s.t. A x + t⁺ − t⁻ = b,  G x − t_G ≤ h,  l ≤ x ≤ u,  t ≥ 0,
/// ```
///
/// which is always feasible; its optimal total violation is zero exactly when the original
/// constraints are satisfiable (the exact-penalty property, since `δ = 1e-9` is tiny). The feasible
/// set of a layer does not depend on the predicted costs, so this runs once per layer.
package enum FeasibilityCheck {
    /// - Throws: ``QuadraticProgramError`` `.infeasible` naming the minimal violation and the worst rows.
    package static func verify(_ program: DenseQuadraticProgram) throws {
        let n = program.variableCount
        let m = program.equalityMatrix.rows
        let pG = program.inequalityMatrix.rows
        guard m + pG > 0 else { return }
        let total = n + 2 * m + pG
        let delta = 1e-9
        var hessian = [Double](repeating: 0, count: total)
        for j in 0..<n { hessian[j] = delta }
        var linear = [Double](repeating: 0, count: n) + [Double](repeating: 1, count: 2 * m + pG)
        linear.reserveCapacity(total)
        var a = Matrix(rows: m, columns: total)
        for k in 0..<m {
            for j in 0..<n { a[k, j] = program.equalityMatrix[k, j] }
            a[k, n + k] = 1
            a[k, n + m + k] = -1
        }
        var g = Matrix(rows: pG, columns: total)
        for i in 0..<pG {
            for j in 0..<n { g[i, j] = program.inequalityMatrix[i, j] }
            g[i, n + 2 * m + i] = -1
        }
        let elastic = DenseQuadraticProgram(
            hessian: Matrix.diagonal(hessian), linear: linear,
            equalityMatrix: a, equalityRHS: program.equalityRHS,
            inequalityMatrix: g, inequalityRHS: program.inequalityRHS,
            lowerBounds: program.lowerBounds + [Double](repeating: 0, count: 2 * m + pG),
            upperBounds: program.upperBounds + [Double](repeating: .infinity, count: 2 * m + pG))
        let solver = try InteriorPointQPSolver(
            program: elastic,
            configuration: .init(tolerance: 1e-9, maxIterations: 200, polish: true, checkFeasibility: false))
        let solution: QPSolution
        do { solution = try solver.solve() } catch let e as QuadraticProgramError {
            throw QuadraticProgramError(e.reason, "feasibility check of the relaxation: \(e.message)")
        }
        let t = Array(solution.primal[n...])
        let violation = t.reduce(0, +)
        let scale = 1 + (program.equalityRHS + program.inequalityRHS).reduce(0) { max($0, abs($1)) }
        // Each elastic variable of a feasible program may keep an interior-point residue of the
        // order of the tolerance when polishing does not apply; the threshold grows with their count.
        if violation > 1e-7 * scale * max(1, Double(2 * m + pG) / 10) {
            var worst: [(String, Double)] = []
            for k in 0..<m { worst.append(("equality row \(k)", t[k] + t[m + k])) }
            for i in 0..<pG { worst.append(("inequality row \(i)", t[2 * m + i])) }
            let top = worst.sorted { $0.1 > $1.1 }.prefix(3).filter { $0.1 > 1e-9 }
                .map { "\($0.0) violated by \($0.1)" }.joined(separator: ", ")
            throw QuadraticProgramError(
                .infeasible,
                "the LP relaxation has no feasible point: minimal total constraint violation \(violation) (\(top))")
        }
    }
}
