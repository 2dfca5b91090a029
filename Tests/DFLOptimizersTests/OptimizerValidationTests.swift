import DFLOptimizers
import Testing

@Suite("Optimizer hyper-parameter validation")
struct OptimizerValidationTests {
    @Test func validConfigurationsPass() throws {
        try Optimizer(.adam(), learningRate: 1e-3).validate()
        try Optimizer(
            .sgd(momentum: 0.9, nesterov: true), learningRate: 0.1, schedule: .cosine(totalSteps: 10),
            clipping: .globalNorm(1)
        ).validate()
        try Optimizer(.adamW(), learningRate: 0, schedule: .warmup(steps: 3), clipping: .value(5)).validate()
    }

    static let invalid: [(Optimizer, String)] = [
        (Optimizer(.adam(), learningRate: -1), "learningRate"),
        (Optimizer(.adam(), learningRate: .nan), "learningRate"),
        (Optimizer(.adam(beta1: 1), learningRate: 0.1), "adam.beta1"),
        (Optimizer(.adamW(beta2: -0.1), learningRate: 0.1), "adam.beta2"),
        (Optimizer(.adam(epsilon: -1), learningRate: 0.1), "adam.epsilon"),
        (Optimizer(.sgd(momentum: 1.5), learningRate: 0.1), "sgd.momentum"),
        (Optimizer(.sgd(weightDecay: -0.1), learningRate: 0.1), "sgd.weightDecay"),
        (Optimizer(.sgd(), learningRate: 0.1, schedule: .step(every: 0, factor: 0.5)), "schedule.step.every"),
        (Optimizer(.sgd(), learningRate: 0.1, schedule: .exponential(rate: 0)), "schedule.exponential.rate"),
        (Optimizer(.sgd(), learningRate: 0.1, schedule: .cosine(totalSteps: 0)), "schedule.cosine.totalSteps"),
        (Optimizer(.sgd(), learningRate: 0.1, schedule: .warmup(steps: 0)), "schedule.warmup.steps"),
        (Optimizer(.sgd(), learningRate: 0.1, clipping: .globalNorm(0)), "clipping.globalNorm"),
        (Optimizer(.sgd(), learningRate: 0.1, clipping: .value(-2)), "clipping.value"),
    ]

    @Test(arguments: invalid)
    func invalidSettingIsNamed(optimizer: Optimizer, setting: String) {
        do {
            try optimizer.validate()
            Issue.record("\(setting) should have been rejected")
        } catch let error as OptimizerError {
            #expect(error.setting == setting)
            #expect(error.description.contains(setting))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
