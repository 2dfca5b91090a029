import DFLTensor
import Foundation

/// Which update rule an ``Optimizer`` applies.
public enum OptimizerKind: Codable, Sendable, Equatable {
    /// Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay.
    case sgd(momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0)
    /// Adam (Kingma & Ba 2015); `weightDecay` is L2 added to the gradient, as PyTorch's `Adam`.
    case adam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0)
    /// AdamW (Loshchilov & Hutter 2019): decoupled weight decay `θ ← θ − lr·wd·θ`.
    case adamW(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0.01)
}

/// Learning-rate schedules, as a function of the 0-based step count.
public enum LearningRateSchedule: Codable, Sendable, Equatable {
    /// Always the base rate.
    case constant
    /// Multiply by `factor` every `every` steps.
    case step(every: Int, factor: Double)
    /// Multiply by `rate^step`.
    case exponential(rate: Double)
    /// Cosine decay from the base rate to `minimum` over `totalSteps`.
    case cosine(totalSteps: Int, minimum: Double = 0)
    /// Linear warm-up over `steps`, then constant.
    case warmup(steps: Int)

    /// The rate at `step` for base rate `base`.
    public func rate(base: Double, step: Int) -> Double {
        switch self {
        case .constant: return base
        case .step(let every, let factor):
            // Closed forms (O(1) per step; a loop here made long runs quadratic).
            return base * pow(factor, Double(max(step, 0) / max(every, 1)))
        case .exponential(let rate):
            return base * pow(rate, Double(max(step, 0)))
        case .cosine(let total, let minimum):
            let t = min(Double(step) / Double(max(total, 1)), 1)
            return minimum + (base - minimum) * 0.5 * (1 + cosPi(t))
        case .warmup(let steps):
            return step < steps ? base * Double(step + 1) / Double(steps) : base
        }
    }
}

func cosPi(_ t: Double) -> Double { Foundation.cos(Double.pi * t) }

/// Per-parameter moment buffers and the step count: everything needed to resume exactly.
public struct OptimizerState: Codable, Sendable, Equatable {
    /// Number of updates applied so far.
    public var step: Int = 0
    /// First moments (Adam) or momentum buffers (SGD), by parameter name.
    public var firstMoments: [String: [Double]] = [:]
    /// Second moments (Adam), by parameter name.
    public var secondMoments: [String: [Double]] = [:]
}

/// Gradient clipping applied before the update.
public enum GradientClipping: Codable, Sendable, Equatable {
    /// Scale all gradients so their joint Euclidean norm is at most `maxNorm`.
    case globalNorm(Double)
    /// Clamp every gradient element into `[-limit, limit]`.
    case value(Double)
}

/// Updates a list of ``Parameter``s in place from their accumulated gradients.
///
/// The state is `Codable`, so saving `state` with the parameters and restoring both resumes a run
/// on exactly the same trajectory.
public struct Optimizer: Sendable {
    /// The update rule.
    public var kind: OptimizerKind
    /// Base learning rate.
    public var learningRate: Double
    /// Schedule applied to the base rate.
    public var schedule: LearningRateSchedule
    /// Optional clipping.
    public var clipping: GradientClipping?
    /// Moments and step count.
    public var state = OptimizerState()

    /// Creates an optimizer.
    public init(
        _ kind: OptimizerKind, learningRate: Double, schedule: LearningRateSchedule = .constant,
        clipping: GradientClipping? = nil
    ) {
        self.kind = kind
        self.learningRate = learningRate
        self.schedule = schedule
        self.clipping = clipping
    }

    /// Adam with PyTorch's defaults.
    public static func adam(learningRate: Double = 1e-3) -> Optimizer { Optimizer(.adam(), learningRate: learningRate) }
    /// Plain SGD.
    public static func sgd(learningRate: Double, momentum: Double = 0) -> Optimizer {
        Optimizer(.sgd(momentum: momentum), learningRate: learningRate)
    }

    /// The joint Euclidean norm of the parameters' gradients.
    public static func globalGradientNorm(_ parameters: [Parameter]) -> Double {
        parameters.compactMap(\.gradient).map { $0.dot($0) }.reduce(0, +).squareRoot()
    }

    /// Applies one update to every parameter with a gradient, then clears the gradients.
    public mutating func step(_ parameters: [Parameter]) {
        let lr = schedule.rate(base: learningRate, step: state.step)
        state.step += 1
        let t = Double(state.step)
        var scale = 1.0
        if case .globalNorm(let maxNorm) = clipping {
            let norm = Optimizer.globalGradientNorm(parameters)
            if norm > maxNorm { scale = maxNorm / norm }
        }
        for p in parameters {
            guard var g = p.gradient?.scalars else { continue }
            if scale != 1 { for i in 0..<g.count { g[i] *= scale } }
            if case .value(let limit) = clipping {
                for i in 0..<g.count { g[i] = min(max(g[i], -limit), limit) }
            }
            var theta = p.value.scalars
            switch kind {
            case .sgd(let momentum, let nesterov, let wd):
                if wd != 0 { for i in 0..<g.count { g[i] += wd * theta[i] } }
                if momentum != 0 {
                    var buf = state.firstMoments[p.name] ?? g
                    if state.firstMoments[p.name] != nil {
                        for i in 0..<g.count { buf[i] = momentum * buf[i] + g[i] }
                    }
                    state.firstMoments[p.name] = buf
                    if nesterov {
                        for i in 0..<g.count { g[i] += momentum * buf[i] }
                    } else {
                        g = buf
                    }
                }
                for i in 0..<g.count { theta[i] -= lr * g[i] }
            case .adam(let b1, let b2, let eps, let wd), .adamW(let b1, let b2, let eps, let wd):
                let decoupled: Bool
                if case .adamW = kind { decoupled = true } else { decoupled = false }
                if !decoupled && wd != 0 { for i in 0..<g.count { g[i] += wd * theta[i] } }
                if decoupled && wd != 0 { for i in 0..<g.count { theta[i] -= lr * wd * theta[i] } }
                var m = state.firstMoments[p.name] ?? [Double](repeating: 0, count: g.count)
                var v = state.secondMoments[p.name] ?? [Double](repeating: 0, count: g.count)
                let c1 = 1 - pow(b1, t), c2 = 1 - pow(b2, t)
                for i in 0..<g.count {
                    m[i] = b1 * m[i] + (1 - b1) * g[i]
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                    let mHat = m[i] / c1
                    let vHat = v[i] / c2
                    theta[i] -= lr * mHat / (vHat.squareRoot() + eps)
                }
                state.firstMoments[p.name] = m
                state.secondMoments[p.name] = v
            }
            p.value = Tensor(shape: p.value.shape, scalars: theta)
            p.gradient = nil
        }
    }
}
