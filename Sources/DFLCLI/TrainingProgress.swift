import DFLReport
import DFLTraining

/// Draws a ``Trainer``'s events as one progress bar per epoch on standard error, plus a line when
/// a run resumes: `epoch 3/10 [████████░░░░] 32/32 loss 0.1234  test regret 0.0812  0.004 s`.
final class TrainingProgress: @unchecked Sendable {
    private let enabled: Bool
    private var bar: ProgressBar?

    /// A drawer that prints only when `enabled` (false for `--quiet`).
    init(enabled: Bool) { self.enabled = enabled }

    /// The observer to hand to ``Trainer/observer``, or nil when nothing is drawn.
    var observer: ((TrainingEvent) -> Void)? { enabled ? { self.draw($0) } : nil }

    /// Draws one event.
    func draw(_ event: TrainingEvent) {
        switch event {
        case .resumed(let path, let completed):
            writeStderr("resuming from \(path) after epoch \(completed)\n")
        case .epochStarted(let epoch, let epochs, let batches):
            bar = ProgressBar(label: "epoch \(epoch)/\(epochs)", total: batches, enabled: enabled)
        case .batchFinished(let batch, let meanLoss):
            bar?.update(step: batch, status: "loss \(formatFixed(meanLoss, digits: 4))")
        case .epochFinished(let record):
            bar?.finish(
                status: "loss \(formatFixed(record.trainLoss, digits: 4))"
                    + (record.testNormalizedRegret.map { "  test regret \(formatFixed($0, digits: 4))" } ?? "")
                    + "  \(formatFixed(record.seconds, digits: 3)) s training"
                    + (record.solverSeconds.map { " (solver \(formatFixed($0, digits: 3)) s)" } ?? "")
                    + (record.evaluationSeconds.map { " + \(formatFixed($0, digits: 3)) s evaluation" } ?? ""))
        }
    }
}
