import DFLLayers
import DFLOptimization
import DFLRandom
import DFLTestSupport
import Testing

/// The DYS backward against the QP layer's exact KKT gradient on the same smoothed problem (the
/// independent oracle): Eq. 12 of the smoothing paper weights the Jacobian term by `1/(2μ)`, so the
/// Jacobian-free gradient must have the layer Jacobian's scale whatever the step size `α`.
@Suite("DYS gradient against the exact QP gradient")
struct DavisYinGradientScaleTests {
    func relativeError(_ a: [Double], _ exact: [Double]) -> Double {
        let diff = zip(a, exact).map { $0 - $1 }
        return (dot(diff, diff) / max(dot(exact, exact), 1e-300)).squareRoot()
    }

    func cosine(_ a: [Double], _ b: [Double]) -> Double {
        dot(a, b) / max((dot(a, a) * dot(b, b)).squareRoot(), 1e-300)
    }

    @Test("No active bound, no slacks: the Jacobian-free gradient is the exact one for every step size")
    func jacobianFreeIsExactOnTheInteriorOfTheAffineSet() throws {
        let program = simplexProgram(6)
        let mu = 5.0  // ω = 10: x* = P_{Σx=1}(−ŷ/ω) stays inside the box for ŷ ∈ [0, 0.5]
        let qp = try QPSmoothingLayer(program: program, configuration: .init(smoothing: mu))
        var rng = SeededGenerator(seed: 5)
        let y = rng.uniform(0, 0.5, count: 6)
        let g = rng.normal(count: 6)
        let exact = try qp.solve(y).costGradient(g)
        for fraction in [1.0, 0.2, 0.01] {
            let layer = try DavisYinLayer(
                program: program,
                configuration: .init(
                    smoothing: mu, stepSize: fraction / (2 * mu), maxIterations: 100_000, tolerance: 1e-14,
                    backward: .jacobianFree))
            let result = try layer.solve(y)
            #expect(result.decision.allSatisfy { $0 > 0.05 && $0 < 0.95 })
            let jfb = try layer.costGradient(of: result, cotangent: g)
            // Both sides are −(1/ω)·Π g up to the solvers' tolerances (1e-10 and 1e-14).
            #expect(maxAbsDifference(jfb, exact) < 1e-9, "α = \(fraction)/ω: \(jfb) vs \(exact)")
        }
    }

    @Test("Active bounds: unrolled converges to the exact gradient as K grows; JFB keeps its scale for every α")
    func activeBoundsUnrolledAndJacobianFree() throws {
        let grid = ShortestPathGrid(rows: 4, columns: 4)
        let mu = 1.0
        let qp = try QPSmoothingLayer(problem: grid, configuration: .init(smoothing: mu))
        var rng = SeededGenerator(seed: 21)
        let y = rng.uniform(0, 1, count: grid.costDimension)
        let g = rng.uniform(-0.5, 0.5, count: grid.costDimension)
        let exact = try qp.solve(y).costGradient(g)
        var errors: [Double] = []
        for steps in [10, 100, 3000] {
            let unrolled = try DavisYinLayer(
                problem: grid,
                configuration: .init(smoothing: mu, maxIterations: steps, tolerance: nil, backward: .unrolled))
            errors.append(relativeError(try unrolled.costGradient(of: try unrolled.solve(y), cotangent: g), exact))
        }
        #expect(errors[2] < 1e-6, "unrolled relative errors at K = 10, 100, 3000: \(errors)")
        #expect(errors[0] > errors[2], "unrolled relative errors at K = 10, 100, 3000: \(errors)")
        var norms: [Double] = []
        for fraction in [1.0, 0.1] {
            let layer = try DavisYinLayer(
                problem: grid,
                configuration: .init(
                    smoothing: mu, stepSize: fraction / (2 * mu), maxIterations: 200_000, tolerance: 1e-13,
                    backward: .jacobianFree))
            let jfb = try layer.costGradient(of: try layer.solve(y), cotangent: g)
            #expect(cosine(jfb, exact) > 0.5, "α = \(fraction)/ω: cosine \(cosine(jfb, exact))")
            norms.append((dot(jfb, jfb) / dot(exact, exact)).squareRoot())
        }
        // The same fixed point and mask give the same gradient: α no longer scales it (it did by 10×).
        #expect(abs(norms[0] - norms[1]) < 1e-6 * norms[0], "‖JFB‖/‖exact‖ at α = 1/ω, 0.1/ω: \(norms)")
        #expect(norms[0] > 1.0 / 3 && norms[0] < 3, "‖JFB‖/‖exact‖ = \(norms[0])")
    }
}
