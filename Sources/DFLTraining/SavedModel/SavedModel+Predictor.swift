import DFLNN
import DFLRandom
import DFLTensor

extension SavedModel {
    /// The saved network, rebuilt from ``architecture`` and loaded with ``parameters``.
    /// - Throws: ``SavedModelError`` `.mismatch` for an unknown layout or activation, sizes that
    ///   do not fit, or weights that are missing or of another shape.
    public func makePredictor() throws -> any CostPredictor {
        try makePredictor(source: "saved model")
    }

    func makePredictor(source: String) throws -> any CostPredictor {
        let a = architecture
        guard let activation = Activation(rawValue: a.activation) else {
            throw SavedModelError(.mismatch, "\(source): unknown activation '\(a.activation)'")
        }
        guard a.featureCount >= 1, a.costDimension >= 1, a.hiddenSizes.allSatisfy({ $0 >= 1 }) else {
            throw SavedModelError(
                .mismatch,
                "\(source): sizes must be positive (features \(a.featureCount), costs \(a.costDimension), hidden \(a.hiddenSizes))"
            )
        }
        guard a.costDimension == problem.costDimension else {
            throw SavedModelError(
                .mismatch,
                "\(source): the predictor gives \(a.costDimension) costs, the problem '\(problem.name)' has \(problem.costDimension)"
            )
        }
        // The initial values are overwritten by the saved ones below.
        var rng = SeededGenerator(seed: 0)
        let predictor: any CostPredictor
        switch a.layout {
        case "dense":
            predictor = DenseMLPPredictor(
                network: MLP(
                    inputSize: a.featureCount, hiddenSizes: a.hiddenSizes, outputSize: a.costDimension,
                    activation: activation, name: "predictor", rng: &rng))
        case "itemwise":
            guard a.featureCount % a.costDimension == 0 else {
                throw SavedModelError(
                    .mismatch,
                    "\(source): item-wise layout with \(a.featureCount) features for \(a.costDimension) items")
            }
            predictor = ItemwiseMLPPredictor(
                network: MLP(
                    inputSize: a.featureCount / a.costDimension, hiddenSizes: a.hiddenSizes, outputSize: 1,
                    activation: activation, name: "predictor", rng: &rng),
                itemCount: a.costDimension)
        default:
            throw SavedModelError(.mismatch, "\(source): unknown layout '\(a.layout)' (dense or itemwise)")
        }
        let expected = Set(predictor.parameters.map(\.name))
        if let extra = parameters.keys.sorted().first(where: { !expected.contains($0) }) {
            throw SavedModelError(.mismatch, "\(source): weight '\(extra)' is not part of the architecture")
        }
        do { try ParameterStore.restore(predictor.parameters, from: parameters, source: source) } catch let e
            as CheckpointError
        {
            throw SavedModelError(.mismatch, e.message)
        }
        if let bad = parameters.first(where: { !$0.value.scalars.allSatisfy(\.isFinite) }) {
            throw SavedModelError(.mismatch, "\(source): weight '\(bad.key)' holds NaN or infinity")
        }
        return predictor
    }

    /// Predicted costs of `count` instances whose features are `features` (flat, `count ×
    /// featureCount`, row-major): flat `count × costDimension`.
    /// - Throws: ``SavedModelError`` `.mismatch` when the features do not have the model's width;
    ///   what ``makePredictor()`` throws.
    public func predict(features: [Double], count: Int) throws -> [Double] {
        let p = architecture.featureCount
        guard count >= 0, features.count == count * p else {
            throw SavedModelError(
                .mismatch,
                "the model reads \(p) features per instance, got \(features.count) values for \(count) instances")
        }
        guard count > 0 else { return [] }
        let predictor = try makePredictor()
        return predictor(Variable(Tensor(shape: [count, p], scalars: features))).value.scalars
    }
}
