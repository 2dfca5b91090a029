/// A hyper-parameter of an ``Optimizer`` that is out of range, naming it and its value.
public struct OptimizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The offending setting, e.g. `"adam.beta1"` or `"schedule.cosine.totalSteps"`.
    public var setting: String
    /// Its value.
    public var value: Double
    /// The rule it breaks, e.g. `"must be in [0, 1)"`.
    public var requirement: String

    /// A one-line description.
    public var description: String { "optimizer: \(setting) = \(value) \(requirement)" }
}

extension Optimizer {
    /// Checks every hyper-parameter (call it once after building an optimizer from user input;
    /// ``step(_:)`` itself does not validate).
    ///
    /// - Throws: ``OptimizerError`` for a negative or non-finite learning rate, a momentum or β
    ///   outside `[0, 1)`, a negative ε or weight decay, a non-positive clipping bound, or a schedule
    ///   with a non-positive period, factor or length.
    public func validate() throws {
        func require(_ ok: Bool, _ setting: String, _ value: Double, _ requirement: String) throws {
            if !ok { throw OptimizerError(setting: setting, value: value, requirement: requirement) }
        }
        try require(learningRate.isFinite && learningRate >= 0, "learningRate", learningRate, "must be finite and ≥ 0")
        switch kind {
        case .sgd(let momentum, _, let weightDecay):
            try require(momentum >= 0 && momentum < 1, "sgd.momentum", momentum, "must be in [0, 1)")
            try require(
                weightDecay.isFinite && weightDecay >= 0, "sgd.weightDecay", weightDecay, "must be finite and ≥ 0")
        case .adam(let beta1, let beta2, let epsilon, let weightDecay),
            .adamW(let beta1, let beta2, let epsilon, let weightDecay):
            try require(beta1 >= 0 && beta1 < 1, "adam.beta1", beta1, "must be in [0, 1)")
            try require(beta2 >= 0 && beta2 < 1, "adam.beta2", beta2, "must be in [0, 1)")
            try require(epsilon.isFinite && epsilon >= 0, "adam.epsilon", epsilon, "must be finite and ≥ 0")
            try require(
                weightDecay.isFinite && weightDecay >= 0, "adam.weightDecay", weightDecay, "must be finite and ≥ 0")
        }
        switch schedule {
        case .constant:
            break
        case .step(let every, let factor):
            try require(every > 0, "schedule.step.every", Double(every), "must be > 0")
            try require(factor.isFinite && factor > 0, "schedule.step.factor", factor, "must be finite and > 0")
        case .exponential(let rate):
            try require(rate.isFinite && rate > 0, "schedule.exponential.rate", rate, "must be finite and > 0")
        case .cosine(let totalSteps, let minimum):
            try require(totalSteps > 0, "schedule.cosine.totalSteps", Double(totalSteps), "must be > 0")
            try require(minimum.isFinite && minimum >= 0, "schedule.cosine.minimum", minimum, "must be finite and ≥ 0")
        case .warmup(let steps):
            try require(steps > 0, "schedule.warmup.steps", Double(steps), "must be > 0")
        }
        switch clipping {
        case .globalNorm(let bound)?:
            try require(bound.isFinite && bound > 0, "clipping.globalNorm", bound, "must be finite and > 0")
        case .value(let bound)?:
            try require(bound.isFinite && bound > 0, "clipping.value", bound, "must be finite and > 0")
        case nil:
            break
        }
    }
}
