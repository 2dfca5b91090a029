import DFLRandom
import DFLTensor

/// Which network predicts the prices.
public enum PredictorKind: String, Sendable, Codable, CaseIterable {
    /// MLP, hidden 32, LeakyReLU, dropout (the paper's Table 1).
    case mlp = "MLP"
    /// Elman RNN over the products.
    case rnn = "RNN"
    /// LSTM over the products.
    case lstm = "LSTM"
    /// Transformer encoder layer over the products.
    case transformer = "Transformer"
}

/// A sequence model over the products (Table 2 of the R-DFL paper): token i is
/// `[v, x_i/scale, sin(πi/n), cos(πi/n)]` (the decision entry only for recursive methods; the two
/// positional features let attention tell products apart), embedded linearly, passed through an
/// RNN, LSTM or Transformer encoder layer, and read out as the price of product i.
public struct SequencePredictor: Layer {
    /// The body.
    public let kind: PredictorKind
    /// Products n (sequence length).
    public let products: Int
    /// Context features q.
    public let features: Int
    /// Whether the input carries the previous decision.
    public let recursive: Bool
    /// Token features before embedding.
    public let tokenSize: Int
    /// Token embedding.
    public let embed: Linear
    /// Recurrent body (RNN/LSTM).
    public let recurrent: RecurrentLayer?
    /// Attention body.
    public let encoder: TransformerEncoderLayer?
    /// Read-out hidden → price.
    public let readout: Linear

    /// Creates the predictor; `inputSize` is the width of the flat input (`q` or `q + n`).
    public init(
        kind: PredictorKind, products n: Int, features q: Int, recursive: Bool, hidden: Int = 32,
        rng: inout SeededGenerator
    ) {
        precondition(kind != .mlp, "use MLP for the feed-forward predictor")
        self.kind = kind
        products = n
        features = q
        self.recursive = recursive
        tokenSize = q + (recursive ? 1 : 0) + 2
        embed = Linear(inputSize: tokenSize, outputSize: hidden, name: "seq.embed", rng: &rng)
        recurrent =
            kind == .transformer
            ? nil
            : RecurrentLayer(
                kind: kind == .rnn ? .rnn : .lstm, inputSize: hidden, hiddenSize: hidden, name: "seq.rnn", rng: &rng)
        encoder =
            kind == .transformer
            ? TransformerEncoderLayer(
                modelSize: hidden, heads: 4, feedForwardSize: 2 * hidden, name: "seq.encoder", rng: &rng) : nil
        readout = Linear(inputSize: hidden, outputSize: 1, name: "seq.readout", rng: &rng)
    }

    /// Maps a flat input `[batch, q]` or `[batch, q + n]` (features, then scaled decisions) to prices `[batch, n]`.
    public func callAsFunction(_ input: Variable) -> Variable {
        let b = input.shape[0], n = products
        let q = features
        let hasDecision = recursive
        let v = slice(input, axis: 1, 0..<q)
        // [b, n, q]: the features repeated for every product.
        let vTokens = reshape(v, [b, 1, q]) + Tensor.zeros([b, n, q])
        var parts = [vTokens]
        if hasDecision { parts.append(reshape(slice(input, axis: 1, q..<(q + n)), [b, n, 1])) }
        let pos = Tensor(
            shape: [1, n, 2],
            scalars: (0..<n).flatMap { i in
                let t = Double.pi * Double(i) / Double(n)
                return [sinApprox(t), cosApprox(t)]
            })
        parts.append(Variable(pos) + Tensor.zeros([b, n, 2]))
        let tokens = concat(parts, axis: 2)
        let h = tanh(embed(tokens))
        let body = recurrent.map { $0(h) } ?? encoder!(h)
        return reshape(readout(body), [b, n])
    }

    /// All parameters.
    public var parameters: [Parameter] {
        embed.parameters + (recurrent?.parameters ?? []) + (encoder?.parameters ?? []) + readout.parameters
    }
}

func sinApprox(_ x: Double) -> Double { _sin(x) }
func cosApprox(_ x: Double) -> Double { _cos(x) }
