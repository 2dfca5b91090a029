import DFLNN
import DFLTensor

/// A predictor of costs the ``Trainer`` can train: features `[B, featureCount]` → costs `[B, d]`.
///
/// Its ``TrainableModel/parameters`` need unique names (checkpoints store them by name through
/// `ParameterStore`). ``DenseMLPPredictor`` and ``ItemwiseMLPPredictor`` are the two layouts the
/// configuration-driven initializer builds; any other network (a hand-written linear model, a
/// network built from DFLNN layers) conforms by giving these two members.
public protocol CostPredictor: TrainableModel {
    /// The number of features of one instance (the width of the input).
    var featureCount: Int { get }
    /// The predicted costs `[B, d]` of the features `[B, featureCount]`.
    func callAsFunction(_ features: Variable) -> Variable
}
