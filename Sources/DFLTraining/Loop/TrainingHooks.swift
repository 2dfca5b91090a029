import DFLTensor

/// Scores the model on held-out data every `every` epochs and after the last epoch.
///
/// The score feeds ``KeepBestHook`` and ``EarlyStoppingHook``; the closure may also write its
/// numbers into the epoch's ``EpochRecord`` (the ``Trainer`` stores its test regrets there).
public struct EvaluationHook {
    /// Evaluate after epoch `e` when `e % every == 0` or `e` is the last epoch.
    public var every: Int
    /// Which way the score improves.
    public var direction: ScoreDirection
    /// The score after `epoch` (0: before training, for ``KeepBestHook``'s starting point).
    public var score: (_ epoch: Int, _ record: inout EpochRecord) throws -> Double

    /// An evaluation that may annotate the epoch's record.
    public init(
        every: Int = 1, direction: ScoreDirection = .lowerIsBetter,
        score: @escaping (_ epoch: Int, _ record: inout EpochRecord) throws -> Double
    ) {
        self.every = every
        self.direction = direction
        self.score = score
    }

    /// An evaluation that only returns a score.
    public init(every: Int = 1, direction: ScoreDirection = .lowerIsBetter, score: @escaping () throws -> Double) {
        self.init(every: every, direction: direction) { _, _ in try score() }
    }

    /// Whether the loop evaluates after `epoch` of `epochs`.
    public func isDue(after epoch: Int, of epochs: Int) -> Bool {
        epoch % max(every, 1) == 0 || epoch == epochs
    }
}

/// Keeps the parameters with the best evaluation score (the starting model included, scored
/// before the first epoch) and restores them when the run ends. Only a strictly better score
/// replaces the kept snapshot.
public struct KeepBestHook {
    /// The parameters snapshotted and restored (by name, through `ParameterStore`); nil: the
    /// model's parameters and state.
    public var parameters: [Parameter]?
    /// Runs after the best snapshot has been restored (to sync state held outside parameters).
    public var afterRestore: (() -> Void)?

    /// Keeps the best of `parameters` (nil: the model's parameters and state).
    public init(parameters: [Parameter]? = nil, afterRestore: (() -> Void)? = nil) {
        self.parameters = parameters
        self.afterRestore = afterRestore
    }
}

/// Stops when the evaluation score has not improved by more than `margin` for `patience`
/// evaluations in a row (never after the last epoch). The first evaluation always improves.
public struct EarlyStoppingHook: Sendable {
    /// Evaluations without improvement that end the run.
    public var patience: Int
    /// An improvement must beat the best score by more than this.
    public var margin: Double

    /// Stops after `patience` evaluations without an improvement larger than `margin`.
    public init(patience: Int, margin: Double = 1e-12) {
        self.patience = patience
        self.margin = margin
    }
}

/// Hands the loop's full resumable state to `save` after every epoch; a run started again
/// passes the saved state to ``TrainingLoop/restore(_:source:)``.
public struct CheckpointHook {
    /// Stores the state (throwing stops the run).
    public var save: (TrainingLoopState) throws -> Void

    /// Saves through `save` after every epoch.
    public init(save: @escaping (TrainingLoopState) throws -> Void) { self.save = save }
}

/// The hooks of a ``TrainingLoop``, all optional values: nothing is subclassed.
public struct TrainingHooks {
    /// Scores the model between epochs.
    public var evaluation: EvaluationHook?
    /// Keeps and finally restores the best-scoring parameters (needs ``evaluation``).
    public var keepBest: KeepBestHook?
    /// Ends the run when the score stalls (needs ``evaluation``).
    public var earlyStopping: EarlyStoppingHook?
    /// Saves the resumable state after every epoch.
    public var checkpoint: CheckpointHook?
    /// Makes the error thrown for a non-finite loss at `(epoch, batch)`; nil: no check.
    public var nonFiniteLoss: ((_ epoch: Int, _ batch: Int) -> any Error)?
    /// Tests every batch's gradient before the update; nil: no test.
    public var gradientGuard: GradientGuard?
    /// Runs after every batch's update (e.g. a second optimizer on extra parameters).
    public var afterUpdate: ((_ epoch: Int, _ batch: Int) throws -> Void)?
    /// Receives the run's progress.
    public var observer: ((TrainingEvent) -> Void)?
    /// Adds to an epoch's record before it is stored and reported (e.g. timings measured outside
    /// the loop); runs after the evaluation.
    public var annotateEpoch: ((_ record: inout EpochRecord) -> Void)?

    /// Hooks; every one is off unless given.
    public init(
        evaluation: EvaluationHook? = nil, keepBest: KeepBestHook? = nil, earlyStopping: EarlyStoppingHook? = nil,
        checkpoint: CheckpointHook? = nil, nonFiniteLoss: ((_ epoch: Int, _ batch: Int) -> any Error)? = nil,
        gradientGuard: GradientGuard? = nil, afterUpdate: ((_ epoch: Int, _ batch: Int) throws -> Void)? = nil,
        observer: ((TrainingEvent) -> Void)? = nil
    ) {
        self.evaluation = evaluation
        self.keepBest = keepBest
        self.earlyStopping = earlyStopping
        self.checkpoint = checkpoint
        self.nonFiniteLoss = nonFiniteLoss
        self.gradientGuard = gradientGuard
        self.afterUpdate = afterUpdate
        self.observer = observer
    }
}
