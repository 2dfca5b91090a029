import DFLLayers
import DFLOptimization
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

@Suite("Davis–Yin layer")
struct DavisYinLayerTests {
    @Test("Converges to the QP layer's solution (flow with a redundant row, simplex, capped simplex)")
    func convergesToQP() throws {
        var capped = simplexProgram(6)
        capped.inequalityMatrix = capped.equalityMatrix
        capped.inequalityRHS = capped.equalityRHS
        capped.equalityMatrix = []
        capped.equalityRHS = []
        var rng = SeededGenerator(seed: 4)
        for (program, mu) in [
            (smallGridFlowProgram(), 1.0), (smallGridFlowProgram(), 0.2), (simplexProgram(8), 0.5), (capped, 0.5),
        ] {
            let configuration = DavisYinLayer.Configuration(smoothing: mu, maxIterations: 20000, tolerance: 1e-13)
            let dys = try DavisYinLayer(program: program, configuration: configuration)
            let qp = try QPSmoothingLayer(program: program, configuration: .init(smoothing: mu))
            for _ in 0..<3 {
                let y = rng.uniform(-1, 1, count: program.variableCount)
                let result = try dys.solve(y)
                #expect(result.converged)
                #expect(result.optimalityError < 1e-9)
                #expect(maxAbsDifference(result.decision, try qp.solve(y).decision) < 1e-8)
            }
        }
        #expect(try DavisYinLayer(program: smallGridFlowProgram()).droppedEqualityRows.count == 1)
    }

    @Test("Unrolled backward is the exact derivative of the unrolled map (finite differences)")
    func unrolledMatchesFiniteDifferences() throws {
        let program = smallGridFlowProgram()
        let configuration = DavisYinLayer.Configuration(
            smoothing: 0.5, maxIterations: 40, tolerance: nil, backward: .unrolled)
        let layer = try DavisYinLayer(program: program, configuration: configuration)
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<4 {
            let y = rng.uniform(0, 1, count: 12)
            let g = rng.normal(count: 12)
            let gradient = try layer.costGradient(of: try layer.solve(y), cotangent: g)
            let direction = rng.normal(count: 12)
            let fd = try directionalDerivative({ c in dot(g, try layer.solve(c).decision) }, at: y, along: direction)
            #expect(abs(fd - dot(gradient, direction)) < 1e-7 * max(1, abs(fd)), "\(fd) vs \(dot(gradient, direction))")
        }
    }

    @Test("Unrolled to convergence approaches the implicit (QP) gradient; Jacobian-free is a descent direction")
    func backwardModesVersusQP() throws {
        let grid = ShortestPathGrid(rows: 4, columns: 4)
        let mu = 1.0
        let qp = try QPSmoothingLayer(problem: grid, configuration: .init(smoothing: mu))
        let unrolled = try DavisYinLayer(
            problem: grid,
            configuration: .init(smoothing: mu, maxIterations: 3000, tolerance: 1e-13, backward: .unrolled))
        let jacobianFree = try DavisYinLayer(
            problem: grid,
            configuration: .init(smoothing: mu, maxIterations: 3000, tolerance: 1e-13, backward: .jacobianFree))
        var rng = SeededGenerator(seed: 21)
        for _ in 0..<4 {
            let y = rng.uniform(0, 1, count: grid.costDimension)
            let g = rng.uniform(-0.5, 0.5, count: grid.costDimension)
            let exact = try qp.solve(y).costGradient(g)
            let u = try unrolled.costGradient(of: try unrolled.solve(y), cotangent: g)
            #expect(maxAbsDifference(u, exact) < 1e-6 * max(1, exact.map(abs).max() ?? 0))
            let resultJF = try jacobianFree.solve(y)
            #expect(maxAbsDifference(resultJF.decision, try qp.solve(y).decision) < 1e-9)
            let jf = try jacobianFree.costGradient(of: resultJF, cotangent: g)
            let cosine = dot(jf, exact) / ((dot(jf, jf) * dot(exact, exact)).squareRoot() + 1e-300)
            #expect(cosine > 0.5, "cosine \(cosine)")
        }
    }

