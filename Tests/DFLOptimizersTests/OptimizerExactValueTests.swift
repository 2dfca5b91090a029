import DFLOptimizers
import DFLTensor
import Foundation
import Testing

/// Applies `gradients` one after another to a single parameter starting at `start`.
private func run(_ optimizer: Optimizer, from start: [Double], gradients: [[Double]]) -> [Double] {
    var optimizer = optimizer
    let p = Parameter(name: "theta", value: Tensor(start))
    for g in gradients {
        p.gradient = Tensor(g)
        optimizer.step([p])
    }
    return p.value.scalars
}

private func expectClose(
    _ a: [Double], _ b: [Double], tolerance: Double = 1e-12, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.count == b.count, sourceLocation: sourceLocation)
    for (x, y) in zip(a, b) {
        #expect(abs(x - y) <= tolerance * max(1, abs(y)), "\(a) vs \(b)", sourceLocation: sourceLocation)
    }
}

@Suite("Optimizer updates against hand-computed values")
struct OptimizerExactValueTests {
    @Test func plainSGD() {
        expectClose(run(Optimizer(.sgd(), learningRate: 0.1), from: [1, 2], gradients: [[0.5, -1]]), [0.95, 2.1])
    }

    @Test func nesterovTwoSteps() {
        // PyTorch: b₁ = g, u₁ = g + 0.9 b₁ = 1.9 g; b₂ = 1.9 g, u₂ = g + 0.9 · 1.9 g = 2.71 g.
        let result = run(
            Optimizer(.sgd(momentum: 0.9, nesterov: true), learningRate: 0.1), from: [1], gradients: [[1], [1]])
        expectClose(result, [1 - 0.1 * (1.9 + 2.71)])
    }

    @Test func sgdL2WeightDecay() {
        // g + λθ = 0 + 0.5 · 2 = 1, so θ = 2 − 0.1.
        expectClose(run(Optimizer(.sgd(weightDecay: 0.5), learningRate: 0.1), from: [2], gradients: [[0]]), [1.9])
    }

    @Test func adamTwoSteps() {
        // Step 1: m̂ = g, v̂ = g² ⇒ u = g/(|g| + ε). Step 2 (g = −1): m̂ = 0.08/0.19,
        // v̂ = 0.004996/0.001999, u = m̂/(√v̂ + ε) = 0.26633703797568475 (computed independently).
        let adam = Optimizer(.adam(), learningRate: 0.1)
        expectClose(run(adam, from: [0], gradients: [[2]]), [-0.1 * 2 / (2 + 1e-8)])
        expectClose(
            run(adam, from: [0], gradients: [[2], [-1]]), [-0.1 * 0.999999995 - 0.1 * 0.26633703797568475],
            tolerance: 1e-10)
    }

    @Test func l2PenaltyGoesThroughAdamsNormalisationButAdamWDoesNot() {
        // Zero gradient, θ = 1, λ = 0.1, η = 0.1. Adam + L2: g = λθ is normalised to 1 ⇒ θ = 0.9.
        // AdamW: the moment direction is 0 and only η λ θ is removed ⇒ θ = 0.99.
        expectClose(
            run(Optimizer(.adam(weightDecay: 0.1), learningRate: 0.1), from: [1], gradients: [[0]]), [0.9],
            tolerance: 1e-7)
        expectClose(run(Optimizer(.adamW(weightDecay: 0.1), learningRate: 0.1), from: [1], gradients: [[0]]), [0.99])
    }

    @Test func clippingByValueAndAcrossParameters() {
        expectClose(
            run(Optimizer(.sgd(), learningRate: 1, clipping: .value(1)), from: [0, 0, 0], gradients: [[-3, 0.5, 7]]),
            [1, -0.5, -1])
        var optimizer = Optimizer(.sgd(), learningRate: 1, clipping: .globalNorm(1))
        let a = Parameter(name: "a", value: Tensor([0]))
        let b = Parameter(name: "b", value: Tensor([0]))
        a.gradient = Tensor([3])
        b.gradient = Tensor([4])
        optimizer.step([a, b])
        expectClose(a.value.scalars + b.value.scalars, [-0.6, -0.8])
    }

    @Test func stepClearsGradientsAndSkipsParametersWithout() {
        var optimizer = Optimizer(.adam(), learningRate: 0.1)
        let a = Parameter(name: "a", value: Tensor([1]))
        let b = Parameter(name: "b", value: Tensor([1]))
        a.gradient = Tensor([1])
        optimizer.step([a, b])
        #expect(a.gradient == nil)
        #expect(b.value.scalars == [1])
        #expect(optimizer.state.firstMoments["b"] == nil)
    }

