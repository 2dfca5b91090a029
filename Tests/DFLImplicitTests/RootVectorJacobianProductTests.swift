import DFLImplicit
import DFLLinearAlgebra
import DFLRandom
import Foundation
import Testing

/// The piece alone on a linear system `F(x, θ) = M x − θ = 0`, whose solution `x* = M⁻¹θ` has the
/// closed-form VJP `∂L/∂θ = M⁻ᵀ ḡ`.
@Suite struct LinearSystemRootTests {
    func root(_ m: Matrix) -> ImplicitRoot<[Double]> {
        ImplicitRoot(
            size: m.rows,
            solutionTransposedJacobian: { m.matvec($0, transpose: true) },
            parameterTransposedJacobian: { $0.map { -$0 } })
    }

    @Test(arguments: 0..<allSolvers.count)
    func symmetricSystemMatchesTheInverseForEverySolver(_ index: Int) throws {
        let (name, solver) = allSolvers[index]
        let m = contractiveSPD(6, seed: 11)
        var rng = SeededGenerator(seed: 3)
        let g = rng.normal(count: 6)
        // Independent oracle: the explicit inverse (LAPACK getri through solve on I).
        let oracle = try transpose(m.inverse()).matvec(g)
        let vjp = try root(m).vectorJacobianProduct(g, solver: solver)
        #expect(maxAbsDifference(vjp, oracle) < 1e-10, "\(name)")
    }

    @Test(arguments: 0..<generalSolvers.count)
    func nonSymmetricSystemMatchesTheInverse(_ index: Int) throws {
        let (name, solver) = generalSolvers[index]
        let m = contractiveGeneral(7, seed: 5)
        var rng = SeededGenerator(seed: 4)
        let g = rng.normal(count: 7)
        let oracle = try transpose(m.inverse()).matvec(g)
        let vjp = try root(m).vectorJacobianProduct(g, solver: solver)
        #expect(maxAbsDifference(vjp, oracle) < 1e-10, "\(name)")
    }

    @Test func closedFormTwoByTwo() throws {
        // M = [[3/2, 1/2], [0, 1/2]]: M⁻ᵀ = [[2/3, 0], [−2/3, 2]], so M⁻ᵀ (1, 1) = (2/3, 4/3);
        // ρ(I − Mᵀ) = 1/2, so the Neumann series applies too.
        let m = Matrix([[1.5, 0.5], [0, 0.5]])
        for (name, solver) in generalSolvers {
            let vjp = try root(m).vectorJacobianProduct([1, 1], solver: solver)
            #expect(maxAbsDifference(vjp, [2.0 / 3, 4.0 / 3]) < 1e-12, "\(name)")
        }
    }

    @Test func prefactoredSolverReusesTheFactorization() throws {
        let m = contractiveGeneral(5, seed: 8)
        let op = root(m).adjointOperator
        let factored = try DenseLinearSolver(.lu).factorize(op)
        for seed in 0..<3 as Range<UInt64> {
            var rng = SeededGenerator(seed: seed)
            let g = rng.normal(count: 5)
            let a = try root(m).vectorJacobianProduct(g, solver: factored)
            let b = try root(m).vectorJacobianProduct(g, solver: DenseLinearSolver(.lu))
            #expect(a == b)
        }
    }

    @Test func fixedPointAsRootAgreesWithTheFixedPointForm() throws {
        // T(x, θ) = K x + θ: x* = (I − K)⁻¹θ, ∂L/∂θ = (I − K)⁻ᵀ ḡ.
        let i = Matrix.identity(6)
        let k = i - contractiveGeneral(6, seed: 2)
        let fp = ImplicitFixedPoint(
            size: 6, mapTransposedJacobian: { k.matvec($0, transpose: true) }, parameterTransposedJacobian: { $0 })
        var rng = SeededGenerator(seed: 9)
        let g = rng.normal(count: 6)
        let oracle = try transpose((i - k).inverse()).matvec(g)
        for (name, solver) in generalSolvers {
            #expect(maxAbsDifference(try fp.vectorJacobianProduct(g, solver: solver), oracle) < 1e-10, "\(name)")
        }
        // The root form's operator is Jᵀ − I: Richardson iteration on it (I − A = 2I − Jᵀ) diverges,
        // which is why the fixed-point form iterates on Jᵀ directly; LU and GMRES solve either form.
        for (name, solver) in generalSolvers where name != "Neumann" {
            #expect(
                maxAbsDifference(try fp.root.vectorJacobianProduct(g, solver: solver), oracle) < 1e-10, "\(name) root")
        }
        #expect(throws: ImplicitDifferentiationError.self) {
            try fp.root.vectorJacobianProduct(g, solver: NeumannSeries(tolerance: 1e-14, maxIterations: 2000))
        }
        // The materialized operator is I − Kᵀ.
        let dense = try fp.adjointOperator.materialize()
        #expect(maxAbsDifference(dense.elements, (i - transpose(k)).elements) < 1e-15)
    }
}

/// The scalar fixed point `x = T(x, θ) = θ cos x`: `dx*/dθ = cos x* / (1 + θ sin x*)`.
@Suite struct ScalarFixedPointTests {
    static func solve(_ theta: Double) -> Double {
        var x = 0.0
        for _ in 0..<10_000 {
            let next = theta * cos(x)
            if abs(next - x) < 1e-16 { return next }
            x = next
        }
        return x
    }

    func map(_ theta: Double) -> ImplicitFixedPoint<Double> {
        let x = Self.solve(theta)
        return ImplicitFixedPoint(
            size: 1, mapTransposedJacobian: { [-theta * sin(x) * $0[0]] },
            parameterTransposedJacobian: { cos(x) * $0[0] })
    }

    @Test(arguments: 0..<allSolvers.count)
    func derivativeMatchesClosedFormAndFiniteDifferences(_ index: Int) throws {
        let (name, solver) = allSolvers[index]
        let theta = 0.7
        let x = Self.solve(theta)
        let closed = cos(x) / (1 + theta * sin(x))
        let vjp = try map(theta).vectorJacobianProduct([1], solver: solver)
        #expect(abs(vjp - closed) < 1e-12, "\(name)")
        // Central differences: truncation ≈ h²|x'''|/6 ≲ 1e-10, rounding ≈ 1e-16/h = 1e-11 → tolerance 3e-9 (passes by ≥ 3).
        let h = 1e-5
        let fd = (Self.solve(theta + h) - Self.solve(theta - h)) / (2 * h)
        #expect(abs(vjp - fd) < 3e-9, "\(name)")
    }

    @Test func jacobianFreeIsTheFirstNeumannTerm() throws {
        let theta = 0.7
        let x = Self.solve(theta)
        // JFB: (I − Jᵀ)⁻¹ ≈ I, so the VJP is ∂T/∂θ = cos x*.
        #expect(try map(theta).vectorJacobianProduct([1], solver: JacobianFreeApproximation()) == cos(x))
        // …which equals a one-term Neumann partial sum.
        let run = try NeumannSeries(tolerance: 1e-14, maxIterations: 0).iterate(map(theta).adjointOperator, [1])
        #expect(run.solution == [1] && !run.converged)
    }
}
