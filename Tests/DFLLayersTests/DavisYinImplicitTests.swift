import DFLImplicit
import DFLLinearAlgebra
import DFLRandom
import DFLTestSupport
import Testing

@testable import DFLLayers

/// The Davis–Yin step as DFLImplicit's fixed-point map: its `Jᵀ` is one step of the unrolled
/// reverse sweep, so with one mask held over `K` steps the unrolled backward equals the parameter VJP
/// of the `K`-term Neumann partial sum, and with `K = 1` the Jacobian-free backward.
@Suite("DYS backward through DFLImplicit")
struct DavisYinImplicitTests {
    @Test("Unrolled sweep with a fixed mask = Neumann partial sums of ImplicitFixedPoint")
    func unrolledSweepIsATruncatedNeumannSeries() throws {
        let program = smallGridFlowProgram()
        let mu = 0.5
        let layer = try DavisYinLayer(program: program, configuration: .init(smoothing: mu))
        let n = layer.form.size
        #expect(n == program.variableCount)  // no slack columns: curvature ω = 2μ everywhere
        let backward = DavisYinBackward(
            form: layer.form, curvature: [Double](repeating: 2 * mu, count: n), alpha: layer.stepSize,
            quadraticWeight: 2 * mu)
        var rng = SeededGenerator(seed: 17)
        let mask = (0..<n).map { _ in rng.uniform() < 0.7 }
        let g = rng.normal(count: n)
        let fixedPoint = backward.fixedPoint(mask: mask)
        let start = zip(mask, g).map { $0 ? $1 : 0 }
        for steps in [1, 2, 5] {
            let result = DavisYinResult(
                decision: [Double](repeating: 0, count: n), iterations: steps, converged: true, fixedPointResidual: 0,
                equalityViolation: 0, masks: [[Bool]](repeating: mask, count: steps).flatMap { $0 },
                recordedSteps: steps,
                sign: 1)
            let unrolled = backward.costGradient(result, cotangent: g, costDimension: n)
            let partial = try NeumannSeries(tolerance: 0, maxIterations: steps - 2 < 0 ? 0 : steps - 2)
                .iterate(fixedPoint.adjointOperator, start).solution
            let viaPiece = try fixedPoint.parameterTransposedJacobian(steps == 1 ? start : partial)
            #expect(maxAbsDifference(unrolled, viaPiece) < 1e-12, "steps \(steps)")
        }
        // The Jacobian-free backward (one recorded step) is the fixed-point VJP with (I − Jᵀ)⁻¹ ≈ I.
        let jfb = try fixedPoint.vectorJacobianProduct(start, solver: JacobianFreeApproximation())
        let one = DavisYinResult(
            decision: [Double](repeating: 0, count: n), iterations: 1, converged: true, fixedPointResidual: 0,
            equalityViolation: 0, masks: mask, recordedSteps: 1, sign: 1)
        #expect(backward.costGradient(one, cotangent: g, costDimension: n) == jfb)
    }
}
