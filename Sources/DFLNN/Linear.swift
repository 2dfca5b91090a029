import DFLRandom
import DFLTensor

/// An affine map `y = x W + b` for `x` of shape `[batch, inputSize]` (or `[batch, time, inputSize]`).
public struct Linear: Layer {
    /// `W`: `[inputSize, outputSize]`.
    public let weight: Parameter
    /// `b`: `[outputSize]`, or `nil` without bias.
    public let bias: Parameter?

    /// Creates a layer from existing parameters.
    public init(weight: Parameter, bias: Parameter?) {
        self.weight = weight
        self.bias = bias
    }

    /// Creates a layer with PyTorch's default initialization (Kaiming uniform, U(±1/√in) bias).
    public init(
        inputSize: Int, outputSize: Int, bias: Bool = true, name: String = "linear",
        initializer: Initializer = .kaimingUniform, rng: inout SeededGenerator
    ) {
        weight = Parameter(
            name: name + ".weight",
            value: initializer.make(shape: [inputSize, outputSize], fanIn: inputSize, fanOut: outputSize, rng: &rng))
        self.bias =
            bias
            ? Parameter(
                name: name + ".bias",
                value: Initializer.kaimingUniform.make(
                    shape: [outputSize], fanIn: inputSize, fanOut: outputSize, rng: &rng))
            : nil
    }

    /// Number of input features.
    public var inputSize: Int { weight.value.shape[0] }
    /// Number of outputs.
    public var outputSize: Int { weight.value.shape[1] }

    /// Applies the affine map.
    public func callAsFunction(_ input: Variable) -> Variable {
        let w = Variable(parameter: weight)
        var y: Variable
        if input.value.rank == 3 {
            let (b, t, f) = (input.shape[0], input.shape[1], input.shape[2])
            y = reshape(matmul(reshape(input, [b * t, f]), w), [b, t, outputSize])
        } else {
            y = matmul(input, w)
        }
        if let bias { y = y + Variable(parameter: bias) }
        return y
    }

    /// `[weight, bias]`.
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }
}
