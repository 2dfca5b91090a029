import DFLLayers
import DFLLinearAlgebra
import DFLRandom
import DFLTestSupport
import Testing

@Suite("QP Newton system: diagonal Q with general rows (augmented Schur path)")
struct AugmentedNewtonPathTests {
    /// A random diagonal-Q program with general rows (n ≥ 200 takes the augmented path), and the same program with a 1e-13
    /// off-diagonal coupling (which forces the dense Newton path).
    private func pair(seed: UInt64, n: Int, rows: Int) -> (DenseQuadraticProgram, DenseQuadraticProgram) {
        var rng = SeededGenerator(seed: seed)
        let g = Matrix(rows: rows, columns: n, elements: rng.uniform(0, 1, count: rows * n).map { $0 < 0.5 ? 0 : $0 * 3 })
        let h = (0..<rows).map { i in 0.4 * (0..<n).reduce(0.0) { $0 + g[i, $1] } + 0.1 }
        let a = Matrix(rows: 1, columns: n, elements: [Double](repeating: 1, count: n))
        let diag = rng.uniform(0.5, 2, count: n)
        let p = DenseQuadraticProgram(
            hessian: Matrix.diagonal(diag), linear: rng.normal(count: n), equalityMatrix: a, equalityRHS: [0.3 * Double(n) / 2],
            inequalityMatrix: g, inequalityRHS: h,
            lowerBounds: [Double](repeating: 0, count: n), upperBounds: [Double](repeating: 1, count: n))
        var coupled = p
        coupled.hessian[0, 1] = 1e-13
        coupled.hessian[1, 0] = 1e-13
        return (p, coupled)
    }

    @Test("same solutions and gradients as the dense path; KKT residual at rounding level")
    func matchesDensePath() throws {
        for seed in UInt64(1)...2 {
            let (p, coupled) = pair(seed: seed, n: 220, rows: 6)
            let fast = try InteriorPointQPSolver(program: p).solve()
            let dense = try InteriorPointQPSolver(program: coupled).solve()
            #expect(isApproximatelyEqual(fast.primal, dense.primal, tolerance: 1e-9), "seed \(seed)")
            #expect(try InteriorPointQPSolver(program: p).optimalityError(of: fast, linear: p.linear) < 1e-9)
            var rng = SeededGenerator(seed: seed &+ 100)
            let g = rng.normal(count: 220)
            let a = try fast.vectorJacobianProduct(g), b = try dense.vectorJacobianProduct(g)
            #expect(isApproximatelyEqual(a.linear, b.linear, tolerance: 1e-7), "seed \(seed)")
            #expect(isApproximatelyEqual(a.inequalityRHS, b.inequalityRHS, tolerance: 1e-7), "seed \(seed)")
        }
    }
}

@Suite("QP solver: documented-warning mode at the iteration limit")
struct AcceptableResidualTests {
    @Test("with acceptableResidual the last iterate comes back carrying its residual; without it, notConverged")
    func returnsLastIterateWithResidual() throws {
        let program = randomQP(seed: 3)
        var strict = InteriorPointQPSolver.Configuration(maxIterations: 4, polish: false)
        #expect(throws: LayerError.self) { try InteriorPointQPSolver(program: program, configuration: strict).solve() }
        strict.acceptableResidual = 1e3
        let s = try InteriorPointQPSolver(program: program, configuration: strict).solve()
        #expect(s.iterations == 4)
        #expect(s.optimalityError > 1e-10 && s.optimalityError.isFinite)
    }
}
