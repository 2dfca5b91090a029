import DFLOptimizers
import DFLTensor

/// What the loop does when a batch's gradient is not finite.
public struct GradientGuard {
    /// How the gradient is tested.
    public enum Test: Sendable {
        /// Every entry of every gradient must be finite.
        case everyEntry
        /// The joint Euclidean norm must be finite (it also overflows for huge finite entries).
        case globalNorm
    }

    /// What happens to a batch that fails the test.
    public enum Action {
        /// Throw the error made from `(epoch, batch)`.
        case fail((_ epoch: Int, _ batch: Int) -> any Error)
        /// Clear the gradients, skip the update and report `(epoch, batch)`.
        case skipUpdate((_ epoch: Int, _ batch: Int) -> Void)
    }

    /// The test.
    public var test: Test
    /// The action on failure.
    public var action: Action

    /// A guard with a test and an action.
    public init(test: Test, action: Action) {
        self.test = test
        self.action = action
    }

    /// Whether the gradients of `parameters` pass the test.
    func passes(_ parameters: [Parameter]) -> Bool {
        switch test {
        case .everyEntry: return !parameters.contains(where: { !($0.gradient?.isFinite ?? true) })
        case .globalNorm:
            return Optimizer.globalGradientNorm(parameters).isFinite
        }
    }
}
