/// A "no-grad" scope: inside ``withoutGradients(_:)`` ops compute values only and record no
/// autodiff nodes (``Variable/record(_:parents:pullback:)`` returns a constant), so forward-only
/// evaluations — fixed-point iterations, inference, evaluation — do not build a graph they never use.
///
/// The flag is a task-local value: it is scoped to the closure and to the current task or thread
/// (work started on other threads inside the closure, e.g. by `DispatchQueue.concurrentPerform`,
/// does not see it — which is safe: those parts then record nodes as usual).
public enum GradientRecording {
    @TaskLocal static var disabled = false

    /// Whether ops currently record autodiff nodes (false inside ``withoutGradients(_:)``).
    public static var isEnabled: Bool { !disabled }
}

/// Runs `body` with autodiff recording switched off: every ``Variable`` made inside is a constant
/// (its value is exact; no gradient flows through it). Nests; the previous state is restored on exit.
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientRecording.$disabled.withValue(true, operation: body)
}
