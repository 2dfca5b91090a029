import DFLImplicit
import DFLLinearAlgebra
import DFLRandom
import DFLTestSupport
import Testing

@testable import DFLQuadraticProgramming

/// The QP layers' backward pass is DFLImplicit's root VJP of the active-set KKT conditions with
/// the forward pass's factorization as a pre-factored solver; these tests solve the same map with
/// generic solvers, and the original program's KKT map independently.
@Suite("QP backward through DFLImplicit")
struct ImplicitBackwardTests {
    /// A random strictly convex QP (dense Q, one equality, five inequalities) whose unconstrained
    /// minimizer lies outside the feasible set, so some inequalities are active.
    func program(seed: UInt64) -> DenseQuadraticProgram {
        var rng = SeededGenerator(seed: seed)
        let n = 6
        let r = Matrix(rows: n, columns: n, elements: rng.normal(count: n * n))
        let q = r.matmul(r, transposeOther: true) + Matrix.identity(n)
        return DenseQuadraticProgram(
            hessian: q, linear: rng.normal(count: n).map { 4 * $0 },
            equalityMatrix: Matrix(rows: 1, columns: n, elements: rng.normal(count: n)),
            equalityRHS: [0], inequalityMatrix: Matrix(rows: 5, columns: n, elements: rng.normal(count: 5 * n)),
            inequalityRHS: [Double](repeating: 0.5, count: 5))
    }

    func close(_ a: QPGradient, _ b: QuadraticProgramCotangent, _ tolerance: Double) -> Bool {
        maxAbsDifference(a.linear, b.linear) < tolerance && maxAbsDifference(a.equalityRHS, b.equalityRHS) < tolerance
            && maxAbsDifference(a.inequalityRHS, b.inequalityRHS) < tolerance
    }

    @Test(
        "Pre-factored KKT solve = dense LU, LDLᵀ and GMRES on the same map = the program's own KKT map",
        arguments: [1, 2, 3] as [UInt64])
    func qpBackward(seed: UInt64) throws {
        let p = program(seed: seed)
        let solution = try InteriorPointQPSolver(program: p).solve()
        #expect(solution.weaklyActiveCount == 0)
        var rng = SeededGenerator(seed: 100 + seed)
        let g = rng.normal(count: p.variableCount)
        let layer = try solution.vectorJacobianProduct(g)

        // The same (reduced) optimality map, solved by generic linear-solver values.
        let kkt = try #require(solution.kkt)
        let root = kkt.optimality(structure: solution.structure)
        let cotangent = kkt.free.map { g[$0] } + [Double](repeating: 0, count: kkt.rowCount)
        let solvers: [(String, any LinearSolver)] = [
            ("dense LU", DenseLinearSolver(.lu)), ("dense LDLT", DenseLinearSolver(.ldlt)),
            ("GMRES", GMRES(tolerance: 1e-14)),
        ]
        for (name, solver) in solvers {
            let v = try root.vectorJacobianProduct(cotangent, solver: solver)
            #expect(maxAbsDifference(v.linear, layer.linear) < 1e-10, "\(name)")
            #expect(maxAbsDifference(v.equalityRHS, layer.equalityRHS) < 1e-10, "\(name)")
            #expect(maxAbsDifference(v.inequalityRHS, layer.inequalityRHS) < 1e-10, "\(name)")
        }

        // Independently: the KKT map of the original program (QuadraticProgramKKT) on its active set,
        // and in complementarity form with the solver's multipliers.
        let full = QuadraticProgramKKT(
            hessian: p.hessian, equalityMatrix: p.equalityMatrix, inequalityMatrix: p.inequalityMatrix)
        let active = full.activeSet(primal: solution.primal, inequalityRHS: p.inequalityRHS)
        #expect(!active.isEmpty && active.count < 5)
        #expect(
            full.residual(
                primal: solution.primal, equalityDuals: solution.equalityDuals,
                inequalityDuals: solution.inequalityDuals,
                linear: p.linear, equalityRHS: p.equalityRHS, inequalityRHS: p.inequalityRHS
            ).maximum < 1e-9)
        let onActive = try full.activeSetOptimality(active: active).vectorJacobianProduct(
            g + [Double](repeating: 0, count: 1 + active.count), solver: DenseLinearSolver(.ldlt))
        #expect(close(layer, onActive, 1e-10))
        let product = try full.complementarityOptimality(
            primal: solution.primal, inequalityDuals: solution.inequalityDuals, inequalityRHS: p.inequalityRHS
        ).vectorJacobianProduct(g + [Double](repeating: 0, count: 1 + 5), solver: DenseLinearSolver(.lu))
        // The product form is evaluated at the solver's multipliers and slacks (accurate to ~1e-12).
        #expect(close(layer, product, 1e-8))
    }
}
