import DFLTensor

/// A differentiable model component with explicitly listed, named parameters.
public protocol Layer: Sendable {
    /// Applies the layer to `input` (for feed-forward layers, a `[batch, features]` variable).
    func callAsFunction(_ input: Variable) -> Variable
    /// Every trainable parameter, in a fixed order, with unique hierarchical names.
    var parameters: [Parameter] { get }
}

/// Activation functions selectable by name (CLI and configuration files).
public enum Activation: String, Codable, Sendable, CaseIterable {
    /// max(0, x).
    case relu
    /// x for x > 0, 0.01·x otherwise (PyTorch's default slope).
    case leakyRelu
    /// tanh(x).
    case tanh
    /// 1 / (1 + e⁻ˣ).
    case sigmoid
    /// x for x > 0, eˣ − 1 otherwise.
    case elu
    /// The identity.
    case identity

    /// Applies the activation.
    public func callAsFunction(_ x: Variable) -> Variable {
        switch self {
        case .relu: return DFLTensor.relu(x)
        case .leakyRelu: return DFLTensor.leakyRelu(x)
        case .tanh: return DFLTensor.tanh(x)
        case .sigmoid: return DFLTensor.sigmoid(x)
        case .elu: return DFLTensor.elu(x)
        case .identity: return x
        }
    }
}

/// Whether stochastic layers (dropout) and batch statistics (batch norm) are in training mode.
///
/// `@unchecked Sendable`: toggled by the training loop between epochs, never concurrently with a
/// forward pass.
public final class ModeSwitch: @unchecked Sendable {
    /// `true` while training.
    public var isTraining: Bool
    /// Creates a switch (training by default).
    public init(isTraining: Bool = true) { self.isTraining = isTraining }
}
