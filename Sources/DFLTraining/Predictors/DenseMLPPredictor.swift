import DFLNN
import DFLTensor

/// The dense layout: one ``MLP`` maps all of an instance's features to all of its costs.
public struct DenseMLPPredictor: CostPredictor {
    /// The network `featureCount → d`.
    public let network: MLP

    /// Wraps `network` (its input size is the feature count, its output size the cost dimension).
    public init(network: MLP) {
        self.network = network
    }

    /// The network's input size.
    public var featureCount: Int { network.layers[0].inputSize }
    /// The network's parameters.
    public var parameters: [Parameter] { network.parameters }
    /// The network's dropout switch (nil without dropout).
    public var trainingMode: ModeSwitch? { network.trainingMode }

    /// The network applied to the features.
    public func callAsFunction(_ features: Variable) -> Variable { network(features) }
}
