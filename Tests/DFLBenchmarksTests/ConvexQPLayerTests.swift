import DFLBenchmarks
import DFLLayers
import DFLLinearAlgebra
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

@Suite struct ConvexQPLayerTests {
    let projection = NewsvendorProjection(
        mu: 1, lower: [Double](repeating: 0, count: 5), upper: [Double](repeating: 10, count: 5), totalMin: 15,
        totalMax: 25)

    /// The KKT sensitivity of the general QP layer reproduces the newsvendor's closed-form Jacobian.
    @Test func kktSensitivityMatchesNewsvendorClosedForm() throws {
        let qp = try projection.asConvexQP()
        var rng = SeededGenerator(seed: 1)
        for trial in 0..<10 {
            // Alternate between the maximum total binding, the minimum binding and neither.
            let shift = [-7.0, -2.0, -4.0][trial % 3]
            let p = Tensor(shape: [1, 5], scalars: rng.uniform(shift - 2, shift + 2, count: 5))
            let x = try qp(Variable(p)).value.scalars
            let closed = projection.solve(p.scalars)
            #expect(isApproximatelyEqual(x, closed.x, tolerance: 1e-8), "trial \(trial)")
            let g = rng.normal(count: 5)
            let (_, pb) = valueWithPullback(at: [p]) { v in (try? qp(v[0])) ?? v[0] }
            let kkt = pb(Tensor(shape: [1, 5], scalars: g))[0].scalars
            #expect(
                isApproximatelyEqual(kkt, projection.vjp(g, p: p.scalars, solution: closed), tolerance: 1e-7),
                "trial \(trial)")
        }
    }

    @Test func gradientInTheRightHandSideMatchesFiniteDifferences() throws {
        let qp = try projection.asConvexQP()
        let p = Tensor(shape: [1, 5], scalars: [-7, -6.5, -8, -5, -7.5])
        let h = Tensor(shape: [1, 2], scalars: [25, -15])
        let w = Tensor(shape: [1, 5], scalars: [1, 2, 3, 4, 5])
        let r = checkGradients(
            of: { v in sum(((try? qp(v[0], inequalityRHS: v[1])) ?? v[0]) * w) }, at: [p, h], epsilon: 1e-6)
        #expect(r.passes(tolerance: 1e-6), "\(r)")
    }
}
