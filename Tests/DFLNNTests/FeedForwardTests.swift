import DFLNN
import DFLOptimizers
import DFLRandom
import DFLTensor
import DFLTestSupport
import Foundation
import Testing

/// Gradient of a layer's weighted output with respect to its input and every parameter.
func checkLayer(_ layer: any Layer, input: Tensor) -> GradientCheckResult {
    let params = layer.parameters
    let originals = params.map(\.value)
    defer { for (p, v) in zip(params, originals) { p.value = v } }
    return checkGradients(
        of: { vars in
            for (p, v) in zip(params, vars.dropFirst()) { p.value = v.value }
            // Rebuild the layer's computation with the perturbed leaves by routing through record.
            let leaves = Array(vars.dropFirst())
            let out = layerOutput(layer, input: vars[0], leaves: leaves)
            let w = Tensor(shape: out.shape, scalars: (0..<out.value.scalarCount).map { 0.2 + 0.05 * Double($0 % 5) })
            return sum(out * w)
        }, at: [input] + originals, epsilon: 1e-6, directions: 4, coordinateLimit: 0)
}

/// Runs `layer` on `input` while routing parameter gradients to `leaves` (same order as parameters).
func layerOutput(_ layer: any Layer, input: Variable, leaves: [Variable]) -> Variable {
    // Parameters read their value at construction of Variable(parameter:); the gradient w.r.t.
    // the leaves is obtained by an identity op from each leaf into a parameter-backed node.
    let params = layer.parameters
    for (p, leaf) in zip(params, leaves) { p.value = leaf.value }
    let out = layer(input)
    // Connect: d out / d leaf equals d out / d parameter; take parameter gradients via backward.
    let tracker = ParameterBridge(params: params)
    return Variable.record(out.value, parents: [input] + leaves) { g in
        let cot = tracker.gradients(of: layer, input: input.value, seed: g)
        return cot
    }
}

/// Recomputes the layer on plain inputs and returns input and parameter cotangents.
final class ParameterBridge: @unchecked Sendable {
    let params: [Parameter]
    init(params: [Parameter]) { self.params = params }
    func gradients(of layer: any Layer, input: Tensor, seed: Tensor) -> [Tensor] {
        for p in params { p.zeroGradient() }
        let x = Variable(parameter: Parameter(name: "input", value: input))
        let out = layer(x)
        out.backward(seed: seed)
        let gx = x.parameter!.gradient ?? Tensor.zeros(input.shape)
        return [gx] + params.map { $0.gradient ?? Tensor.zeros($0.value.shape) }
    }
}

@Suite struct FeedForwardTests {
    @Test func linearAndMLPGradientsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 1)
        let linear = Linear(inputSize: 4, outputSize: 3, rng: &rng)
        let r1 = checkLayer(linear, input: randomTensor([5, 4], rng: &rng))
        #expect(r1.passes(tolerance: 1e-6), "\(r1)")
        for act in [Activation.tanh, .sigmoid, .elu, .leakyRelu] {
            let mlp = MLP(inputSize: 4, hiddenSizes: [6, 5], outputSize: 2, activation: act, rng: &rng)
            let r = checkLayer(mlp, input: randomTensor([3, 4], rng: &rng))
            #expect(r.passes(tolerance: 1e-5), "\(act): \(r)")
        }
    }

    @Test func linearComputesAffineMap() {
        let layer = Linear(
            weight: Parameter(name: "w", value: Tensor([[1, 2], [3, 4]])),
            bias: Parameter(name: "b", value: Tensor([0.5, -1])))
        let y = layer(Variable(Tensor([[1, 1], [2, 0]])))
        #expect(y.value.scalars == [4.5, 5, 2.5, 3])
    }

    @Test func mlpFitsSmallRegression() {
        var rng = SeededGenerator(seed: 7)
        let n = 64
        let x = Tensor(shape: [n, 1], scalars: (0..<n).map { Double($0) / Double(n) * 4 - 2 })
        let y = x.map { sin($0) }
        let mlp = MLP(inputSize: 1, hiddenSizes: [16, 16], outputSize: 1, activation: .tanh, rng: &rng)
        var opt = Optimizer(.adam(), learningRate: 0.01)
        var loss = Double.infinity
        for _ in 0..<600 {
            let l = mean(square(mlp(Variable(x)) - Variable(y)))
            loss = l.value.scalar
            l.backward()
            opt.step(mlp.parameters)
        }
        #expect(loss < 2e-3)
    }

    @Test func checkpointRoundTripGivesIdenticalPredictions() throws {
        var rng = SeededGenerator(seed: 3)
        let a = MLP(inputSize: 3, hiddenSizes: [4], outputSize: 2, rng: &rng)
        let b = MLP(inputSize: 3, hiddenSizes: [4], outputSize: 2, rng: &rng)
        let path = NSTemporaryDirectory() + "dflkit-ckpt-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ParameterStore.save(a.parameters, to: path)
        try ParameterStore.load(b.parameters, from: path)
        let x = Variable(randomTensor([5, 3], rng: &rng))
        #expect(a(x).value == b(x).value)
        let wrong = MLP(inputSize: 3, hiddenSizes: [5], outputSize: 2, rng: &rng)
        #expect(throws: CheckpointError.self) { try ParameterStore.load(wrong.parameters, from: path) }
    }

    @Test func dropoutIsSeededAndIdentityInInference() {
        let mode = ModeSwitch()
        let d1 = Dropout(rate: 0.5, mode: mode, seed: 9)
        let d2 = Dropout(rate: 0.5, mode: mode, seed: 9)
        let x = Variable(Tensor.ones([100]))
        let y1 = d1(x).value
        #expect(y1 == d2(x).value)
        #expect(Set(y1.scalars) == [0, 2])
        mode.isTraining = false
        #expect(d1(x).value == x.value)
    }

    @Test func initializersRespectBounds() {
        var rng = SeededGenerator(seed: 5)
        let t = Initializer.xavierUniform.make(shape: [10, 20], fanIn: 10, fanOut: 20, rng: &rng)
        let bound = (6.0 / 30).squareRoot()
        #expect(t.scalars.allSatisfy { abs($0) <= bound })
        #expect(t.scalars.map { abs($0) }.max()! > bound * 0.8)
    }
}
