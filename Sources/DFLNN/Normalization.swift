import DFLTensor

/// Layer normalization over the last axis: `γ ⊙ (x − mean)/√(var + ε) + β` (Ba et al. 2016).
public struct LayerNorm: Layer {
    /// Scale γ, `[features]` (initialized to 1).
    public let gamma: Parameter
    /// Shift β, `[features]` (initialized to 0).
    public let beta: Parameter
    /// ε added to the variance (default 1e-5).
    public let epsilon: Double

    /// Creates a layer norm over `features`.
    public init(features: Int, epsilon: Double = 1e-5, name: String = "layernorm") {
        gamma = Parameter(name: name + ".gamma", value: Tensor.ones([features]))
        beta = Parameter(name: name + ".beta", value: Tensor.zeros([features]))
        self.epsilon = epsilon
    }

    /// Normalizes each row (last axis).
    public func callAsFunction(_ input: Variable) -> Variable {
        let mu = mean(input, axis: -1, keepDims: true)
        let centered = input - mu
        let variance = mean(square(centered), axis: -1, keepDims: true)
        return centered / sqrt(variance + epsilon) * Variable(parameter: gamma) + Variable(parameter: beta)
    }

    /// `[gamma, beta]`.
    public var parameters: [Parameter] { [gamma, beta] }
}

/// Batch normalization over the batch axis of `[batch, features]` inputs (Ioffe & Szegedy 2015):
/// batch statistics while training (updating running averages with `momentum`), running statistics
/// in inference mode.
///
/// `@unchecked Sendable`: the running statistics are updated only by the training thread.
public final class BatchNorm: Layer, @unchecked Sendable {
    /// Scale γ.
    public let gamma: Parameter
    /// Shift β.
    public let beta: Parameter
    /// Running mean (not trained; saved with checkpoints through ``ParameterStore`` as a parameter).
    public let runningMean: Parameter
    /// Running variance.
    public let runningVariance: Parameter
    /// Weight of the new batch in the running averages (default 0.1, PyTorch's).
    public let momentum: Double
    /// ε added to the variance.
    public let epsilon: Double
    /// Training/inference switch.
    public let mode: ModeSwitch

    /// Creates a batch norm over `features`.
    public init(
        features: Int, momentum: Double = 0.1, epsilon: Double = 1e-5, mode: ModeSwitch = ModeSwitch(),
        name: String = "batchnorm"
    ) {
        gamma = Parameter(name: name + ".gamma", value: Tensor.ones([features]))
        beta = Parameter(name: name + ".beta", value: Tensor.zeros([features]))
        runningMean = Parameter(name: name + ".running_mean", value: Tensor.zeros([features]))
        runningVariance = Parameter(name: name + ".running_var", value: Tensor.ones([features]))
        self.momentum = momentum
        self.epsilon = epsilon
        self.mode = mode
    }

    /// Normalizes each feature.
    public func callAsFunction(_ input: Variable) -> Variable {
        let g = Variable(parameter: gamma), b = Variable(parameter: beta)
        if mode.isTraining {
            let mu = mean(input, axis: 0, keepDims: true)
            let centered = input - mu
            let variance = mean(square(centered), axis: 0, keepDims: true)
            let n = Double(input.shape[0])
            let m = momentum
            runningMean.value = runningMean.value * (1 - m) + mu.value.reshaped([mu.value.scalarCount]) * m
            let unbiased = variance.value.reshaped([variance.value.scalarCount]) * (n / max(n - 1, 1))
            runningVariance.value = runningVariance.value * (1 - m) + unbiased * m
            return centered / sqrt(variance + epsilon) * g + b
        }
        let scale = runningVariance.value.map { 1 / ($0 + epsilon).squareRoot() }
        return (input - runningMean.value) * scale * g + b
    }

    /// Trainable `[gamma, beta]` (running statistics are state, see ``state``).
    public var parameters: [Parameter] { [gamma, beta] }
    /// Running statistics, for checkpoints.
    public var state: [Parameter] { [runningMean, runningVariance] }
}
