import DFLOptimizers
import DFLTensor
import Foundation
import Testing

func rosenbrock(_ p: Parameter) -> Variable {
    let v = Variable(parameter: p)
    let x = slice(v, axis: 0, 0..<1)
    let y = slice(v, axis: 0, 1..<2)
    return sum(square(1 - x) + 100 * square(y - square(x)))
}

@Suite struct OptimizerTests {
    @Test func adamConvergesOnRosenbrock() {
        let p = Parameter(name: "xy", value: Tensor([-1.2, 1]))
        var opt = Optimizer(.adam(), learningRate: 0.02)
        for _ in 0..<6000 {
            rosenbrock(p).backward()
            opt.step([p])
        }
        #expect(abs(p.value.scalars[0] - 1) < 0.02 && abs(p.value.scalars[1] - 1) < 0.04, "\(p.value)")
    }

    @Test func sgdAndAdamFixedStepValues() {
        // f = ½‖θ‖², gradient θ.
        let p = Parameter(name: "t", value: Tensor([2, -4]))
        var sgd = Optimizer(.sgd(momentum: 0.9), learningRate: 0.1)
        for _ in 0..<2 {
            sum(square(Variable(parameter: p)) * 0.5).backward()
            sgd.step([p])
        }
        // step 1: θ = 2 − 0.2 = 1.8; buf = 2. step 2: buf = 0.9·2 + 1.8 = 3.6; θ = 1.8 − 0.36 = 1.44
        #expect(abs(p.value.scalars[0] - 1.44) < 1e-12)
        let q = Parameter(name: "q", value: Tensor([3]))
        var adam = Optimizer(.adam(), learningRate: 0.1)
        sum(square(Variable(parameter: q)) * 0.5).backward()
        adam.step([q])
        // First Adam step moves by lr·sign(g) (up to ε).
        #expect(abs(q.value.scalars[0] - 2.9) < 1e-7)
    }

    @Test func adamWDecouplesWeightDecay() {
        let p = Parameter(name: "w", value: Tensor([1]))
        var opt = Optimizer(.adamW(weightDecay: 0.5), learningRate: 0.1)
        p.gradient = Tensor([0])
        opt.step([p])
        // Zero gradient: only the decoupled decay acts, θ ← θ(1 − lr·wd).
        #expect(abs(p.value.scalars[0] - 0.95) < 1e-12)
    }

    @Test func clippingBoundsTheGlobalNorm() {
        let a = Parameter(name: "a", value: Tensor([0, 0]))
        a.gradient = Tensor([30, 40])
        var opt = Optimizer(.sgd(), learningRate: 1, clipping: .globalNorm(5))
        opt.step([a])
        #expect(a.value.scalars == [-3, -4])
    }

    @Test func schedules() {
        #expect(LearningRateSchedule.step(every: 2, factor: 0.5).rate(base: 1, step: 5) == 0.25)
        #expect(abs(LearningRateSchedule.cosine(totalSteps: 10).rate(base: 1, step: 5) - 0.5) < 1e-12)
        #expect(LearningRateSchedule.warmup(steps: 4).rate(base: 1, step: 1) == 0.5)
        #expect(abs(LearningRateSchedule.exponential(rate: 0.9).rate(base: 1, step: 2) - 0.81) < 1e-12)
    }

    @Test func stateRoundTripResumesExactly() throws {
        let p = Parameter(name: "xy", value: Tensor([-1.2, 1]))
        var opt = Optimizer(.adam(), learningRate: 0.01)
        for _ in 0..<10 {
            rosenbrock(p).backward()
            opt.step([p])
        }
        let saved = try JSONEncoder().encode(opt.state)
        let savedValue = p.value
        for _ in 0..<10 {
            rosenbrock(p).backward()
            opt.step([p])
        }
        let straight = p.value
        p.value = savedValue
        var resumed = Optimizer(.adam(), learningRate: 0.01)
        resumed.state = try JSONDecoder().decode(OptimizerState.self, from: saved)
        for _ in 0..<10 {
            rosenbrock(p).backward()
            resumed.step([p])
        }
        #expect(p.value == straight)
    }
}
