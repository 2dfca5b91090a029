/// What a training run reports while it runs; the library never prints, a caller (the CLI's
/// progress bar, a logger, a test) observes these events instead.
public enum TrainingEvent: Sendable, Equatable {
    /// The run resumed from a checkpoint written after `completedEpochs` epochs.
    case resumed(path: String, completedEpochs: Int)
    /// Epoch `epoch` of `epochs` starts with `batches` mini-batches.
    case epochStarted(epoch: Int, epochs: Int, batches: Int)
    /// Mini-batch `batch` (1-based) of the current epoch is done; `meanLoss` is the running mean.
    case batchFinished(batch: Int, meanLoss: Double)
    /// The epoch is done (with its test scores when it was evaluated).
    case epochFinished(EpochRecord)
}
