import DFLNN
import DFLRandom
import DFLTensor
import Foundation
import Testing

private func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }

@Suite("Layer values against closed forms")
struct LayerClosedFormTests {
    @Test func batchNormStatisticsClosedForm() {
        let mode = ModeSwitch()
        let norm = BatchNorm(features: 1, momentum: 0.5, mode: mode)
        // Column [1, 2, 3, 6]: mean 3, biased variance 3.5, unbiased 14/3.
        let y = norm(Variable(Tensor(shape: [4, 1], scalars: [1, 2, 3, 6]))).value
        #expect(abs(y.scalars[3] - 3 / (3.5 + 1e-5).squareRoot()) < 1e-12)
        #expect(abs(norm.runningMean.value.scalars[0] - 1.5) < 1e-15)
        #expect(abs(norm.runningVariance.value.scalars[0] - (0.5 + 0.5 * 14 / 3)) < 1e-12)
        mode.isTraining = false
        let z = norm(Variable(Tensor(shape: [1, 1], scalars: [1.5 + 2]))).value
        #expect(abs(z.scalars[0] - 2 / (norm.runningVariance.value.scalars[0] + 1e-5).squareRoot()) < 1e-12)
        #expect(norm.state.map(\.name) == ["batchnorm.running_mean", "batchnorm.running_var"])
    }

    @Test func lstmFirstStepClosedForm() {
        var rng = SeededGenerator(seed: 1)
        let lstm = RecurrentLayer(kind: .lstm, inputSize: 1, hiddenSize: 1, rng: &rng)
        lstm.inputWeight.value = Tensor(shape: [1, 4], scalars: [0.5, -0.3, 0.8, 0.1])  // i, f, g, o
        lstm.inputBias.value = Tensor([0.1, 0.2, -0.1, 0.3])
        lstm.hiddenBias.value = Tensor([0.05, 0, 0, -0.1])
        let x = 0.7
        let c = sigmoid(0.5 * x + 0.15) * tanh(0.8 * x - 0.1)  // the forget gate multiplies c₀ = 0
        let h = sigmoid(0.1 * x + 0.2) * tanh(c)
        let out = lstm.lastHidden(Variable(Tensor(shape: [1, 1, 1], scalars: [x]))).value
        #expect(abs(out.scalars[0] - h) < 1e-14)
    }

    @Test func gruWithAClosedUpdateGateReturnsTheCandidate() {
        var rng = SeededGenerator(seed: 2)
        let gru = RecurrentLayer(kind: .gru, inputSize: 1, hiddenSize: 1, rng: &rng)
        gru.inputWeight.value = Tensor(shape: [1, 3], scalars: [0.4, 0, 2])  // r, z, n
        gru.inputBias.value = Tensor([0.1, -60, 0.1])  // z ≈ 0, so h₁ = n
        gru.hiddenBias.value = Tensor([0.2, 0, 0.4])
        let x = 0.3
        let r = sigmoid(0.4 * x + 0.1 + 0.2)
        let n = tanh(2 * x + 0.1 + r * 0.4)
        let out = gru.lastHidden(Variable(Tensor(shape: [1, 1, 1], scalars: [x]))).value
        #expect(abs(out.scalars[0] - n) < 1e-12)
    }

    @Test func recurrentOutputsEndWithTheLastHiddenState() {
        var rng = SeededGenerator(seed: 3)
        for kind in RecurrentCellKind.allCases {
            let layer = RecurrentLayer(kind: kind, inputSize: 2, hiddenSize: 3, rng: &rng)
            let x = Variable(seededTensor([2, 5, 2], seed: 4))
            let all = layer(x).value
            let last = (0..<2).flatMap { b in (0..<3).map { j in all.scalars[(b * 5 + 4) * 3 + j] } }
            #expect(last == layer.lastHidden(x).value.scalars, "\(kind)")
        }
    }

