import DFLNN
import DFLRandom
import DFLTensor
import Foundation
import Testing

/// An independent plain-array implementation of the post-norm encoder layer (attention, residual,
/// layer norm, ReLU feed-forward, residual, layer norm), used as a forward-pass oracle.
private struct ReferenceEncoder {
    let layer: TransformerEncoderLayer

    typealias Matrix = [[Double]]

    func affine(_ x: Matrix, _ linear: Linear) -> Matrix {
        let w = linear.weight.value
        let (n, m) = (w.shape[0], w.shape[1])
        let bias: [Double] = linear.bias?.value.scalars ?? [Double](repeating: 0, count: m)
        var result: Matrix = []
        for row in x {
            var out = bias
            for j in 0..<m {
                for i in 0..<n { out[j] += row[i] * w.scalars[i * m + j] }
            }
            result.append(out)
        }
        return result
    }

    func layerNorm(_ x: Matrix, _ norm: LayerNorm) -> Matrix {
        x.map { row in
            let mean = row.reduce(0, +) / Double(row.count)
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(row.count)
            return row.indices.map { j in
                (row[j] - mean) / (variance + norm.epsilon).squareRoot() * norm.gamma.value.scalars[j]
                    + norm.beta.value.scalars[j]
            }
        }
    }

    func callAsFunction(_ x: Matrix) -> Matrix {
        let (t, d, heads) = (x.count, layer.modelSize, layer.heads)
        let dh = d / heads
        let q = affine(x, layer.query), k = affine(x, layer.key), v = affine(x, layer.value)
        var merged = Matrix(repeating: [Double](repeating: 0, count: d), count: t)
        for h in 0..<heads {
            let cols = (h * dh)..<((h + 1) * dh)
            for i in 0..<t {
                let scores = (0..<t).map { j in cols.reduce(0.0) { $0 + q[i][$1] * k[j][$1] } / Double(dh).squareRoot()
                }
                let peak = scores.max()!
                let weights = scores.map { exp($0 - peak) }
                let total = weights.reduce(0, +)
                for c in cols {
                    merged[i][c] = (0..<t).reduce(0.0) { $0 + weights[$1] / total * v[$1][c] }
                }
            }
        }
        let attended = affine(merged, layer.output)
        let x1 = layerNorm(zip(x, attended).map { zip($0, $1).map(+) }, layer.norm1)
        let hidden = affine(x1, layer.feedForward1).map { $0.map { max(0, $0) } }
        let ff = affine(hidden, layer.feedForward2)
        return layerNorm(zip(x1, ff).map { zip($0, $1).map(+) }, layer.norm2)
    }
}

@Suite("Transformer encoder against an independent reference")
struct TransformerReferenceTests {
    @Test(arguments: [1, 2, 4])
    func forwardMatchesReference(heads: Int) {
        var rng = SeededGenerator(seed: UInt64(40 + heads))
        let layer = TransformerEncoderLayer(modelSize: 4, heads: heads, feedForwardSize: 5, rng: &rng)
        layer.norm1.gamma.value = seededTensor([4], seed: 1)
        layer.norm2.beta.value = seededTensor([4], seed: 2)
        let (batch, time) = (2, 3)
        let input = seededTensor([batch, time, 4], seed: 3)
        let output = layer(Variable(input)).value
        #expect(output.shape == [batch, time, 4])
        let reference = ReferenceEncoder(layer: layer)
        for b in 0..<batch {
            let x = (0..<time).map { i in Array(input.scalars[((b * time + i) * 4)..<((b * time + i) * 4 + 4)]) }
            let expected = reference(x).flatMap { $0 }
            let got = Array(output.scalars[(b * time * 4)..<((b + 1) * time * 4)])
            for (e, g) in zip(expected, got) { #expect(abs(e - g) < 1e-12, "batch \(b): \(expected) vs \(got)") }
        }
    }

    @Test func attentionIsPermutationEquivariant() {
        // Self-attention without positional encoding: permuting the steps permutes the outputs.
        var rng = SeededGenerator(seed: 50)
        let layer = TransformerEncoderLayer(modelSize: 4, heads: 2, feedForwardSize: 6, rng: &rng)
        let x = seededTensor([1, 3, 4], seed: 4)
        let permutation = [2, 0, 1]
        let permuted = Tensor(
            shape: [1, 3, 4], scalars: permutation.flatMap { Array(x.scalars[($0 * 4)..<($0 * 4 + 4)]) })
        let y = layer(Variable(x)).value
        let yp = layer(Variable(permuted)).value
        for (k, source) in permutation.enumerated() {
            for j in 0..<4 { #expect(abs(yp.scalars[k * 4 + j] - y.scalars[source * 4 + j]) < 1e-12) }
        }
    }
}