    @Test func scheduleClosedForms() {
        let step = LearningRateSchedule.step(every: 10, factor: 0.5)
        #expect(
            step.rate(base: 1, step: 9) == 1 && step.rate(base: 1, step: 10) == 0.5
                && step.rate(base: 1, step: 25) == 0.25)
        let cosine = LearningRateSchedule.cosine(totalSteps: 100, minimum: 0.1)
        #expect(cosine.rate(base: 1, step: 0) == 1)
        #expect(abs(cosine.rate(base: 1, step: 50) - 0.55) < 1e-15)
        #expect(
            abs(cosine.rate(base: 1, step: 100) - 0.1) < 1e-15 && abs(cosine.rate(base: 1, step: 1000) - 0.1) < 1e-15)
        let warmup = LearningRateSchedule.warmup(steps: 4)
        #expect(
            warmup.rate(base: 2, step: 0) == 0.5 && warmup.rate(base: 2, step: 3) == 2
                && warmup.rate(base: 2, step: 99) == 2)
        // Closed form, also at a step count where a per-step loop would be slow.
        let exponential = LearningRateSchedule.exponential(rate: 0.999999)
        #expect(abs(exponential.rate(base: 1, step: 1_000_000) - exp(1_000_000 * log(0.999999))) < 1e-12)
    }

    @Test func schedulesDriveTheStepSize() {
        // Unit gradients with a staircase schedule move the parameter by 1, 1, 0.5, 0.5.
        let optimizer = Optimizer(.sgd(), learningRate: 1, schedule: .step(every: 2, factor: 0.5))
        expectClose(run(optimizer, from: [0], gradients: [[1], [1], [1], [1]]), [-3])
    }
}

@Suite("Optimizer convergence and exact resumption")
struct OptimizerResumeTests {
    /// Gradient of the ill-conditioned parabola `½ (θ₀ − 1)² + 5 (θ₁ − 1)²`.
    static func parabolaGradient(_ theta: [Double]) -> [Double] { [theta[0] - 1, 10 * (theta[1] - 1)] }

    static let configurations: [(String, Optimizer)] = [
        ("sgd", Optimizer(.sgd(), learningRate: 0.15)),
        ("momentum", Optimizer(.sgd(momentum: 0.9), learningRate: 0.05)),
        ("nesterov", Optimizer(.sgd(momentum: 0.9, nesterov: true), learningRate: 0.05)),
        ("adam-cosine", Optimizer(.adam(), learningRate: 0.1, schedule: .cosine(totalSteps: 400))),
        ("adamw", Optimizer(.adamW(weightDecay: 0), learningRate: 0.05)),
        ("clipped-sgd", Optimizer(.sgd(), learningRate: 0.1, clipping: .globalNorm(1))),
    ]

    @Test(arguments: configurations)
    func convergesOnAParabola(name: String, optimizer: Optimizer) {
        var optimizer = optimizer
        let theta = Parameter(name: "theta", value: Tensor([-2, 3]))
        for _ in 0..<400 {
            theta.gradient = Tensor(Self.parabolaGradient(theta.value.scalars))
            optimizer.step([theta])
        }
        #expect(theta.value.scalars.allSatisfy { abs($0 - 1) < 1e-3 }, "\(name) ended at \(theta.value.scalars)")
    }

    static let resumable: [Optimizer] = [
        Optimizer(
            .sgd(momentum: 0.8, nesterov: true, weightDecay: 1e-3), learningRate: 0.01,
            schedule: .step(every: 3, factor: 0.7)),
        Optimizer(.adam(weightDecay: 1e-3), learningRate: 0.05, schedule: .warmup(steps: 4), clipping: .value(2)),
        Optimizer(
            .adamW(weightDecay: 0.05), learningRate: 0.05, schedule: .cosine(totalSteps: 20, minimum: 0.005),
            clipping: .globalNorm(2)),
    ]

    /// Save after 7 steps and continue 8 more; a fresh optimizer restored from the saved JSON state
    /// and the saved parameter values must follow the identical trajectory, bit for bit.
    @Test(arguments: resumable)
    func savedStateResumesBitForBit(template: Optimizer) throws {
        func gradients(_ ps: [Parameter]) {
            ps[0].gradient = Tensor(Self.parabolaGradient(ps[0].value.scalars))
            ps[1].gradient = Tensor([3 * ps[1].value.scalars[0] - 1])
        }
        let params = [Parameter(name: "w", value: Tensor([-1.5, 2])), Parameter(name: "b", value: Tensor([0.3]))]
        var optimizer = template
        for _ in 0..<7 {
            gradients(params)
            optimizer.step(params)
        }
        let savedState = try JSONEncoder().encode(optimizer.state)
        let savedValues = params.map(\.value)
        var trajectory: [[Double]] = []
        for _ in 0..<8 {
            gradients(params)
            optimizer.step(params)
            trajectory.append(params.flatMap(\.value.scalars))
        }

        for (p, v) in zip(params, savedValues) { p.value = v }
        var resumed = template
        resumed.state = try JSONDecoder().decode(OptimizerState.self, from: savedState)
        #expect(resumed.state.step == 7)
        var resumedTrajectory: [[Double]] = []
        for _ in 0..<8 {
            gradients(params)
            resumed.step(params)
            resumedTrajectory.append(params.flatMap(\.value.scalars))
        }
        #expect(trajectory.allSatisfy { $0.allSatisfy(\.isFinite) })
        #expect(resumedTrajectory == trajectory)
        #expect(resumed.state == optimizer.state)
    }
}
