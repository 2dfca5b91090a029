import DFLRandom
import DFLTensor

/// A multilayer perceptron: Linear → activation (→ dropout) … → Linear.
///
/// With no hidden sizes it is a single linear layer (PyEPO's linear model).
public struct MLP: Layer {
    /// The affine layers, first to last.
    public let layers: [Linear]
    /// Activation after every hidden layer.
    public let activation: Activation
    /// Dropout after every hidden activation (nil for none).
    public let dropout: Dropout?

    /// Creates an MLP `inputSize → hiddenSizes… → outputSize`.
    public init(
        inputSize: Int, hiddenSizes: [Int], outputSize: Int, activation: Activation = .relu,
        dropoutRate: Double = 0, mode: ModeSwitch = ModeSwitch(), name: String = "mlp",
        initializer: Initializer = .kaimingUniform, rng: inout SeededGenerator
    ) {
        let sizes = [inputSize] + hiddenSizes + [outputSize]
        var made: [Linear] = []
        for i in 0..<(sizes.count - 1) {
            made.append(
                Linear(
                    inputSize: sizes[i], outputSize: sizes[i + 1], name: "\(name).layers.\(i)",
                    initializer: initializer, rng: &rng))
        }
        layers = made
        self.activation = activation
        dropout = dropoutRate > 0 ? Dropout(rate: dropoutRate, mode: mode, seed: rng.next()) : nil
    }

    /// Applies the network.
    public func callAsFunction(_ input: Variable) -> Variable {
        var h = input
        for (i, layer) in layers.enumerated() {
            h = layer(h)
            if i < layers.count - 1 {
                h = activation(h)
                if let dropout { h = dropout(h) }
            }
        }
        return h
    }

    /// Parameters of every layer, in order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
}
