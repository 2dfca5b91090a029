import DFLLosses

/// Every setting of a decision-focused training run, `Codable` so that a YAML/JSON config file, the
/// CLI flags and a checkpoint all carry the same thing. Defaults are PyEPO's anchor run
/// (docs/pyepo.md, "The anchor run"):
/// Adam, learning rate 0.01, batch size 32, 10 epochs, seed 42.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// The loss / method name, one of ``LossRegistry`` names (e.g. `"spo+"`, `"two-stage"`).
    public var method: String = "spo+"
    /// Number of passes over the training set.
    public var epochs: Int = 10
    /// Instances per mini-batch.
    public var batchSize: Int = 32
    /// Step size of the optimizer.
    public var learningRate: Double = 0.01
    /// Optimizer: `"adam"`, `"adamw"` or `"sgd"`.
    public var optimizer: String = "adam"
    /// Decoupled weight decay (AdamW) or L2 (SGD); 0 by default.
    public var weightDecay: Double = 0
    /// Momentum for SGD.
    public var momentum: Double = 0
    /// Clip gradients to this global norm when set.
    public var gradientClipNorm: Double? = nil
    /// Seed of every random choice (initialization, shuffling, perturbations, cache coin).
    public var seed: UInt64 = 42
    /// Worker threads for solver calls.
    public var threads: Int = 2
    /// Evaluate on the test/validation set every this many epochs (and always after the last).
    public var evaluateEvery: Int = 1
    /// Stop when the validation regret has not improved for this many evaluations (nil: never).
    public var earlyStoppingPatience: Int? = nil
    /// Probability of calling the solver rather than the solution pool (PyEPO's `solve_ratio`).
    public var solveRatio: Double = 1
    /// Hidden layer sizes of the predictor; empty means a linear model.
    public var hiddenSizes: [Int] = []
    /// Predictor layout: `"dense"` maps all features to all costs (PyEPO); `"itemwise"` applies one
    /// shared network to each item's own features (`featureCount` must be a multiple of the cost
    /// dimension, item `j` owning columns `j·f…(j+1)·f − 1`) — the Top-K benchmark's linear model.
    public var predictor: String = "dense"
    /// Method hyper-parameters (σ, sample count, λ, μ, ...) with the defaults of each method.
    public var hyperparameters: LossHyperparameters = .init()
    /// Write a checkpoint here after every epoch (nil: no checkpoints).
    public var checkpointPath: String? = nil

    /// The defaults.
    public init() {}

    /// Checks ranges and names.
    /// - Throws: ``TrainingError`` `.invalidConfiguration` saying which field is wrong.
    public func validate() throws {
        func fail(_ s: String) throws { throw TrainingError.invalidConfiguration(s) }
        if epochs < 1 { try fail("epochs must be ≥ 1 (got \(epochs))") }
        if batchSize < 1 { try fail("batch size must be ≥ 1 (got \(batchSize))") }
        if !(learningRate > 0) || !learningRate.isFinite { try fail("learning rate must be > 0 (got \(learningRate))") }
        if !["adam", "adamw", "sgd"].contains(optimizer) {
            try fail("unknown optimizer '\(optimizer)' (choose adam, adamw or sgd)")
        }
        if threads < 1 { try fail("threads must be ≥ 1 (got \(threads))") }
        if evaluateEvery < 1 { try fail("evaluateEvery must be ≥ 1 (got \(evaluateEvery))") }
        if !(weightDecay >= 0) || !weightDecay.isFinite { try fail("weight decay must be ≥ 0 (got \(weightDecay))") }
        if !(momentum >= 0 && momentum < 1) { try fail("momentum must be in [0, 1) (got \(momentum))") }
        if let clip = gradientClipNorm, !(clip > 0) || !clip.isFinite {
            try fail("gradient clip norm must be > 0 (got \(clip))")
        }
        if let patience = earlyStoppingPatience, patience < 1 {
            try fail("early-stopping patience must be ≥ 1 (got \(patience))")
        }
        if !(0...1).contains(solveRatio) { try fail("solve ratio must be in [0, 1] (got \(solveRatio))") }
        if hiddenSizes.contains(where: { $0 < 1 }) { try fail("hidden sizes must be ≥ 1 (got \(hiddenSizes))") }
        if !["dense", "itemwise"].contains(predictor) {
            try fail("unknown predictor '\(predictor)' (choose dense or itemwise)")
        }
        do { try hyperparameters.validate() } catch let e as LossError {
            throw TrainingError.invalidConfiguration(e.description)
        }
    }
}

extension TrainingConfiguration {
    enum CodingKeys: String, CodingKey {
        case method, epochs, batchSize, learningRate, optimizer, weightDecay, momentum, gradientClipNorm, seed,
            threads, evaluateEvery, earlyStoppingPatience, solveRatio, hiddenSizes, predictor, hyperparameters,
            checkpointPath
    }

    /// Decodes a configuration in which every key is optional (missing keys keep their defaults),
    /// so a YAML/JSON config file names only what it changes.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        method = try c.decodeIfPresent(String.self, forKey: .method) ?? method
        epochs = try c.decodeIfPresent(Int.self, forKey: .epochs) ?? epochs
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? batchSize
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? learningRate
        optimizer = try c.decodeIfPresent(String.self, forKey: .optimizer) ?? optimizer
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? weightDecay
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? momentum
        gradientClipNorm = try c.decodeIfPresent(Double.self, forKey: .gradientClipNorm) ?? gradientClipNorm
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? seed
        threads = try c.decodeIfPresent(Int.self, forKey: .threads) ?? threads
        evaluateEvery = try c.decodeIfPresent(Int.self, forKey: .evaluateEvery) ?? evaluateEvery
        earlyStoppingPatience = try c.decodeIfPresent(Int.self, forKey: .earlyStoppingPatience) ?? earlyStoppingPatience
        solveRatio = try c.decodeIfPresent(Double.self, forKey: .solveRatio) ?? solveRatio
        hiddenSizes = try c.decodeIfPresent([Int].self, forKey: .hiddenSizes) ?? hiddenSizes
        predictor = try c.decodeIfPresent(String.self, forKey: .predictor) ?? predictor
        hyperparameters = try c.decodeIfPresent(LossHyperparameters.self, forKey: .hyperparameters) ?? hyperparameters
        checkpointPath = try c.decodeIfPresent(String.self, forKey: .checkpointPath) ?? checkpointPath
    }
}
