import DFLTensor

/// Two-stage ("predict, then optimize") baseline: mean squared error of the predicted costs,
/// averaged over instances and coordinates (PyTorch's `nn.MSELoss`, PyEPO's 2-stage).
public struct TwoStageMSE: DecisionLoss {
    /// `"two-stage"`.
    public let name = "two-stage"
    /// Creates the loss.
    public init() {}

    /// `mean((ĉ − c)²)`.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        _ = try validatedRows(predicted, batch)
        return mean(square(predicted - Tensor(shape: [batch.count, batch.dimension], scalars: batch.costs)))
    }
}
