import DFLNN
import DFLTensor

/// The item-wise layout: the features of an instance are `d` blocks of `featuresPerItem`, and one
/// ``MLP`` `featuresPerItem → 1`, shared by all items, maps each block to that item's cost.
public struct ItemwiseMLPPredictor: CostPredictor {
    /// The shared network `featuresPerItem → 1`.
    public let network: MLP
    /// The number of items (the cost dimension `d`).
    public let itemCount: Int

    /// Wraps `network` (input: one item's features; output size 1) for `itemCount` items.
    public init(network: MLP, itemCount: Int) {
        self.network = network
        self.itemCount = itemCount
    }

    /// The features of one item (the network's input size).
    public var featuresPerItem: Int { network.layers[0].inputSize }
    /// `featuresPerItem · itemCount`.
    public var featureCount: Int { featuresPerItem * itemCount }
    /// The network's parameters.
    public var parameters: [Parameter] { network.parameters }
    /// The network's dropout switch (nil without dropout).
    public var trainingMode: ModeSwitch? { network.trainingMode }

    /// The shared network applied to every item's block: `[B, d·f]` → `[B·d, f]` → `[B, d]`.
    public func callAsFunction(_ features: Variable) -> Variable {
        let b = features.shape[0]
        return reshape(network(reshape(features, [b * itemCount, featuresPerItem])), [b, itemCount])
    }
}
