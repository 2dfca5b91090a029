import DFLRandom
import DFLTensor
import Foundation

/// A network that outputs an independent Gaussian `N(μ, σ²)` per output coordinate: the
/// uncertainty-aware predictor `p(y | x; θ)` of So-EBM Eq. 2.
public protocol GaussianPredictor: Sendable {
    /// Means and standard deviations, each `[batch, outputSize]`.
    func predict(_ input: Variable) -> (mean: Variable, standardDeviation: Variable)
    /// Every trainable parameter.
    var parameters: [Parameter] { get }
    /// Running statistics and other non-trained state saved with snapshots (may be empty).
    var state: [Parameter] { get }
    /// Training/inference switch (dropout, batch norm).
    var mode: ModeSwitch { get }
    /// Number of predicted coordinates.
    var outputSize: Int { get }
}

/// Splits a `[batch, 2d]` head output into `μ` and `σ = softplus(·) + floor`.
func gaussianHead(_ raw: Variable, outputSize d: Int, floor: Double) -> (mean: Variable, standardDeviation: Variable) {
    let mu = slice(raw, axis: 1, 0..<d)
    let sigma = softplus(slice(raw, axis: 1, d..<(2 * d))) + floor
    return (mu, sigma)
}

/// The power benchmark's network: `input → [Linear → BatchNorm → ReLU → Dropout] × L → Linear(2d)`
/// with `μ` the first `d` outputs and `σ = softplus + 1e-6` the last `d` (Donti et al.'s `Net`;
/// defaults: two hidden layers of 200, dropout 0.2).
public struct GaussianMLP: GaussianPredictor {
    /// Hidden affine layers.
    public let hidden: [Linear]
    /// Batch norms after each hidden affine layer (empty when disabled).
    public let norms: [BatchNorm]
    /// Dropout after each hidden activation (nil for none).
    public let dropout: Dropout?
    /// The output layer (`2d` outputs).
    public let output: Linear
    /// Training/inference switch.
    public let mode: ModeSwitch
    /// Number of predicted coordinates `d`.
    public let outputSize: Int
    /// Lower bound added to `σ` (default 1e-6).
    public let sigmaFloor: Double

    /// Creates the network.
    public init(
        inputSize: Int, hiddenSizes: [Int] = [200, 200], outputSize: Int, batchNorm: Bool = true,
        dropoutRate: Double = 0.2, sigmaFloor: Double = 1e-6, name: String = "gaussian_mlp", rng: inout SeededGenerator
    ) {
        let mode = ModeSwitch()
        var layers: [Linear] = [], bns: [BatchNorm] = []
        var width = inputSize
        for (i, h) in hiddenSizes.enumerated() {
            layers.append(Linear(inputSize: width, outputSize: h, name: "\(name).hidden.\(i)", rng: &rng))
            if batchNorm { bns.append(BatchNorm(features: h, mode: mode, name: "\(name).bn.\(i)")) }
            width = h
        }
        hidden = layers
        norms = bns
        dropout = dropoutRate > 0 ? Dropout(rate: dropoutRate, mode: mode, seed: rng.next()) : nil
        output = Linear(inputSize: width, outputSize: 2 * outputSize, name: "\(name).out", rng: &rng)
        self.mode = mode
        self.outputSize = outputSize
        self.sigmaFloor = sigmaFloor
    }

    /// The raw `2d` head output.
    public func raw(_ input: Variable) -> Variable {
        var h = input
        for (i, layer) in hidden.enumerated() {
            h = layer(h)
            if !norms.isEmpty { h = norms[i](h) }
            h = relu(h)
            if let dropout { h = dropout(h) }
        }
        return output(h)
    }

    /// `(μ, σ)`, each `[batch, d]`.
    public func predict(_ input: Variable) -> (mean: Variable, standardDeviation: Variable) {
        gaussianHead(raw(input), outputSize: outputSize, floor: sigmaFloor)
    }

    /// All trainable parameters.
    public var parameters: [Parameter] {
        hidden.flatMap(\.parameters) + norms.flatMap(\.parameters) + output.parameters
    }

    /// Batch-norm running statistics.
    public var state: [Parameter] { norms.flatMap(\.state) }
}

/// A recurrent Gaussian forecaster: stacked GRU layers over `[batch, time, features]`, then a
/// linear head on the last hidden state producing `(μ, σ)` (the COVID forecaster, So-EBM §4.2:
/// a 2-layer GRU).
public struct GaussianGRU: GaussianPredictor {
    /// The recurrent layers, bottom first.
    public let layers: [RecurrentLayer]
    /// The linear head (`2d` outputs).
    public let head: Linear
    /// Training/inference switch (no stochastic layers; kept for the protocol).
    public let mode: ModeSwitch
    /// Number of predicted coordinates `d`.
    public let outputSize: Int
    /// Lower bound added to `σ`.
    public let sigmaFloor: Double

    /// Creates the network.
    public init(
        inputSize: Int, hiddenSize: Int = 32, layerCount: Int = 2, outputSize: Int, sigmaFloor: Double = 1e-6,
        name: String = "gaussian_gru", rng: inout SeededGenerator
    ) {
        var made: [RecurrentLayer] = []
        for i in 0..<max(layerCount, 1) {
            made.append(
                RecurrentLayer(
                    kind: .gru, inputSize: i == 0 ? inputSize : hiddenSize, hiddenSize: hiddenSize,
                    name: "\(name).gru.\(i)", rng: &rng))
        }
        layers = made
        head = Linear(inputSize: hiddenSize, outputSize: 2 * outputSize, name: "\(name).head", rng: &rng)
        mode = ModeSwitch()
        self.outputSize = outputSize
        self.sigmaFloor = sigmaFloor
    }

    /// `(μ, σ)` from a `[batch, time, features]` sequence.
    public func predict(_ input: Variable) -> (mean: Variable, standardDeviation: Variable) {
        var h = input
        for layer in layers.dropLast() { h = layer(h) }
        let last = layers[layers.count - 1].lastHidden(h)
        return gaussianHead(head(last), outputSize: outputSize, floor: sigmaFloor)
    }

    /// All trainable parameters.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) + head.parameters }
    /// No running state.
    public var state: [Parameter] { [] }
}

/// The mean Gaussian negative log-likelihood `mean_{b,j} [log σ + (y − μ)²/(2σ²)] + ½ log 2π`.
public func gaussianNegativeLogLikelihood(mean mu: Variable, standardDeviation sigma: Variable, target y: Tensor)
    -> Variable
{
    let z = (Variable(y) - mu) / sigma
    return mean(log(sigma) + 0.5 * square(z)) + 0.5 * Foundation.log(2 * Double.pi)
}
