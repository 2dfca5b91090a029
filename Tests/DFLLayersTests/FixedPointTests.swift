import DFLLayers
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

/// Φ(z) = tanh(A z + θ) with ‖A‖ small enough to contract.
struct ContractiveMap {
    let a: Tensor
    init(size: Int, seed: UInt64, scale: Double = 0.35) {
        var rng = SeededGenerator(seed: seed)
        a = Tensor(
            shape: [size, size], scalars: rng.normal(count: size * size).map { $0 * scale / Double(size).squareRoot() })
    }
    func callAsFunction(_ z: Variable, _ theta: Variable) -> Variable {
        tanh(transpose(matmul(Variable(a), transpose(z))) + theta)
    }
}

func lossWeights(_ n: Int) -> Tensor { Tensor(shape: [1, n], scalars: (0..<n).map { 1 + 0.3 * Double($0) }) }

@Suite struct FixedPointTests {
    @Test func implicitGradientMatchesFiniteDifferences() throws {
        let phi = ContractiveMap(size: 5, seed: 1)
        var rng = SeededGenerator(seed: 2)
        let theta0 = randomTensor([1, 5], rng: &rng)
        var config = FixedPointConfiguration()
        config.tolerance = 1e-13
        func loss(_ theta: Variable) throws -> Variable {
            let z = try fixedPoint({ phi($0, theta) }, start: Tensor.zeros([1, 5]), configuration: config)
            return sum(z * lossWeights(5))
        }
        let p = Parameter(name: "theta", value: theta0)
        try loss(Variable(parameter: p)).backward()
        let grad = try #require(p.gradient).scalars
        let eps = 1e-6
        for j in 0..<5 {
            var plus = theta0, minus = theta0
            plus.scalars[j] += eps
            minus.scalars[j] -= eps
            let fd = (try loss(Variable(plus)).value.scalar - loss(Variable(minus)).value.scalar) / (2 * eps)
            #expect(abs(fd - grad[j]) < 1e-7, "θ[\(j)]: fd \(fd) vs implicit \(grad[j])")
        }
    }

    @Test func unrolledGradientConvergesToImplicit() throws {
        let phi = ContractiveMap(size: 4, seed: 3, scale: 0.6)
        let theta0 = Tensor(shape: [1, 4], scalars: [0.3, -0.2, 0.5, 0.1])
        func gradient(_ g: FixedPointGradient) throws -> [Double] {
            var config = FixedPointConfiguration()
            config.gradient = g
            config.tolerance = 1e-13
            let p = Parameter(name: "theta", value: theta0)
            let z = try fixedPoint(
                { phi($0, Variable(parameter: p)) }, start: Tensor.zeros([1, 4]), configuration: config)
            sum(z * lossWeights(4)).backward()
            return p.gradient!.scalars
        }
        let implicit = try gradient(.implicit())
        let errors = try [1, 2, 4, 8, 16, 32].map { k in
            zip(try gradient(.unrolled(steps: k)), implicit).map { abs($0 - $1) }.max()!
        }
        for (a, b) in zip(errors, errors.dropFirst()) { #expect(b <= a + 1e-12, "errors \(errors)") }
        #expect(errors.last! < 1e-6, "errors \(errors)")
        // Matrix-free (Neumann) and dense LU backward agree.
        let neumann = try gradient(.implicit(denseLimit: 0, tolerance: 1e-14, maxIterations: 2000))
        #expect(isApproximatelyEqual(neumann, implicit, tolerance: 1e-9))
    }

    @Test func unconvergedNeumannSeriesFallsBackToTheTruncatedSeries() throws {
        let phi = ContractiveMap(size: 4, seed: 3, scale: 0.6)
        let theta0 = Tensor(shape: [1, 4], scalars: [0.3, -0.2, 0.5, 0.1])
        func gradient(_ g: FixedPointGradient, truncation: Int = 10, statistics: FixedPointStatistics? = nil) throws
            -> [Double]
        {
            var config = FixedPointConfiguration()
            config.gradient = g
            config.tolerance = 1e-13
            config.fallbackTruncation = truncation
            let p = Parameter(name: "theta", value: theta0)
            let z = try fixedPoint(
                { phi($0, Variable(parameter: p)) }, start: Tensor.zeros([1, 4]), configuration: config,
                statistics: statistics)
            sum(z * lossWeights(4)).backward()
            return p.gradient!.scalars
        }
        // Three Neumann steps at a tolerance they cannot reach: the first two terms are used.
        let statistics = FixedPointStatistics()
        let truncated = try gradient(
            .implicit(denseLimit: 0, tolerance: 1e-300, maxIterations: 3), truncation: 2, statistics: statistics)
        #expect(statistics.backwardFallbacks == 1)
        // The truncated series is finite and differs from the converged implicit gradient.
        let implicit = try gradient(.implicit(denseLimit: 0, tolerance: 1e-14, maxIterations: 2000))
        let finite = truncated.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(zip(truncated, implicit).map { abs($0 - $1) }.max()! > 1e-8)
        let statisticsConverged = FixedPointStatistics()
        _ = try gradient(
            .implicit(denseLimit: 0, tolerance: 1e-14, maxIterations: 2000), statistics: statisticsConverged)
        #expect(statisticsConverged.backwardFallbacks == 0)
    }

    @Test func nonContractiveMapIsAnError() {
        // Φ(z) = 3 − 2z has the fixed point 1 but |∂Φ/∂z| = 2.
        let one = Tensor(shape: [1, 1], scalars: [1])
        #expect(throws: FixedPointError.self) {
            try fixedPoint({ 3 - 2 * $0 }, start: one)
        }
        #expect(throws: FixedPointError.self) {
            try fixedPoint({ 3 - 2 * $0 }, start: Tensor(shape: [1, 1], scalars: [0]))
        }
    }

    @Test func andersonAccelerationReachesTheSameFixedPoint() throws {
        let phi = ContractiveMap(size: 6, seed: 4, scale: 0.8)
        let theta = Variable(Tensor(shape: [1, 6], scalars: [0.1, 0.2, 0.3, -0.1, 0, 0.4]))
        var plain = FixedPointConfiguration()
        plain.tolerance = 1e-12
        var anderson = plain
        anderson.andersonMemory = 4
        let a = try iterateToFixedPoint(
            { phi(Variable($0), theta).value }, start: Tensor.zeros([1, 6]), configuration: plain)
        let b = try iterateToFixedPoint(
            { phi(Variable($0), theta).value }, start: Tensor.zeros([1, 6]), configuration: anderson)
        #expect(isApproximatelyEqual(a, b, tolerance: 1e-9))
    }
}
