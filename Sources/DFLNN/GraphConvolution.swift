import DFLRandom
import DFLTensor

/// Graph convolution (Kipf & Welling 2017): `H' = Â H W + b` with the symmetrically normalized
/// adjacency `Â = D^{-1/2} (A + I) D^{-1/2}`, on node features `[nodes, features]`.
public struct GraphConvolution: Layer {
    /// `Â`, `[nodes, nodes]`.
    public let normalizedAdjacency: Tensor
    /// The feature transform `W`, `b`.
    public let linear: Linear

    /// Creates a layer for a graph given by its (symmetric, 0/1 or weighted) adjacency matrix.
    public init(
        adjacency: [[Double]], inputSize: Int, outputSize: Int, name: String = "gcn", rng: inout SeededGenerator
    ) {
        normalizedAdjacency = GraphConvolution.normalize(adjacency)
        linear = Linear(
            inputSize: inputSize, outputSize: outputSize, name: name, initializer: .xavierUniform, rng: &rng)
    }

    /// `D^{-1/2} (A + I) D^{-1/2}`.
    public static func normalize(_ adjacency: [[Double]]) -> Tensor {
        let n = adjacency.count
        var a = adjacency
        for i in 0..<n { a[i][i] += 1 }
        let d = a.map { $0.reduce(0, +) }.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        return Tensor(shape: [n, n], scalars: (0..<n).flatMap { i in (0..<n).map { j in d[i] * a[i][j] * d[j] } })
    }

    /// `Â X W + b` for node features `[nodes, features]`, or `[batch, nodes, features]` (several
    /// feature sets on the same graph).
    public func callAsFunction(_ input: Variable) -> Variable {
        if input.value.rank == 3 {
            // Batched product with Â repeated along the batch axis.
            let batch = input.shape[0]
            var repeated: [Double] = []
            repeated.reserveCapacity(batch * normalizedAdjacency.scalarCount)
            for _ in 0..<batch { repeated.append(contentsOf: normalizedAdjacency.scalars) }
            let a = Tensor(shape: [batch] + normalizedAdjacency.shape, scalars: repeated)
            return linear(matmul(Variable(a), input))
        }
        return linear(matmul(Variable(normalizedAdjacency), input))
    }

    /// `[W, b]`.
    public var parameters: [Parameter] { linear.parameters }
}
