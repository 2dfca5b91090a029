import DFLOptimizers
import DFLTensor

/// Everything a ``TrainingLoop`` needs to continue a run on exactly the same trajectory:
/// handed to ``CheckpointHook`` after every epoch and back to ``TrainingLoop/restore(_:source:)``.
public struct TrainingLoopState: Codable, Sendable, Equatable {
    /// Epochs finished.
    public var completedEpochs = 0
    /// The model's parameters by name (after the last finished epoch).
    public var parameters: [String: Tensor] = [:]
    /// The optimizer's moments and step count (nil before the first epoch).
    public var optimizer: OptimizerState? = nil
    /// One record per finished epoch.
    public var history: [EpochRecord] = []
    /// Best score seen by ``EarlyStoppingHook`` (nil before the first evaluation).
    public var earlyStoppingBest: Double? = nil
    /// Evaluations since ``earlyStoppingBest`` last improved.
    public var evaluationsWithoutImprovement = 0
    /// Best score kept by ``KeepBestHook`` and its snapshot (nil without the hook).
    public var keptBest: KeptSnapshot? = nil

    /// The state of a run that has not started.
    public init() {}
}

/// A snapshot kept for its score.
public struct KeptSnapshot: Codable, Sendable, Equatable {
    /// The evaluation score of the snapshot.
    public var score: Double
    /// Epoch after which it was taken (0: the starting model).
    public var epoch: Int
    /// Parameter values by name.
    public var parameters: [String: Tensor]
}
