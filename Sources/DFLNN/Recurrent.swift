import DFLRandom
import DFLTensor

/// Which recurrent cell a ``RecurrentLayer`` runs.
public enum RecurrentCellKind: String, Codable, Sendable, CaseIterable {
    /// Elman RNN: `h' = tanh(x W + h U + b)`.
    case rnn
    /// GRU (Cho et al. 2014) with PyTorch's gate equations.
    case gru
    /// LSTM (Hochreiter & Schmidhuber 1997) with input, forget, cell and output gates.
    case lstm

    var gateCount: Int {
        switch self {
        case .rnn: return 1
        case .gru: return 3
        case .lstm: return 4
        }
    }
}

/// A recurrent layer over sequences `[batch, time, features]`; returns all hidden states
/// `[batch, time, hidden]` (use ``lastHidden(_:)`` for the final one).
///
/// Weights: `W` `[input, gates·hidden]`, `U` `[hidden, gates·hidden]`, biases `b_W`, `b_U`
/// (PyTorch's layout), initialized U(±1/√hidden) as PyTorch does.
public struct RecurrentLayer: Layer {
    /// The cell type.
    public let kind: RecurrentCellKind
    /// Hidden size.
    public let hiddenSize: Int
    /// Input-to-hidden weights.
    public let inputWeight: Parameter
    /// Hidden-to-hidden weights.
    public let hiddenWeight: Parameter
    /// Input bias.
    public let inputBias: Parameter
    /// Hidden bias.
    public let hiddenBias: Parameter

    /// Creates a layer.
    public init(
        kind: RecurrentCellKind, inputSize: Int, hiddenSize: Int, name: String? = nil, rng: inout SeededGenerator
    ) {
        let g = kind.gateCount * hiddenSize
        let bound = 1 / Double(hiddenSize).squareRoot()
        let prefix = name ?? kind.rawValue
        func draw(_ shape: [Int]) -> Tensor {
            Tensor(shape: shape, scalars: rng.uniform(-bound, bound, count: shape.reduce(1, *)))
        }
        self.kind = kind
        self.hiddenSize = hiddenSize
        inputWeight = Parameter(name: prefix + ".weight_ih", value: draw([inputSize, g]))
        hiddenWeight = Parameter(name: prefix + ".weight_hh", value: draw([hiddenSize, g]))
        inputBias = Parameter(name: prefix + ".bias_ih", value: draw([g]))
        hiddenBias = Parameter(name: prefix + ".bias_hh", value: draw([g]))
    }

    /// All hidden states `[batch, time, hidden]`.
    public func callAsFunction(_ input: Variable) -> Variable {
        let (batch, time) = (input.shape[0], input.shape[1])
        let H = hiddenSize
        let w = Variable(parameter: inputWeight), u = Variable(parameter: hiddenWeight)
        let bw = Variable(parameter: inputBias), bu = Variable(parameter: hiddenBias)
        // Input projections for all steps at once: [batch·time, gates·H].
        let flat = reshape(input, [batch * time, input.shape[2]])
        let projected = reshape(matmul(flat, w) + bw, [batch, time, kind.gateCount * H])
        var h = Variable(Tensor.zeros([batch, H]))
        var c = Variable(Tensor.zeros([batch, H]))
        var outputs: [Variable] = []
        for t in 0..<time {
            let xt = reshape(slice(projected, axis: 1, t..<(t + 1)), [batch, kind.gateCount * H])
            let ht = matmul(h, u) + bu
            func gate(_ v: Variable, _ k: Int) -> Variable { slice(v, axis: 1, (k * H)..<((k + 1) * H)) }
            switch kind {
            case .rnn:
                h = tanh(xt + ht)
            case .gru:
                let r = sigmoid(gate(xt, 0) + gate(ht, 0))
                let z = sigmoid(gate(xt, 1) + gate(ht, 1))
                let n = tanh(gate(xt, 2) + r * gate(ht, 2))
                h = (1 - z) * n + z * h
            case .lstm:
                let i = sigmoid(gate(xt, 0) + gate(ht, 0))
                let f = sigmoid(gate(xt, 1) + gate(ht, 1))
                let g = tanh(gate(xt, 2) + gate(ht, 2))
                let o = sigmoid(gate(xt, 3) + gate(ht, 3))
                c = f * c + i * g
                h = o * tanh(c)
            }
            outputs.append(h)
        }
        return stack(outputs, axis: 1)
    }

    /// The final hidden state `[batch, hidden]`.
    public func lastHidden(_ input: Variable) -> Variable {
        let all = self(input)
        let T = all.shape[1]
        return reshape(slice(all, axis: 1, (T - 1)..<T), [all.shape[0], hiddenSize])
    }

    /// `[W, U, b_W, b_U]`.
    public var parameters: [Parameter] { [inputWeight, hiddenWeight, inputBias, hiddenBias] }
}
