import DFLLayers
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

@Suite struct GraphFreeForwardTests {
    @Test func withoutGradientsRecordsNoNodesAndRestoresRecording() throws {
        let p = Parameter(name: "w", value: Tensor(shape: [1, 3], scalars: [1, 2, 3]))
        let x = Variable(parameter: p)
        #expect(GradientRecording.isEnabled)
        let inside = withoutGradients { () -> Variable in
            #expect(!GradientRecording.isEnabled)
            let nested = withoutGradients { tanh(x * 2) }
            #expect(!GradientRecording.isEnabled)
            #expect(!nested.requiresGradient)
            return sum(square(x) + 1)
        }
        #expect(GradientRecording.isEnabled)
        #expect(!inside.requiresGradient)
        #expect(inside.value.scalar == 17)  // same value as with recording: 1 + 4 + 9 + 3
        let outside = sum(square(x) + 1)
        #expect(outside.requiresGradient)
        outside.backward()
        #expect(try #require(p.gradient).scalars == [2, 4, 6])
    }

    @Test func graphFreeForwardGivesTheSameFixedPointAndGradient() throws {
        let phi = ContractiveMap(size: 5, seed: 7, scale: 0.7)
        let theta0 = Tensor(shape: [1, 5], scalars: [0.2, -0.4, 0.1, 0.3, -0.2])
        func run(graphFree: Bool) throws -> (z: [Double], grad: [Double]) {
            var config = FixedPointConfiguration()
            config.tolerance = 1e-12
            config.graphFreeForward = graphFree
            let p = Parameter(name: "theta", value: theta0)
            let z = try fixedPoint(
                { phi($0, Variable(parameter: p)) }, start: Tensor.zeros([1, 5]), configuration: config)
            sum(z * lossWeights(5)).backward()
            return (z.value.scalars, try #require(p.gradient).scalars)
        }
        let free = try run(graphFree: true), recorded = try run(graphFree: false)
        #expect(free.z == recorded.z)
        #expect(isApproximatelyEqual(free.grad, recorded.grad, tolerance: 1e-12))
    }

    /// The matrix-free backward on a 400-entry state: no dense Jacobian column is built, it needs far
    /// fewer vector–Jacobian products than the state size, and it agrees with the dense-LU backward.
    @Test func matrixFreeBackwardNeverFormsTheJacobian() throws {
        let n = 400
        let phi = ContractiveMap(size: n, seed: 9, scale: 0.4)
        var rng = SeededGenerator(seed: 10)
        let theta0 = Tensor(shape: [1, n], scalars: rng.normal(count: n))
        func gradient(_ g: FixedPointGradient, _ stats: FixedPointStatistics) throws -> [Double] {
            var config = FixedPointConfiguration()
            config.tolerance = 1e-12
            config.gradient = g
            config.contractionCheckIterations = 5
            let p = Parameter(name: "theta", value: theta0)
            let z = try fixedPoint(
                { phi($0, Variable(parameter: p)) }, start: Tensor.zeros([1, n]), configuration: config,
                statistics: stats)
            sum(z * lossWeights(n)).backward()
            return try #require(p.gradient).scalars
        }
        let free = FixedPointStatistics(), dense = FixedPointStatistics()
        let g = try gradient(.implicit(denseLimit: 0, tolerance: 1e-12, maxIterations: 500), free)
        let gDense = try gradient(.implicit(denseLimit: n), dense)
        #expect(free.denseJacobianColumns == 0)
        #expect(free.backwardPullbacks > 0 && free.backwardPullbacks < 60, "pullbacks \(free.backwardPullbacks)")
        #expect(free.contractionCheckPullbacks == 5)
        #expect(free.solves == 1 && free.forwardEvaluations > 2)
        #expect(dense.denseJacobianColumns == n)
        #expect(isApproximatelyEqual(g, gDense, tolerance: 1e-9))
    }
}
