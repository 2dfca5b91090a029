/// Errors of a training run: what went wrong and where.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setting is out of range or unknown.
    case invalidConfiguration(String)
    /// The training set is empty or the data do not fit the problem.
    case invalidData(String)
    /// The loss became NaN or infinite at this epoch and batch; the last good checkpoint is kept.
    case nonFiniteLoss(epoch: Int, batch: Int, lastCheckpoint: String?)
    /// The model's parameters became NaN or infinite at the end of this epoch; the last good checkpoint is kept.
    case nonFiniteParameters(epoch: Int, lastCheckpoint: String?)
    /// The predictor produced a NaN/∞ prediction.
    case nonFinitePrediction(epoch: Int, batch: Int)
    /// A checkpoint could not be read or does not match the run.
    case checkpoint(String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .invalidConfiguration(let s): return "invalid configuration: \(s)"
        case .invalidData(let s): return "invalid data: \(s)"
        case .nonFiniteLoss(let e, let b, let ckpt):
            return "loss became NaN/infinite at epoch \(e), batch \(b) (lower the learning rate?)"
                + (ckpt.map { "; last good checkpoint kept at \($0)" } ?? "")
        case .nonFiniteParameters(let e, let ckpt):
            return "the model's parameters became NaN/infinite in epoch \(e) (lower the learning rate?)"
                + (ckpt.map { "; last good checkpoint kept at \($0)" } ?? "")
        case .nonFinitePrediction(let e, let b):
            return "the predictor produced a non-finite prediction at epoch \(e), batch \(b)"
        case .checkpoint(let s): return "checkpoint: \(s)"
        }
    }
}
