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

    @Test(arguments: [1, 2, 5])
    func fallbackSeriesHasKTerms(steps: Int) throws {
        // The fallback must be the gradient of K unrolled steps at z*: Σ_{i<K} (Jᵀ)^i ∂Φᵀ, i.e. K terms.
        let phi = ContractiveMap(size: 4, seed: 3, scale: 0.6)
        let theta0 = Tensor(shape: [1, 4], scalars: [0.3, -0.2, 0.5, 0.1])
        var config = FixedPointConfiguration()
        config.tolerance = 1e-14
        let zStar = try iterateToFixedPoint(
            { phi(Variable($0), Variable(theta0)).value }, start: Tensor.zeros([1, 4]), configuration: config)
        func gradient(_ g: FixedPointGradient, start: Tensor) throws -> [Double] {
            var c = config
            c.gradient = g
            c.fallbackTruncation = steps
            let p = Parameter(name: "theta", value: theta0)
            let z = try fixedPoint({ phi($0, Variable(parameter: p)) }, start: start, configuration: c)
            sum(z * lossWeights(4)).backward()
            return p.gradient!.scalars
        }
        // A Neumann run that cannot converge (tolerance 1e-300) falls back to its first K terms.
        let fallback = try gradient(.implicit(denseLimit: 0, tolerance: 1e-300, maxIterations: 20), start: zStar)
        let unrolled = try gradient(.unrolled(steps: steps), start: zStar)
        let withOneMore = try gradient(.unrolled(steps: steps + 1), start: zStar)
        #expect(isApproximatelyEqual(fallback, unrolled, tolerance: 1e-12), "\(fallback) vs \(unrolled)")
        // …and not K + 1 terms (the two differ by far more than the tolerance above).
        #expect(zip(fallback, withOneMore).map { abs($0 - $1) }.max()! > 1e-4)
    }

    @Test func relativeToleranceScalesWithTheIterate() throws {
        // z ← z/2 + 1 from 0: 1, 1.5, 1.75, 1.875 … with steps 1, 0.5, 0.25, 0.125.
        let phi: (Tensor) -> Tensor = { (1 + 0.5 * Variable($0)).value }
        var c = FixedPointConfiguration()
        c.tolerance = 0.2
        // Absolute: the first step ≤ 0.2 is 0.125, at 1.875.
        #expect(try iterateToFixedPoint(phi, start: Tensor.zeros([1, 1]), configuration: c).scalars == [1.875])
        // Relative: 0.25 ≤ 0.2 · 1.75 = 0.35 already, at 1.75.
        c.relativeTolerance = true
        #expect(try iterateToFixedPoint(phi, start: Tensor.zeros([1, 1]), configuration: c).scalars == [1.75])
    }

    @Test func failedBackwardEstimatesTheSpectralRadius() throws {
        // Φ(z) = 0.9 z + θ: J = 0.9; a backward that cannot converge records ρ ≈ 0.9 even unchecked.
        var c = FixedPointConfiguration()
        c.gradient = .implicit(denseLimit: 0, tolerance: 1e-300, maxIterations: 5)
        c.checkContraction = false
        let statistics = FixedPointStatistics()
        let p = Parameter(name: "theta", value: Tensor(shape: [1, 1], scalars: [1]))
        let z = try fixedPoint(
            { 0.9 * $0 + Variable(parameter: p) }, start: Tensor.zeros([1, 1]), configuration: c,
            statistics: statistics)
        #expect(statistics.lastSpectralRadius == nil)
        z.backward()
        #expect(statistics.backwardFallbacks == 1)
        #expect(abs(statistics.lastSpectralRadius! - 0.9) < 1e-12)
        #expect(statistics.contractionCheckPullbacks == c.contractionCheckIterations)
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
