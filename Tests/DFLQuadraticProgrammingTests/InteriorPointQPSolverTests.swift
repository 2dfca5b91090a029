import DFLLinearAlgebra
import DFLOptimization
import DFLQuadraticProgramming
import DFLRandom
import DFLTestSupport
import Testing

@Suite("Interior-point QP solver")
struct InteriorPointQPSolverTests {
    @Test("Top-1 smoothing equals the closed-form projection onto the simplex", arguments: [0.05, 0.5, 2.0])
    func simplexProjection(mu: Double) throws {
        var rng = SeededGenerator(seed: 11)
        let n = 12
        let program = DenseQuadraticProgram(smoothedRelaxationOf: simplexProgram(n), quadraticWeight: 2 * mu)
        let solver = try InteriorPointQPSolver(program: program)
        for _ in 0..<5 {
            let y = rng.uniform(-1, 1, count: n)
            let solution = try solver.solve(linear: y)
            let expected = projectOntoSimplex(y.map { -$0 / (2 * mu) })
            #expect(maxAbsDifference(solution.primal, expected) < 1e-10)
            #expect(solution.optimalityError < 1e-10)
            #expect(solver.optimalityError(of: solution, linear: y) < 1e-10)
        }
    }

    @Test("The inequality form 1ᵀv ≤ 1 (App. B) matches its closed form")
    func cappedSimplex() throws {
        let n = 6
        let mu = 0.7
        let program = DenseQuadraticProgram(
            hessian: Matrix.diagonal([Double](repeating: 2 * mu, count: n)), linear: [Double](repeating: 0, count: n),
            inequalityMatrix: Matrix([[Double](repeating: 1, count: n)]), inequalityRHS: [1],
            lowerBounds: [Double](repeating: 0, count: n))
        let solver = try InteriorPointQPSolver(program: program)
        var rng = SeededGenerator(seed: 5)
        for scale in [0.3, 3.0] {
            let y = rng.uniform(-1, 0.5, count: n).map { $0 * scale }
            let free = y.map { max(-$0 / (2 * mu), 0) }
            let expected = free.reduce(0, +) <= 1 ? free : projectOntoSimplex(y.map { -$0 / (2 * mu) })
            let solution = try solver.solve(linear: y)
            #expect(maxAbsDifference(solution.primal, expected) < 1e-10)
        }
    }

    @Test("Random QPs with a rank-deficient A: KKT residuals vanish and the dependent row is reported")
    func kktResiduals() throws {
        for seed in UInt64(1)...6 {
            let program = randomQP(seed: seed)
            let solver = try InteriorPointQPSolver(program: program)
            #expect(solver.droppedEqualityRows.count == 1)
            let solution = try solver.solve()
            #expect(solution.optimalityError < 1e-10, "seed \(seed): \(solution.optimalityError)")
            #expect(solution.inequalityDuals.allSatisfy { $0 >= 0 })
            #expect(solution.iterations < 40)
        }
    }

