import DFLImplicit
import DFLLinearAlgebra
import Foundation
import Testing

/// Non-convergence and breakdown give typed errors, never a silently wrong adjoint.
@Suite struct LinearSolverErrorTests {
    /// `A = I − K` with `K = 1.5 I`: the Neumann series diverges.
    let expanding = LinearOperator.identityMinus(size: 3) { $0.map { 1.5 * $0 } }

    @Test func neumannDivergesOrStopsWithATypedError() {
        #expect(
            throws: ImplicitDifferentiationError.notConverged(
                solver: "Neumann series", iterations: 5, residual: 1.5 * pow(1.5, 4))
        ) {
            try NeumannSeries(tolerance: 1e-12, maxIterations: 5).solve(expanding, [1, 1, 1])
        }
        // 1.5ᵏ overflows near k = 1748: the series turns non-finite before the limit.
        do {
            _ = try NeumannSeries(tolerance: 1e-12, maxIterations: 5000).solve(expanding, [1, 1, 1])
            Issue.record("a diverging series must throw")
        } catch let ImplicitDifferentiationError.nonFinite(solver, iteration) {
            #expect(solver == "Neumann series" && iteration < 5000)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func conjugateGradientRejectsAnIndefiniteOperator() {
        let indefinite = LinearOperator(matrix: Matrix([[1, 0], [0, -1]]))
        #expect(throws: ImplicitDifferentiationError.self) { try ConjugateGradient().solve(indefinite, [1, 1]) }
        do {
            _ = try ConjugateGradient().solve(indefinite, [1, 1])
        } catch let ImplicitDifferentiationError.notPositiveDefinite(solver, _, curvature) {
            #expect(solver == "CG" && curvature <= 0)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func iterativeSolversReportTheirIterationLimit() {
        let a = LinearOperator(matrix: Matrix([[4, 1, 0, 0], [1, 3, 1, 0], [0, 1, 2, 1], [0, 0, 1, 5]]))
        do {
            _ = try GMRES(tolerance: 1e-14, restart: 1, maxIterations: 2).solve(a, [1, 2, 3, 4])
            Issue.record("GMRES should not converge in 2 steps")
        } catch let ImplicitDifferentiationError.notConverged(solver, iterations, residual) {
            #expect(solver == "GMRES" && iterations == 2 && residual > 1e-14)
        } catch { Issue.record("unexpected \(error)") }
        do {
            _ = try ConjugateGradient(tolerance: 1e-14, maxIterations: 1).solve(a, [1, 2, 3, 4])
            Issue.record("CG should not converge in 1 step")
        } catch let ImplicitDifferentiationError.notConverged(solver, iterations, _) {
            #expect(solver == "CG" && iterations == 1)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func denseFactorizationFailuresAreTyped() {
        let singular = Matrix([[1, 2], [2, 4]])
        #expect(throws: ImplicitDifferentiationError.self) {
            try DenseLinearSolver(.lu).solve(matrix: singular, [1, 1])
        }
        #expect(throws: ImplicitDifferentiationError.self) {
            try DenseLinearSolver(.cholesky).solve(matrix: Matrix([[1, 0], [0, -1]]), [1, 1])
        }
        do {
            _ = try DenseLinearSolver(.cholesky).factorize(matrix: Matrix([[1, 0], [0, -1]]))
        } catch let ImplicitDifferentiationError.factorizationFailed(solver, reason) {
            #expect(solver == "dense cholesky" && reason.contains("dpotrf"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func sizesAreChecked() throws {
        let root = ImplicitRoot(size: 2, solutionTransposedJacobian: { $0 }, parameterTransposedJacobian: { $0 })
        #expect(throws: ImplicitDifferentiationError.dimensionMismatch(what: "root cotangent", expected: 2, got: 3)) {
            try root.vectorJacobianProduct([1, 2, 3], solver: DenseLinearSolver())
        }
        let factored = try DenseLinearSolver().factorize(matrix: .identity(2))
        #expect(throws: ImplicitDifferentiationError.dimensionMismatch(what: "dense lu operator", expected: 2, got: 3))
        {
            try factored.solve(LinearOperator(matrix: .identity(3)), [1, 2, 3])
        }
        #expect(
            !ImplicitDifferentiationError.notConverged(solver: "GMRES", iterations: 3, residual: 0.5).description
                .isEmpty)
    }
}
