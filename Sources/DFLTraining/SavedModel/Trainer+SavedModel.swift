import DFLNN

extension Trainer {
    /// The trained predictor as a ``SavedModel`` for `problem` (its current weights: after
    /// ``fit(train:validation:test:)``, the kept model), with the run's summary when `result` is given.
    /// - Throws: ``SavedModelError`` `.mismatch` when the predictor is not one of the two MLP
    ///   layouts (``DenseMLPPredictor``, ``ItemwiseMLPPredictor``) or `problem` has another cost dimension.
    public func savedModel(problem: ProblemReference, result: TrainingResult? = nil) throws -> SavedModel {
        let network: MLP
        let layout: String
        if let dense = model as? DenseMLPPredictor {
            (network, layout) = (dense.network, "dense")
        } else if let itemwise = model as? ItemwiseMLPPredictor {
            (network, layout) = (itemwise.network, "itemwise")
        } else {
            throw SavedModelError(
                .mismatch, "only the MLP predictors (dense, itemwise) can be saved, not \(type(of: model))")
        }
        guard problem.costDimension == oracle.costDimension else {
            throw SavedModelError(
                .mismatch,
                "the problem reference has \(problem.costDimension) costs, the trained problem \(oracle.costDimension)")
        }
        let architecture = PredictorArchitecture(
            layout: layout, featureCount: featureCount, costDimension: oracle.costDimension,
            hiddenSizes: network.layers.dropLast().map(\.outputSize), activation: network.activation.rawValue)
        return SavedModel(
            architecture: architecture, parameters: ParameterStore.snapshot(model.parameters + model.state),
            problem: problem, method: loss.name, configuration: configuration,
            training: result.map {
                TrainingSummary(
                    epochs: $0.epochs, bestEpoch: $0.bestEpoch, testNormalizedRegret: $0.normalizedRegret,
                    trainCount: $0.trainCount)
            })
    }
}