    @Test("The backward pass matches central finite differences for q, b and h")
    func backwardMatchesFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 99)
        for seed in UInt64(1)...5 {
            let program = randomQP(seed: seed)
            let solver = try InteriorPointQPSolver(program: program)
            let solution = try solver.solve()
            let g = rng.normal(count: program.variableCount)
            let gradient = try solution.vectorJacobianProduct(g)
            // q
            let dq = rng.normal(count: program.variableCount)
            let fdQ = try directionalDerivative(
                { q in dot(g, try solver.solve(linear: q).primal) }, at: program.linear, along: dq)
            #expect(
                abs(fdQ - dot(gradient.linear, dq)) < 1e-6 * max(1, abs(fdQ)),
                "seed \(seed): \(fdQ) vs \(dot(gradient.linear, dq))")
            // h
            let dh = rng.normal(count: program.inequalityRHS.count)
            let fdH = try directionalDerivative(
                { h in
                    var p = program
                    p.inequalityRHS = h
                    return dot(
                        g,
                        try InteriorPointQPSolver(program: p, configuration: .init(checkFeasibility: false)).solve()
                            .primal)
                }, at: program.inequalityRHS, along: dh)
            #expect(abs(fdH - dot(gradient.inequalityRHS, dh)) < 1e-6 * max(1, abs(fdH)))
            // b, along a direction that keeps the dependent third row consistent
            let e1 = rng.normal(), e2 = rng.normal()
            let db = [e1, e2, e1 + e2]
            let fdB = try directionalDerivative(
                { b in
                    var p = program
                    p.equalityRHS = b
                    return dot(
                        g,
                        try InteriorPointQPSolver(program: p, configuration: .init(checkFeasibility: false)).solve()
                            .primal)
                }, at: program.equalityRHS, along: db)
            #expect(abs(fdB - dot(gradient.equalityRHS, db)) < 1e-6 * max(1, abs(fdB)))
        }
    }

    @Test("An infeasible relaxation is a typed error, not a wrong answer")
    func infeasible() throws {
        // x1 + x2 = 3 with 0 ≤ x ≤ 1.
        let program = DenseQuadraticProgram(
            hessian: Matrix.identity(2), linear: [0, 0], equalityMatrix: Matrix([[1, 1]]), equalityRHS: [3],
            lowerBounds: [0, 0], upperBounds: [1, 1])
        #expect {
            _ = try InteriorPointQPSolver(program: program)
        } throws: { ($0 as? QuadraticProgramError)?.reason == .infeasible }
        // Inconsistent duplicate rows.
        let duplicate = DenseQuadraticProgram(
            hessian: Matrix.identity(2), linear: [0, 0], equalityMatrix: Matrix([[1, 1], [2, 2]]),
            equalityRHS: [1, 3])
        #expect {
            _ = try InteriorPointQPSolver(program: duplicate)
        } throws: { ($0 as? QuadraticProgramError)?.reason == .infeasible }
        // Inequalities that contradict each other: x ≤ 0.2, −x ≤ −0.5.
        let crossed = DenseQuadraticProgram(
            hessian: Matrix.identity(1), linear: [0], inequalityMatrix: Matrix([[1], [-1]]), inequalityRHS: [0.2, -0.5])
        #expect {
            _ = try InteriorPointQPSolver(program: crossed)
        } throws: { ($0 as? QuadraticProgramError)?.reason == .infeasible }
    }

    @Test("Hitting the iteration limit throws notConverged with the residuals")
    func iterationLimit() throws {
        let solver = try InteriorPointQPSolver(program: randomQP(seed: 3), configuration: .init(maxIterations: 2))
        #expect {
            _ = try solver.solve()
        } throws: { error in
            guard let e = error as? QuadraticProgramError else { return false }
            return e.reason == .notConverged && e.message.contains("residuals")
        }
    }

    @Test("Bad linear terms are rejected with their position")
    func badInput() throws {
        let solver = try InteriorPointQPSolver(program: randomQP(seed: 4))
        #expect(throws: QuadraticProgramError.self) { _ = try solver.solve(linear: [1, 2]) }
        var q = [Double](repeating: 0, count: 8)
        q[5] = .nan
        #expect { _ = try solver.solve(linear: q) } throws: {
            ($0 as? QuadraticProgramError)?.message.contains("entry 5") == true
        }
    }

    @Test("Equality-only and fixed-variable programs")
    func specialStructure() throws {
        // min ½‖x‖² s.t. x1 + x2 + x3 = 3, x3 fixed at 2 → x = (0.5, 0.5, 2).
        let program = DenseQuadraticProgram(
            hessian: Matrix.identity(3), linear: [0, 0, 0], equalityMatrix: Matrix([[1, 1, 1]]), equalityRHS: [3],
            lowerBounds: [-.infinity, -.infinity, 2], upperBounds: [.infinity, .infinity, 2])
        let solution = try InteriorPointQPSolver(program: program).solve()
        #expect(maxAbsDifference(solution.primal, [0.5, 0.5, 2]) < 1e-12)
        let gradient = try solution.vectorJacobianProduct([1, 0, 0])
        // x1 = (3 − 2 − q1 + q2)/2 ... with q: x1 = 0.5 − (q1 − q2)/2 ⇒ ∂x1/∂q = (−½, ½, 0).
        #expect(maxAbsDifference(gradient.linear, [-0.5, 0.5, 0]) < 1e-12)
        #expect(abs(gradient.equalityRHS[0] - 0.5) < 1e-12)
    }
}
