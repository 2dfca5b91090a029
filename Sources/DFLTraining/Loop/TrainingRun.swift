/// The outcome of ``TrainingLoop/run(epochs:prepareEpoch:loss:)``.
public struct TrainingRun: Sendable, Equatable {
    /// One record per epoch run (resumed epochs included).
    public var history: [EpochRecord]
    /// Whether ``EarlyStoppingHook`` ended the run before the last epoch.
    public var stoppedEarly: Bool
    /// Score of the restored snapshot, with ``KeepBestHook``.
    public var bestScore: Double?
    /// Epoch of the restored snapshot (0: the starting model), with ``KeepBestHook``.
    public var bestEpoch: Int?
    /// Score of the starting model, when this run scored it (with ``KeepBestHook``; nil on resume).
    public var startingScore: Double? = nil

    /// Total training seconds over ``history`` (evaluation excluded).
    public var trainingSeconds: Double { history.map(\.seconds).reduce(0, +) }
    /// Training seconds divided by `epochs` (at least 1).
    public func secondsPerEpoch(over epochs: Int) -> Double { trainingSeconds / Double(max(epochs, 1)) }
}