    @Test("Tensor op gradients (unrolled, fixed iterations) pass the gradient checker")
    func tensorGradients() throws {
        let layer = try DavisYinLayer(
            program: simplexProgram(6),
            configuration: .init(smoothing: 0.7, maxIterations: 30, tolerance: nil, backward: .unrolled))
        #expect(try Self.gradientCheck(layer, seed: 3))
    }

    /// The gradient checker on `sum(layer(costs) * weights)` for seeded `[2, 6]` costs and weights
    /// (central differences, step 1e-6, 4 directions, tolerance 1e-6).
    static func gradientCheck(_ layer: DavisYinLayer, seed: UInt64) throws -> Bool {
        var rng = SeededGenerator(seed: seed)
        let costs = Tensor(shape: [2, 6], scalars: rng.uniform(-1, 1, count: 12))
        let weights = Tensor(shape: [2, 6], scalars: rng.normal(count: 12))
        let result = checkGradients(
            of: { vars in
                do { return sum(try layer(vars[0]) * weights) } catch {
                    Issue.record(error)
                    return sum(vars[0])
                }
            }, at: [costs], epsilon: 1e-6, directions: 4)
        if !result.passes(tolerance: 1e-6) { Issue.record("\(result)") }
        return result.passes(tolerance: 1e-6)
    }

    @Test(
        "The authors' decaying step (α_k = α(1 − k/K)^{1/d}, then one step at α): unrolled gradients pass the checker")
    func decayingStepGradients() throws {
        let layer = try DavisYinLayer(
            program: simplexProgram(6),
            configuration: .init(
                smoothing: 0.7, stepSize: 0.5, maxIterations: 30, tolerance: nil, stepDecay: 10, backward: .unrolled))
        #expect(try Self.gradientCheck(layer, seed: 4))
        var rng = SeededGenerator(seed: 4)
        let y = rng.uniform(-1, 1, count: 6)
        // The schedule changes the map: 30 decayed steps + 1 at α end elsewhere than 30 constant ones.
        let constant = try DavisYinLayer(
            program: simplexProgram(6),
            configuration: .init(smoothing: 0.7, stepSize: 0.5, maxIterations: 30, tolerance: nil, backward: .unrolled))
        #expect(maxAbsDifference(try layer.solve(y).decision, try constant.solve(y).decision) > 1e-6)
        #expect {
            _ = try DavisYinLayer(program: simplexProgram(6), configuration: .init(tolerance: 1e-8, stepDecay: 10))
        } throws: { ($0 as? LayerError)?.reason == .invalidConfiguration }
    }

    @Test("Non-convergence is an error with the residual, or a flagged result when asked")
    func nonConvergence() throws {
        let y = [0.3, 0.1, 0.2, 0.5, 0.4, 0.6, 0.9, 0.8, 0.7, 0.2, 0.3, 0.1]
        let strict = try DavisYinLayer(
            program: smallGridFlowProgram(), configuration: .init(smoothing: 0.1, maxIterations: 5))
        #expect {
            _ = try strict.solve(y)
        } throws: { error in
            guard let e = error as? LayerError else { return false }
            return e.reason == .notConverged && e.message.contains("residual")
        }
        let lenient = try DavisYinLayer(
            program: smallGridFlowProgram(),
            configuration: .init(smoothing: 0.1, maxIterations: 5, onNonConvergence: .returnWithResidual))
        let result = try lenient.solve(y)
        #expect(!result.converged)
        #expect(result.fixedPointResidual > 1e-10)
        #expect(result.iterations == 5)
    }

    @Test("Bad settings and an infeasible relaxation are typed errors")
    func badInput() throws {
        for mu in [0.0, -0.5] {
            #expect {
                _ = try DavisYinLayer(program: simplexProgram(3), configuration: .init(smoothing: mu))
            } throws: { ($0 as? LayerError)?.reason == .invalidConfiguration }
        }
        #expect(throws: LayerError.self) {
            _ = try DavisYinLayer(program: simplexProgram(3), configuration: .init(stepSize: -1))
        }
        var infeasible = simplexProgram(3)
        infeasible.equalityRHS = [4]
        #expect {
            _ = try DavisYinLayer(program: infeasible)
        } throws: { ($0 as? LayerError)?.reason == .infeasible }
    }
}
