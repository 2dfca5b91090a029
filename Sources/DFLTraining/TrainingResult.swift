/// One epoch of a training run.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss over the epoch's batches.
    public var trainLoss: Double
    /// Wall-clock seconds of the epoch's training (forward, solves, backward, updates).
    public var seconds: Double
    /// Test normalized regret (PyEPO's Σ regret / Σ|z*|), when evaluated this epoch.
    public var testNormalizedRegret: Double?
    /// Test mean relative regret (smoothing paper Eq. 14), when evaluated this epoch.
    public var testMeanRelativeRegret: Double?
    /// Validation normalized regret, when the run has a validation set and evaluated this epoch
    /// (the score that early stopping and keep-best follow).
    public var validationNormalizedRegret: Double? = nil
    /// Validation mean relative regret, likewise.
    public var validationMeanRelativeRegret: Double? = nil
    /// Of ``seconds``: time with at least one exact-solver call of the loss running (nil in files
    /// written before it was measured).
    public var solverSeconds: Double? = nil
    /// Seconds of this epoch's evaluation (validation and test sets), apart from ``seconds``; nil
    /// when the epoch was not evaluated.
    public var evaluationSeconds: Double? = nil
}

/// The outcome of a training run: the fields of the JSON that `dfl train --output` writes.
public struct TrainingResult: Codable, Sendable, Equatable {
    /// Method (loss) name.
    public var method: String
    /// Problem name.
    public var problem: String
    /// Epochs run.
    public var epochs: Int
    /// Final test normalized regret, Σ regret / Σ|z*| (PyEPO's definition).
    public var normalizedRegret: Double
    /// Final test mean relative regret (Eq. 14 of the smoothing paper).
    public var meanRelativeRegret: Double
    /// Normalized regret of the untrained predictor.
    public var initialNormalizedRegret: Double
    /// Mean training seconds per epoch: forward, solver calls, backward, updates (evaluation
    /// excluded; see ``timing``).
    public var secondsPerEpoch: Double
    /// Total training seconds (evaluation excluded).
    public var trainingSeconds: Double
    /// Seed of the run.
    public var seed: UInt64
    /// Training instances.
    public var trainCount: Int
    /// Test instances.
    public var testCount: Int
    /// Per-epoch history.
    public var history: [EpochRecord]
    /// Whether early stopping ended the run before `configuration.epochs`.
    public var stoppedEarly: Bool
    /// Validation instances (nil: the run had no validation set).
    public var validationCount: Int? = nil
    /// The epoch whose model was kept: best validation regret (0 = the untrained model; nil
    /// without a validation set, when the last model is kept).
    public var bestEpoch: Int? = nil
    /// Validation normalized regret of the kept model.
    public var validationNormalizedRegret: Double? = nil
    /// Validation normalized regret of the untrained model (nil without a validation set, on a
    /// resumed run, and in older files).
    public var initialValidationNormalizedRegret: Double? = nil
    /// Where the time went (nil in files written before it was measured).
    public var timing: RunTiming? = nil
    /// The resolved settings of the run, every field (nil in older files).
    public var configuration: TrainingConfiguration? = nil
    /// Versions, input fingerprints and the command line, filled in by `dfl train` (nil from the
    /// library and in older files).
    public var provenance: RunProvenance? = nil
}
