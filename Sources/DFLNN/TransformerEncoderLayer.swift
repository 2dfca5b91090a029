import DFLRandom
import DFLTensor

/// A post-norm Transformer encoder layer (Vaswani et al. 2017) on `[batch, time, model]` inputs:
/// multi-head self-attention and a ReLU feed-forward block, each with a residual connection and
/// layer normalization.
public struct TransformerEncoderLayer: Layer {
    /// Model width.
    public let modelSize: Int
    /// Attention heads (`modelSize` divisible by it).
    public let heads: Int
    /// Query, key, value projections and the output projection.
    public let query: Linear, key: Linear, value: Linear, output: Linear
    /// Feed-forward block.
    public let feedForward1: Linear, feedForward2: Linear
    /// Normalizations after attention and after the feed-forward block.
    public let norm1: LayerNorm, norm2: LayerNorm

    /// Creates a layer.
    /// - Precondition: `modelSize % heads == 0`.
    public init(modelSize: Int, heads: Int, feedForwardSize: Int, name: String = "encoder", rng: inout SeededGenerator)
    {
        precondition(modelSize % heads == 0, "model size \(modelSize) must be divisible by heads \(heads)")
        self.modelSize = modelSize
        self.heads = heads
        query = Linear(
            inputSize: modelSize, outputSize: modelSize, name: name + ".q", initializer: .xavierUniform, rng: &rng)
        key = Linear(
            inputSize: modelSize, outputSize: modelSize, name: name + ".k", initializer: .xavierUniform, rng: &rng)
        value = Linear(
            inputSize: modelSize, outputSize: modelSize, name: name + ".v", initializer: .xavierUniform, rng: &rng)
        output = Linear(
            inputSize: modelSize, outputSize: modelSize, name: name + ".out", initializer: .xavierUniform, rng: &rng)
        feedForward1 = Linear(inputSize: modelSize, outputSize: feedForwardSize, name: name + ".ff1", rng: &rng)
        feedForward2 = Linear(inputSize: feedForwardSize, outputSize: modelSize, name: name + ".ff2", rng: &rng)
        norm1 = LayerNorm(features: modelSize, name: name + ".norm1")
        norm2 = LayerNorm(features: modelSize, name: name + ".norm2")
    }

    /// Applies attention and the feed-forward block.
    public func callAsFunction(_ input: Variable) -> Variable {
        let (b, t, d) = (input.shape[0], input.shape[1], modelSize)
        let dh = d / heads
        let q = query(input), k = key(input), v = value(input)
        var headsOut: [Variable] = []
        for h in 0..<heads {
            let range = (h * dh)..<((h + 1) * dh)
            let qh = slice(q, axis: 2, range), kh = slice(k, axis: 2, range), vh = slice(v, axis: 2, range)
            let scores = matmul(qh, transpose(kh)) / Double(dh).squareRoot()  // [b, t, t]
            let attention = softmax(scores, axis: -1)
            headsOut.append(matmul(attention, vh))  // [b, t, dh]
        }
        let attended = output(concat(headsOut, axis: 2))
        let x = norm1(reshape(input + attended, [b * t, d]))
        let ff = feedForward2(relu(feedForward1(x)))
        return reshape(norm2(x + ff), [b, t, d])
    }

    /// All parameters.
    public var parameters: [Parameter] {
        [query, key, value, output, feedForward1, feedForward2].flatMap(\.parameters) + norm1.parameters
            + norm2.parameters
    }
}
