import DFLImplicit
import DFLLinearAlgebra
import DFLRandom
import Testing

/// `min ½‖x‖² + qᵀx  s.t.  x₁ + x₂ + x₃ = b,  −x₃ ≤ h` at `q = (0.1, 0.3, 0.8)`, `b = 1`, `h = 0`:
/// the inequality is active (`x* = (0.6, 0.4, 0)`, `ν = −0.7`, `λ = 0.1`), so on the free block
/// `x_F = −q_F + (b + h + q₁ + q₂)/2`, `x₃ = −h`. Hence for a cotangent `ḡ`:
/// `∂L/∂q = (−(ḡ₁ − ḡ₂)/2, (ḡ₁ − ḡ₂)/2, 0)`, `∂L/∂b = (ḡ₁ + ḡ₂)/2`, `∂L/∂h = (ḡ₁ + ḡ₂)/2 − ḡ₃`.
@Suite struct QuadraticProgramKKTTests {
    let kkt = QuadraticProgramKKT(
        hessian: .identity(3), equalityMatrix: Matrix([[1, 1, 1]]), inequalityMatrix: Matrix([[0, 0, -1]]))
    let q = [0.1, 0.3, 0.8]
    let x = [0.6, 0.4, 0.0]
    let g = [0.3, -1.1, 0.7]

    var closedForm: QuadraticProgramCotangent {
        let d = (g[0] - g[1]) / 2, s = (g[0] + g[1]) / 2
        return QuadraticProgramCotangent(linear: [-d, d, 0], equalityRHS: [s], inequalityRHS: [s - g[2]])
    }

    func close(_ a: QuadraticProgramCotangent, _ b: QuadraticProgramCotangent, _ tol: Double) -> Bool {
        maxAbsDifference(a.linear, b.linear) < tol && maxAbsDifference(a.equalityRHS, b.equalityRHS) < tol
            && maxAbsDifference(a.inequalityRHS, b.inequalityRHS) < tol
    }

    @Test func residualVanishesAtTheSolution() {
        let r = kkt.residual(
            primal: x, equalityDuals: [-0.7], inequalityDuals: [0.1], linear: q, equalityRHS: [1], inequalityRHS: [0])
        #expect(r.maximum < 1e-15)
        #expect(kkt.activeSet(primal: x, inequalityRHS: [0]) == [0])
        let off = kkt.residual(
            primal: [0.6, 0.4, 0.1], equalityDuals: [-0.7], inequalityDuals: [0.1], linear: q, equalityRHS: [1],
            inequalityRHS: [0])
        #expect(abs(off.complementarity[0] + 0.01) < 1e-15 && abs(off.equalityFeasibility[0] - 0.1) < 1e-15)
    }

    @Test func activeSetMapMatchesTheClosedForm() throws {
        let root = kkt.activeSetOptimality(active: [0])
        let cot = g + [0, 0]
        // The KKT matrix is symmetric indefinite: LU, LDLᵀ and GMRES apply (not Cholesky/CG/Neumann).
        let solvers: [(String, any LinearSolver)] = [
            ("dense LU", DenseLinearSolver(.lu)), ("dense LDLT", DenseLinearSolver(.ldlt)),
            ("GMRES", GMRES(tolerance: 1e-14)),
            ("factored", try DenseLinearSolver(.ldlt).factorize(matrix: kkt.activeSetMatrix(active: [0]))),
        ]
        for (name, solver) in solvers {
            #expect(close(try root.vectorJacobianProduct(cot, solver: solver), closedForm, 1e-12), "\(name)")
        }
        // The operator is the explicit KKT matrix.
        #expect(
            maxAbsDifference(try root.adjointOperator.materialize().elements, kkt.activeSetMatrix(active: [0]).elements)
                == 0)
    }

    @Test func complementarityMapMatchesTheClosedForm() throws {
        let root = kkt.complementarityOptimality(primal: x, inequalityDuals: [0.1], inequalityRHS: [0])
        let cot = g + [0, 0]
        for (name, solver) in [("dense LU", DenseLinearSolver(.lu)), ("GMRES", GMRES(tolerance: 1e-14))]
            as [(String, any LinearSolver)]
        {
            #expect(close(try root.vectorJacobianProduct(cot, solver: solver), closedForm, 1e-11), "\(name)")
        }
    }

    /// A random strictly convex QP on a fixed active set: `x*(θ)` solves `K z = (−q, b, h_𝒜)`, an
    /// independent dense forward solve; central differences of `Lᵀx*` (exact up to rounding for an
    /// affine map: error ≈ 1e-16/h) against the VJP of every applicable solver.
    @Test func randomQPAgreesWithFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 21)
        let n = 6
        let r = Matrix(rows: n, columns: n, elements: rng.normal(count: n * n))
        let qm = r.matmul(r, transposeOther: true) + Matrix.identity(n)
        let a = Matrix(rows: 2, columns: n, elements: rng.normal(count: 2 * n))
        let gm = Matrix(rows: 3, columns: n, elements: rng.normal(count: 3 * n))
        let problem = QuadraticProgramKKT(hessian: qm, equalityMatrix: a, inequalityMatrix: gm)
        let active = [0, 2]
        let kMatrix = problem.activeSetMatrix(active: active)
        let lossWeights = rng.normal(count: n)
        func loss(_ q: [Double], _ b: [Double], _ h: [Double]) throws -> Double {
            let z = try kMatrix.solve(q.map { -$0 } + b + active.map { h[$0] })
            return zip(lossWeights, z[0..<n]).map { $0 * $1 }.reduce(0, +)
        }
        let q0 = rng.normal(count: n), b0 = rng.normal(count: 2), h0 = rng.normal(count: 3)
        let step = 1e-6
        var fdQ: [Double] = [], fdH: [Double] = []
        for j in 0..<n {
            var p = q0, m = q0
            p[j] += step
            m[j] -= step
            fdQ.append((try loss(p, b0, h0) - loss(m, b0, h0)) / (2 * step))
        }
        for j in 0..<3 {
            var p = h0, m = h0
            p[j] += step
            m[j] -= step
            fdH.append((try loss(q0, b0, p) - loss(q0, b0, m)) / (2 * step))
        }
        let root = problem.activeSetOptimality(active: active)
        let cot = lossWeights + [0, 0, 0, 0]
        // Rounding error of the differences: ≈ κ·1e-16/h ≈ 1e-9 with κ ≲ 1e1 → tolerance 3e-8 (≥ 3× margin).
        for (name, solver) in [
            ("dense LU", DenseLinearSolver(.lu)), ("dense LDLT", DenseLinearSolver(.ldlt)),
            ("GMRES", GMRES(tolerance: 1e-14)),
        ] as [(String, any LinearSolver)] {
            let v = try root.vectorJacobianProduct(cot, solver: solver)
            #expect(maxAbsDifference(v.linear, fdQ) < 3e-8, "\(name)")
            #expect(maxAbsDifference(v.inequalityRHS, fdH) < 3e-8, "\(name)")
            #expect(v.inequalityRHS[1] == 0, "\(name): an inactive row has no gradient")
        }
    }
}
