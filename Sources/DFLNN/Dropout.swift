import DFLRandom
import DFLTensor

/// Inverted dropout: in training, zeroes each element with probability `rate` and scales the rest
/// by `1/(1−rate)`; the identity in inference mode. Masks come from a seeded generator so a run is
/// reproducible.
///
/// `@unchecked Sendable`: the generator state is advanced only by the training thread.
public final class Dropout: Layer, @unchecked Sendable {
    /// Drop probability in [0, 1).
    public let rate: Double
    /// Training/inference switch shared with the model.
    public let mode: ModeSwitch
    /// The mask generator (its state is part of a checkpoint).
    public var rng: SeededGenerator
    /// Variational dropout: while true, a mask of the same shape is reused until ``clearMask()``
    /// (used by recursive/fixed-point models, whose map must be deterministic within one batch).
    public var reusesMask = false
    private var lastMask: Tensor?

    /// Forgets the reused mask (the next call draws a fresh one).
    public func clearMask() { lastMask = nil }

    /// Creates a dropout layer.
    public init(rate: Double, mode: ModeSwitch, seed: UInt64) {
        precondition(rate >= 0 && rate < 1, "dropout rate must be in [0, 1)")
        self.rate = rate
        self.mode = mode
        self.rng = SeededGenerator(seed: seed)
    }

    /// Applies dropout.
    public func callAsFunction(_ input: Variable) -> Variable {
        guard mode.isTraining, rate > 0 else { return input }
        let keep = 1 - rate
        if reusesMask, let lastMask, lastMask.shape == input.shape { return input * lastMask }
        let mask = Tensor(
            shape: input.shape,
            scalars: (0..<input.value.scalarCount).map { _ in rng.uniform() < keep ? 1 / keep : 0 })
        if reusesMask { lastMask = mask }
        return input * mask
    }

    /// None.
    public var parameters: [Parameter] { [] }
}
