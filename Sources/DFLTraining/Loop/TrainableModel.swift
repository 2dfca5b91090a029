import DFLNN
import DFLTensor

/// Anything the ``TrainingLoop`` can train: a list of parameters the optimizer updates, the
/// non-trained state saved with them (running statistics), and an optional train/eval switch.
public protocol TrainableModel {
    /// The parameters the optimizer updates, in a fixed order, with unique names.
    var parameters: [Parameter] { get }
    /// Non-trained state snapshotted together with ``parameters`` (e.g. batch-norm running
    /// statistics); empty by default.
    var state: [Parameter] { get }
    /// The switch of the model's stochastic layers (dropout, batch norm); nil when it has none.
    /// The loop turns it on for the steps of an epoch and off for evaluation.
    var trainingMode: ModeSwitch? { get }
}

extension TrainableModel {
    /// No non-trained state.
    public var state: [Parameter] { [] }
    /// No train/eval switch.
    public var trainingMode: ModeSwitch? { nil }
}

/// A model given by its parts: for predictors that are not one network (a predictor plus a
/// learned reparameterization, an MLP or a sequence model behind one call).
public struct TrainableParameters: TrainableModel {
    /// The parameters the optimizer updates.
    public var parameters: [Parameter]
    /// Non-trained state saved with snapshots.
    public var state: [Parameter]
    /// The train/eval switch, if any.
    public var trainingMode: ModeSwitch?

    /// Creates a model from its parameters, state and switch.
    public init(parameters: [Parameter], state: [Parameter] = [], trainingMode: ModeSwitch? = nil) {
        self.parameters = parameters
        self.state = state
        self.trainingMode = trainingMode
    }
}

extension MLP: TrainableModel {
    /// The dropout's switch (nil without dropout: the network behaves the same in both modes).
    public var trainingMode: ModeSwitch? { dropout?.mode }
}

extension GaussianMLP: TrainableModel {
    /// The network's switch (dropout and batch norm).
    public var trainingMode: ModeSwitch? { mode }
}

extension GaussianGRU: TrainableModel {
    /// The network's switch (no stochastic layers; switching it changes nothing).
    public var trainingMode: ModeSwitch? { mode }
}
