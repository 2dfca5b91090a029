import DFLNN
import DFLRandom
import DFLTensor
import Testing

/// Coordinate-wise central finite differences for a layer: every scalar of the input and of every
/// parameter is perturbed by ±h, and `∂L/∂θᵢ` from `backward()` must match.
///
/// The scalar checked is `L = Σ w ⊙ f(x)` with a fixed random cotangent `w`, so every output entry
/// contributes; the input is wrapped in a `Parameter` so its gradient is collected like the
/// layer's. (Complements `checkLayer`, which probes random directions only.)
struct CoordinateGradientCheck {
    var epsilon = 1e-6
    var tolerance = 1e-6

    /// Records an issue for each coordinate whose relative error exceeds `tolerance`; returns the
    /// worst relative error `|analytic − numeric| / max(1, |numeric|)`.
    @discardableResult
    func run(
        input: Tensor, parameters: [Parameter], seed: UInt64 = 7,
        sourceLocation: SourceLocation = #_sourceLocation, _ forward: (Variable) -> Variable
    ) -> Double {
        let inputParameter = Parameter(name: "input", value: input)
        let probe = forward(Variable(input))
        let cotangent = seededTensor(probe.shape, seed: seed)
        func loss() -> Double {
            let y = forward(Variable(parameter: inputParameter)).value
            return zip(y.scalars, cotangent.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let all = [inputParameter] + parameters
        for p in all { p.zeroGradient() }
        forward(Variable(parameter: inputParameter)).backward(seed: cotangent)
        var worst = 0.0
        for p in all {
            let analytic = p.gradient ?? Tensor.zeros(p.value.shape)
            #expect(analytic.shape == p.value.shape, "gradient shape of \(p.name)", sourceLocation: sourceLocation)
            for i in 0..<p.value.scalarCount {
                let original = p.value.scalars[i]
                p.value.scalars[i] = original + epsilon
                let plus = loss()
                p.value.scalars[i] = original - epsilon
                let minus = loss()
                p.value.scalars[i] = original
                let numeric = (plus - minus) / (2 * epsilon)
                let error = abs(analytic.scalars[i] - numeric) / max(1, abs(numeric))
                if error > tolerance {
                    Issue.record(
                        "∂L/∂\(p.name)[\(i)]: analytic \(analytic.scalars[i]), numeric \(numeric), error \(error)",
                        sourceLocation: sourceLocation)
                }
                worst = max(worst, error)
            }
        }
        for p in all { p.zeroGradient() }
        return worst
    }
}

/// A reproducible tensor with `N(0, scale²)` entries.
func seededTensor(_ shape: [Int], seed: UInt64, scale: Double = 1) -> Tensor {
    var rng = SeededGenerator(seed: seed)
    return Tensor(shape: shape, scalars: rng.normal(mean: 0, standardDeviation: scale, count: shape.reduce(1, *)))
}

@Suite("Every layer's input and parameter gradients, coordinate by coordinate")
struct CoordinateGradientTests {
    let check = CoordinateGradientCheck()

    @Test func checkerCatchesAWrongPullback() {
        // A deliberately wrong backward (factor 2 instead of 3) must be reported.
        withKnownIssue {
            check.run(input: seededTensor([3], seed: 1), parameters: []) { x in
                Variable.record(x.value.map { 3 * $0 }, parents: [x]) { g in [g.map { 2 * $0 }] }
            }
        }
    }

    @Test func linearOnMatrixAndSequence() {
        var rng = SeededGenerator(seed: 2)
        let layer = Linear(inputSize: 3, outputSize: 2, rng: &rng)
        check.run(input: seededTensor([4, 3], seed: 3), parameters: layer.parameters) { layer($0) }
        check.run(input: seededTensor([2, 3, 3], seed: 4), parameters: layer.parameters) { layer($0) }
    }

    @Test(arguments: Activation.allCases)
    func mlp(_ activation: Activation) {
        var rng = SeededGenerator(seed: 5)
        let mlp = MLP(inputSize: 3, hiddenSizes: [5, 4], outputSize: 2, activation: activation, rng: &rng)
        check.run(input: seededTensor([3, 3], seed: 6), parameters: mlp.parameters) { mlp($0) }
    }

    @Test func dropoutWithAFixedMask() {
        let dropout = Dropout(rate: 0.4, mode: ModeSwitch(), seed: 11)
        check.run(input: seededTensor([5, 4], seed: 7), parameters: []) { x in
            dropout.rng = SeededGenerator(seed: 11)  // the same mask for every evaluation
            return dropout(x)
        }
    }

    @Test func layerNormOnRowsAndSequences() {
        let norm = LayerNorm(features: 4)
        norm.gamma.value = seededTensor([4], seed: 8)
        norm.beta.value = seededTensor([4], seed: 9)
        check.run(input: seededTensor([3, 4], seed: 10), parameters: norm.parameters) { norm($0) }
        check.run(input: seededTensor([2, 3, 4], seed: 11), parameters: norm.parameters) { norm($0) }
    }

    @Test func batchNormTrainingAndInference() {
        let mode = ModeSwitch()
        let norm = BatchNorm(features: 3, mode: mode)
        norm.gamma.value = Tensor([1.5, -0.7, 2])
        norm.beta.value = Tensor([0.1, 0.2, -0.3])
        check.run(input: seededTensor([6, 3], seed: 12), parameters: norm.parameters) { norm($0) }
        mode.isTraining = false
        check.run(input: seededTensor([4, 3], seed: 13), parameters: norm.parameters) { norm($0) }
    }

    @Test(arguments: RecurrentCellKind.allCases)
    func recurrentLayers(_ kind: RecurrentCellKind) {
        var rng = SeededGenerator(seed: 14)
        let layer = RecurrentLayer(kind: kind, inputSize: 2, hiddenSize: 3, rng: &rng)
        check.run(input: seededTensor([2, 4, 2], seed: 15), parameters: layer.parameters) { layer($0) }
        check.run(input: seededTensor([2, 3, 2], seed: 16), parameters: layer.parameters) { layer.lastHidden($0) }
    }

    @Test func transformerEncoderLayer() {
        var rng = SeededGenerator(seed: 17)
        let encoder = TransformerEncoderLayer(modelSize: 4, heads: 2, feedForwardSize: 6, rng: &rng)
        check.run(input: seededTensor([2, 3, 4], seed: 18), parameters: encoder.parameters) { encoder($0) }
    }

    @Test func graphConvolution() {
        var rng = SeededGenerator(seed: 19)
        let adjacency: [[Double]] = [[0, 1, 0, 0], [1, 0, 2, 1], [0, 2, 0, 0], [0, 1, 0, 0]]
        let gcn = GraphConvolution(adjacency: adjacency, inputSize: 3, outputSize: 2, rng: &rng)
        check.run(input: seededTensor([4, 3], seed: 20), parameters: gcn.parameters) { gcn($0) }
        check.run(input: seededTensor([2, 4, 3], seed: 21), parameters: gcn.parameters) { gcn($0) }
        // Each batch element of a batched call equals the unbatched call.
        let x = seededTensor([2, 4, 3], seed: 22)
        let batched = gcn(Variable(x)).value
        let second = gcn(Variable(Tensor(shape: [4, 3], scalars: Array(x.scalars[12..<24])))).value
        #expect(Array(batched.scalars[8..<16]) == second.scalars)
    }
}