    @Test func graphConvolutionAveragesNeighbours() {
        var rng = SeededGenerator(seed: 5)
        let gcn = GraphConvolution(adjacency: [[0, 1], [1, 0]], inputSize: 1, outputSize: 1, rng: &rng)
        gcn.linear.weight.value = Tensor(shape: [1, 1], scalars: [2])
        gcn.linear.bias?.value = Tensor([1])
        let y = gcn(Variable(Tensor(shape: [2, 1], scalars: [1, 3]))).value
        #expect(abs(y.scalars[0] - 5) < 1e-14 && abs(y.scalars[1] - 5) < 1e-14)  // ½(2 + 6) + 1
        // Star 0–{1, 2}: degrees of A + I are (3, 2, 2): Â₀₁ = 1/√6, Â₁₁ = ½, Â₁₂ = 0.
        let star = GraphConvolution.normalize([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
        #expect(abs(star.scalars[1] - 1 / 6.0.squareRoot()) < 1e-15)
        #expect(abs(star.scalars[4] - 0.5) < 1e-15)
        #expect(star.scalars[5] == 0)
    }

    @Test func dropoutKeepsTheRightFractionAndScales() {
        let mode = ModeSwitch()
        let dropout = Dropout(rate: 0.3, mode: mode, seed: 6)
        let x = Variable(Tensor.ones([2000]))
        let y = dropout(x).value
        #expect(y.scalars.allSatisfy { $0 == 0 || abs($0 - 1 / 0.7) < 1e-15 })
        let kept = Double(y.scalars.filter { $0 != 0 }.count) / 2000
        #expect(abs(kept - 0.7) < 0.04)
        #expect(dropout(x).value != y)  // the generator advances between calls
        dropout.reusesMask = true
        let fixed = dropout(x).value
        #expect(dropout(x).value == fixed)
        dropout.clearMask()
        #expect(dropout(x).value != fixed)
    }

    @Test func initializersAndSeeds() {
        var rng = SeededGenerator(seed: 7)
        let relu = Initializer.kaimingUniformReLU.make(shape: [200, 50], fanIn: 200, fanOut: 50, rng: &rng)
        let bound = (6.0 / 200).squareRoot()
        #expect(relu.scalars.allSatisfy { abs($0) <= bound })
        let variance = relu.scalars.map { $0 * $0 }.reduce(0, +) / Double(relu.scalarCount)
        #expect(abs(variance - 2.0 / 200) < 0.06 * 2.0 / 200)  // Var U(−b, b) = b²/3 = 2/fanIn
        var a = SeededGenerator(seed: 8), b = SeededGenerator(seed: 8), c = SeededGenerator(seed: 9)
        let first = MLP(inputSize: 3, hiddenSizes: [4], outputSize: 2, rng: &a)
        let second = MLP(inputSize: 3, hiddenSizes: [4], outputSize: 2, rng: &b)
        let third = MLP(inputSize: 3, hiddenSizes: [4], outputSize: 2, rng: &c)
        #expect(first.parameters.map(\.value) == second.parameters.map(\.value))
        #expect(first.parameters.map(\.value) != third.parameters.map(\.value))
    }

    @Test func parameterNamesAreHierarchicalAndUnique() {
        var rng = SeededGenerator(seed: 10)
        let mlp = MLP(inputSize: 2, hiddenSizes: [3], outputSize: 1, rng: &rng)
        #expect(
            mlp.parameters.map(\.name) == [
                "mlp.layers.0.weight", "mlp.layers.0.bias", "mlp.layers.1.weight", "mlp.layers.1.bias",
            ])
        let encoder = TransformerEncoderLayer(modelSize: 4, heads: 2, feedForwardSize: 8, rng: &rng)
        let names = encoder.parameters.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("encoder.") })
        let lstm = RecurrentLayer(kind: .lstm, inputSize: 2, hiddenSize: 3, rng: &rng)
        #expect(lstm.parameters.map(\.name) == ["lstm.weight_ih", "lstm.weight_hh", "lstm.bias_ih", "lstm.bias_hh"])
    }
}
