import DFLNN
import DFLRandom
import DFLTensor
import DFLTestSupport
import Foundation
import Testing

@Suite struct SequenceAndGraphLayerTests {
    @Test(arguments: RecurrentCellKind.allCases)
    func recurrentGradientsMatchFiniteDifferences(kind: RecurrentCellKind) {
        var rng = SeededGenerator(seed: 31)
        let layer = RecurrentLayer(kind: kind, inputSize: 3, hiddenSize: 4, rng: &rng)
        let r = checkLayer(layer, input: randomTensor([2, 3, 3], rng: &rng))
        #expect(r.passes(tolerance: 1e-5), "\(kind): \(r)")
        #expect(layer(Variable(randomTensor([2, 5, 3], rng: &rng))).shape == [2, 5, 4])
    }

    @Test func elmanStepMatchesItsEquation() {
        var rng = SeededGenerator(seed: 32)
        let layer = RecurrentLayer(kind: .rnn, inputSize: 2, hiddenSize: 3, rng: &rng)
        let x = randomTensor([1, 2, 2], rng: &rng)
        let out = layer(Variable(x)).value
        let w = layer.inputWeight.value, u = layer.hiddenWeight.value
        let b = layer.inputBias.value + layer.hiddenBias.value
        let x0 = Tensor(shape: [1, 2], scalars: Array(x.scalars[0..<2]))
        let x1 = Tensor(shape: [1, 2], scalars: Array(x.scalars[2..<4]))
        let h0 = (x0.matmul(w) + b).map { Foundation.tanh($0) }
        let h1 = (x1.matmul(w) + h0.matmul(u) + b).map { Foundation.tanh($0) }
        #expect(
            isApproximatelyEqual(Tensor(shape: [1, 2, 3], scalars: h0.scalars + h1.scalars), out, tolerance: 1e-12))
    }

    @Test func transformerGradientsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 33)
        let layer = TransformerEncoderLayer(modelSize: 4, heads: 2, feedForwardSize: 6, rng: &rng)
        let r = checkLayer(layer, input: randomTensor([2, 3, 4], rng: &rng))
        #expect(r.passes(tolerance: 1e-5), "\(r)")
    }

    @Test func normalizationLayers() {
        var rng = SeededGenerator(seed: 34)
        let ln = LayerNorm(features: 5)
        let y = ln(Variable(randomTensor([3, 5], rng: &rng, scale: 3, shift: 2))).value
        for row in y.rows {
            let m: Double = row.reduce(0, +) / 5
            let squares: [Double] = row.map { (x: Double) -> Double in (x - m) * (x - m) }
            let v: Double = squares.reduce(0, +) / 5
            #expect(abs(m) < 1e-12 && abs(v - 1) < 1e-3)
        }
        #expect(checkLayer(ln, input: randomTensor([3, 5], rng: &rng)).passes(tolerance: 1e-5))
        let mode = ModeSwitch()
        let bn = BatchNorm(features: 3, mode: mode)
        #expect(checkLayer(bn, input: randomTensor([6, 3], rng: &rng)).passes(tolerance: 1e-5))
        let x = randomTensor([8, 3], rng: &rng, scale: 2, shift: 5)
        let z = bn(Variable(x)).value
        let colMean: [Double] = (0..<3).map { (j: Int) -> Double in
            var total = 0.0
            for i in 0..<8 { total += z.scalars[i * 3 + j] }
            return total / 8
        }
        #expect(colMean.allSatisfy { abs($0) < 1e-12 })
        #expect(bn.runningMean.value.scalars.allSatisfy { $0 > 0.1 })
        mode.isTraining = false
        #expect(bn(Variable(x)).value != z)
    }

    @Test func graphConvolutionNormalizesAndDifferentiates() {
        let a = GraphConvolution.normalize([[0, 1], [1, 0]])
        #expect(isApproximatelyEqual(a.scalars, [0.5, 0.5, 0.5, 0.5], tolerance: 1e-15))
        var rng = SeededGenerator(seed: 35)
        let adjacency: [[Double]] = [[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0]]
        let gcn = GraphConvolution(adjacency: adjacency, inputSize: 3, outputSize: 2, rng: &rng)
        #expect(checkLayer(gcn, input: randomTensor([4, 3], rng: &rng)).passes(tolerance: 1e-6))
    }
}
