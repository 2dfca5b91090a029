import DFLRandom
import DFLTensor

/// Parameter initializers drawn from the seeded generator.
public enum Initializer: String, Codable, Sendable, CaseIterable {
    /// Kaiming (He) uniform for a leaky-ReLU gain with slope √5, PyTorch's default for `nn.Linear`:
    /// U(−1/√fanIn, 1/√fanIn).
    case kaimingUniform
    /// Kaiming uniform for ReLU: U(−√(6/fanIn), √(6/fanIn)).
    case kaimingUniformReLU
    /// Xavier (Glorot) uniform: U(−√(6/(fanIn+fanOut)), √(6/(fanIn+fanOut))).
    case xavierUniform
    /// All zeros.
    case zeros

    /// A `[fanIn, fanOut]`-shaped (or any `shape`) tensor drawn with this rule.
    public func make(shape: [Int], fanIn: Int, fanOut: Int, rng: inout SeededGenerator) -> Tensor {
        let bound: Double
        switch self {
        case .kaimingUniform: bound = 1 / Double(max(fanIn, 1)).squareRoot()
        case .kaimingUniformReLU: bound = (6 / Double(max(fanIn, 1))).squareRoot()
        case .xavierUniform: bound = (6 / Double(max(fanIn + fanOut, 1))).squareRoot()
        case .zeros: return Tensor.zeros(shape)
        }
        return Tensor(shape: shape, scalars: rng.uniform(-bound, bound, count: shape.reduce(1, *)))
    }
}
