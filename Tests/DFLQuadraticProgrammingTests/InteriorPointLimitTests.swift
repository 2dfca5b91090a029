import DFLLinearAlgebra
import DFLQuadraticProgramming
import DFLRandom
import DFLTestSupport
import Testing

@Suite("QP solver: documented-warning mode at the iteration limit")
struct AcceptableResidualTests {
    @Test("with acceptableResidual the last iterate comes back carrying its residual; without it, notConverged")
    func returnsLastIterateWithResidual() throws {
        let program = randomQP(seed: 3)
        var strict = InteriorPointQPSolver.Configuration(maxIterations: 4, polish: false)
        #expect(throws: QuadraticProgramError.self) {
            try InteriorPointQPSolver(program: program, configuration: strict).solve()
        }
        strict.acceptableResidual = 1e3
        let s = try InteriorPointQPSolver(program: program, configuration: strict).solve()
        #expect(s.iterations == 4)
        #expect(s.optimalityError > 1e-10 && s.optimalityError.isFinite)
    }
}
