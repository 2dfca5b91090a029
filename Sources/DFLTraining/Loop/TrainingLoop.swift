import DFLNN
import DFLOptimizers
import DFLTensor
import Dispatch

/// The one training loop of DFLKit: epochs of mini-batches, each batch's loss differentiated and
/// applied by an ``Optimizer``, with evaluation, keep-best, early stopping, checkpoints and
/// progress as ``TrainingHooks`` values.
///
/// One epoch, in this order:
/// 1. the model's ``TrainableModel/trainingMode`` is switched on; `prepareEpoch(epoch)` draws the
///    epoch's batches (shuffles, reseeds) and returns their count; `.epochStarted` is reported;
/// 2. the clock starts; for every batch: the model's gradients are cleared, `loss(epoch, batch)`
///    is built, checked (``TrainingHooks/nonFiniteLoss``), differentiated, its gradient checked
///    (``TrainingHooks/gradientGuard``), the optimizer steps the model's parameters,
///    ``TrainingHooks/afterUpdate`` runs and `.batchFinished` is reported; the clock stops;
/// 3. the mode is switched off; when due, ``TrainingHooks/evaluation`` scores the model, and the
///    score updates ``TrainingHooks/keepBest`` and ``TrainingHooks/earlyStopping``;
/// 4. the record is appended and reported (`.epochFinished`); the state goes to
///    ``TrainingHooks/checkpoint``; early stopping may end the run.
///
/// With ``KeepBestHook`` the starting model is scored before the first epoch (in whatever mode
/// it is in) and the best snapshot is restored at the end.
public struct TrainingLoop<Model: TrainableModel> {
    /// The model being trained.
    public let model: Model
    /// The optimizer (its state moves with the run).
    public var optimizer: Optimizer
    /// The hooks.
    public var hooks: TrainingHooks
    /// The progress so far (non-empty after ``restore(_:source:)`` or a finished run).
    public private(set) var progress = TrainingLoopState()

    /// A loop training `model` with `optimizer`.
    public init(model: Model, optimizer: Optimizer, hooks: TrainingHooks = TrainingHooks()) {
        self.model = model
        self.optimizer = optimizer
        self.hooks = hooks
    }

    /// Continues from a saved state: restores the parameters and the optimizer and the epoch
    /// count, history and hook states; reports `.resumed(path: source, …)`.
    /// - Throws: `CheckpointError` when a parameter is missing or has another shape (the model
    ///   is then untouched).
    public mutating func restore(_ state: TrainingLoopState, source: String) throws {
        try ParameterStore.restore(model.parameters, from: state.parameters, source: source)
        if let saved = state.optimizer { optimizer.state = saved }
        progress = state
        hooks.observer?(.resumed(path: source, completedEpochs: state.completedEpochs))
    }

    /// The current resumable state (parameters and optimizer included).
    public var state: TrainingLoopState {
        var s = progress
        s.parameters = ParameterStore.snapshot(model.parameters)
        s.optimizer = optimizer.state
        return s
    }

    /// Runs the epochs after the completed ones up to `epochs`.
    /// - Parameters:
    ///   - epochs: The last epoch to run (1-based).
    ///   - prepareEpoch: Called at the start of each epoch (1-based) in training mode; draws
    ///     that epoch's batches and returns how many there are.
    ///   - loss: The scalar loss of batch `batch` (0-based) of `epoch`.
    /// - Returns: The run's records, the kept best score and whether it stopped early.
    /// - Throws: what the closures and hooks throw; `CheckpointError` if the kept snapshot
    ///   cannot be restored.
    public mutating func run(
        epochs: Int, prepareEpoch: (_ epoch: Int) throws -> Int, loss: (_ epoch: Int, _ batch: Int) throws -> Variable
    ) throws -> TrainingRun {
        let parameters = model.parameters
        let mode = model.trainingMode
        let evaluation = hooks.evaluation
        let direction = evaluation?.direction ?? .lowerIsBetter
        let keptParameters = hooks.keepBest.map { $0.parameters ?? (parameters + model.state) }
        var startingScore: Double?
        if let keptParameters, progress.keptBest == nil, let evaluation {
            var unused = EpochRecord(epoch: 0, trainLoss: 0, seconds: 0)
            let score = try evaluation.score(0, &unused)
            startingScore = score
            progress.keptBest = KeptSnapshot(
                score: score, epoch: 0, parameters: ParameterStore.snapshot(keptParameters))
        }
        var stoppedEarly = false
        var epoch = progress.completedEpochs + 1
        while epoch <= epochs {
            mode?.isTraining = true
            let batchCount = try prepareEpoch(epoch)
            hooks.observer?(.epochStarted(epoch: epoch, epochs: epochs, batches: batchCount))
            let start = DispatchTime.now().uptimeNanoseconds
            var lossSum = 0.0
            for b in 0..<batchCount {
                for p in parameters { p.zeroGradient() }
                let l = try loss(epoch, b)
                if let failure = hooks.nonFiniteLoss, !l.value.isFinite { throw failure(epoch, b) }
                let value = l.value.scalar
                l.backward()
                if let guardrail = hooks.gradientGuard, !guardrail.passes(parameters) {
                    switch guardrail.action {
                    case .fail(let error): throw error(epoch, b)
                    case .skipUpdate(let report):
                        for p in parameters { p.gradient = nil }
                        report(epoch, b)
                    }
                } else {
                    optimizer.step(parameters)
                    try hooks.afterUpdate?(epoch, b)
                }
                lossSum += value
                hooks.observer?(.batchFinished(batch: b + 1, meanLoss: lossSum / Double(b + 1)))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            mode?.isTraining = false
            var record = EpochRecord(epoch: epoch, trainLoss: lossSum / Double(batchCount), seconds: seconds)
            if let evaluation, evaluation.isDue(after: epoch, of: epochs) {
                let score = try evaluation.score(epoch, &record)
                if let keptParameters, let kept = progress.keptBest, direction.improves(score, on: kept.score) {
                    progress.keptBest = KeptSnapshot(
                        score: score, epoch: epoch, parameters: ParameterStore.snapshot(keptParameters))
                }
                if let stopping = hooks.earlyStopping {
                    if direction.improves(score, on: progress.earlyStoppingBest ?? direction.worst, by: stopping.margin)
                    {
                        progress.earlyStoppingBest = score
                        progress.evaluationsWithoutImprovement = 0
                    } else {
                        progress.evaluationsWithoutImprovement += 1
                    }
                }
            }
            hooks.annotateEpoch?(&record)
            progress.history.append(record)
            progress.completedEpochs = epoch
            hooks.observer?(.epochFinished(record))
            try hooks.checkpoint?.save(state)
            if let stopping = hooks.earlyStopping, progress.evaluationsWithoutImprovement >= stopping.patience,
                epoch < epochs
            {
                stoppedEarly = true
                break
            }
            epoch += 1
        }
        if let keptParameters, let kept = progress.keptBest {
            try ParameterStore.restore(keptParameters, from: kept.parameters)
            hooks.keepBest?.afterRestore?()
        }
        mode?.isTraining = false
        return TrainingRun(
            history: progress.history, stoppedEarly: stoppedEarly, bestScore: progress.keptBest?.score,
            bestEpoch: progress.keptBest?.epoch, startingScore: startingScore)
    }
}
