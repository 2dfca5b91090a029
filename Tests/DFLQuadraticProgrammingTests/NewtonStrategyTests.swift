import DFLLinearAlgebra
import DFLRandom
import DFLTestSupport
import Testing

@testable import DFLQuadraticProgramming

/// The bipartite-matching relaxation of the R-DFL benchmark: `min γ‖z‖² + qᵀz` over row and column
/// sums ≤ 1, total ≥ ⌈n/2⌉ and `0 ≤ z ≤ 1` (diagonal Q, `2n + 1` general rows, no equalities).
private func matchingQP(_ n: Int, gamma: Double = 0.1, linear: [Double]) -> DenseQuadraticProgram {
    let d = n * n
    var rows: [[Double]] = []
    for i in 0..<n { rows.append((0..<d).map { $0 / n == i ? 1 : 0 }) }
    for j in 0..<n { rows.append((0..<d).map { $0 % n == j ? 1 : 0 }) }
    rows.append([Double](repeating: -1, count: d))
    return DenseQuadraticProgram(
        hessian: Matrix.diagonal([Double](repeating: 2 * gamma, count: d)), linear: linear,
        inequalityMatrix: Matrix(rows), inequalityRHS: [Double](repeating: 1, count: 2 * n) + [-Double((n + 1) / 2)],
        lowerBounds: [Double](repeating: 0, count: d), upperBounds: [Double](repeating: 1, count: d))
}

/// A random program with a positive diagonal Q, a
/// rank-deficient equality block and `p` general rows, feasible around an interior point.
private func diagonalQP(seed: UInt64, n: Int, p: Int) -> DenseQuadraticProgram {
    var rng = SeededGenerator(seed: seed)
    let x0 = rng.uniform(0.2, 0.8, count: n)
    let a1 = rng.normal(count: n), a2 = rng.normal(count: n)
    let a = Matrix([a1, a2, zip(a1, a2).map { $0 - 2 * $1 }])
    let g = Matrix(rows: p, columns: n, elements: rng.normal(count: p * n))
    let q = rng.uniform(0.05, 2, count: n)
    return DenseQuadraticProgram(
        hessian: Matrix.diagonal(q), linear: rng.normal(count: n).map { 3 * $0 },
        equalityMatrix: a, equalityRHS: a.matvec(x0), inequalityMatrix: g,
        inequalityRHS: g.matvec(x0).map { $0 + 0.05 },
        lowerBounds: [Double](repeating: 0, count: n), upperBounds: [Double](repeating: 1, count: n))
}

private func solver(_ program: DenseQuadraticProgram, _ strategy: InteriorPointQPSolver.NewtonStrategy) throws
    -> InteriorPointQPSolver
{
    var c = InteriorPointQPSolver.Configuration()
    c.newtonStrategy = strategy
    return try InteriorPointQPSolver(program: program, configuration: c)
}

@Suite("QP solver: low-rank (Woodbury) Newton path")
struct NewtonStrategyTests {
    @Test("Path selection: low rank for the 900-variable matching QP, dense for small or row-heavy programs")
    func pathSelection() throws {
        let big = try QPStructure(matchingQP(30, linear: [Double](repeating: -1, count: 900)))
        #expect(NewtonSystem.path(for: big, strategy: .automatic) == .lowRank)
        #expect(NewtonSystem.path(for: big, strategy: .dense) == .dense)
        let small = try QPStructure(matchingQP(4, linear: [Double](repeating: -1, count: 16)))
        #expect(NewtonSystem.path(for: small, strategy: .automatic) == .dense)
        #expect(NewtonSystem.path(for: small, strategy: .lowRank) == .lowRank)
        // A free variable without curvature: H₀ would be singular, so the dense path is kept.
        var free = diagonalQP(seed: 1, n: 10, p: 2)
        free.hessian[0, 0] = 0
        free.lowerBounds[0] = -.infinity
        free.upperBounds[0] = .infinity
        #expect(NewtonSystem.path(for: try QPStructure(free), strategy: .lowRank) == .dense)
    }

    @Test(
        "Low rank equals dense on random diagonal-Q programs with dependent equalities",
        arguments: [UInt64(1), 2, 3, 4])
    func randomPrograms(seed: UInt64) throws {
        let program = diagonalQP(seed: seed, n: 24, p: 5)
        let dense = try solver(program, .dense).solve()
        let lowRank = try solver(program, .lowRank).solve()
        #expect(lowRank.optimalityError < 1e-9)
        for j in 0..<program.variableCount { #expect(abs(dense.primal[j] - lowRank.primal[j]) < 1e-8) }
    }

    @Test("Low rank equals dense on matching QPs, including a perfect matching (dependent active rows)")
    func matching() throws {
        var rng = SeededGenerator(seed: 7)
        for n in [4, 8] {
            let d = n * n
            // Random costs, and strongly negative ones that push every row and column sum to 1.
            for q in [rng.normal(count: d), rng.uniform(-5, -3, count: d)] {
                let program = matchingQP(n, linear: q)
                let dense = try solver(program, .dense).solve()
                let lowRank = try solver(program, .lowRank).solve()
                #expect(lowRank.optimalityError < 1e-9)
                for j in 0..<d { #expect(abs(dense.primal[j] - lowRank.primal[j]) < 1e-8) }
            }
        }
    }

    @Test("The 30×30 matching QP solves on the automatic (low-rank) path and its gradient matches finite differences")
    func largeMatching() throws {
        var rng = SeededGenerator(seed: 11)
        let q = rng.normal(count: 900)
        let s = try solver(matchingQP(30, linear: q), .automatic)
        let solution = try s.solve(linear: q)
        #expect(solution.optimalityError < 1e-9)
        let w = rng.normal(count: 900)
        let gradient = try solution.vectorJacobianProduct(w).linear
        let direction = rng.normal(count: 900)
        let fd = try directionalDerivative(
            { c in
                let x = try s.solve(linear: c).primal
                return zip(w, x).reduce(0) { $0 + $1.0 * $1.1 }
            }, at: q, along: direction, step: 1e-6)
        let analytic = zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(fd - analytic) <= 1e-5 * (1 + abs(fd)))
    }
}
