/// Where the time of a training run went, in wall-clock seconds.
///
/// ``trainingSeconds`` is the sum of the epochs' training (forward, exact-solver calls, backward,
/// updates): PyEPO's epoch time. Of it, ``trainingSolverSeconds`` is the time during which at least
/// one exact-solver call of the loss was running (parallel calls count once), and
/// ``modelSeconds`` the rest. ``evaluationSeconds`` covers every scoring of the validation and
/// test sets (before training, between epochs, at the end); ``dataSeconds`` generating or reading
/// the data and solving their labels. The parts never overlap, so their sum is at most
/// ``wallSeconds``; what is left is set-up (building the model and the loss, writing outputs).
public struct RunTiming: Codable, Sendable, Equatable {
    /// The whole run: `Trainer.fit` alone, or the whole command when the CLI fills it in.
    public var wallSeconds: Double
    /// Generating or reading the data and labelling them with the solver (nil: not measured, as
    /// in `Trainer.fit`, which receives labelled data).
    public var dataSeconds: Double?
    /// Σ of the epochs' training time (forward, solver calls, backward, updates).
    public var trainingSeconds: Double
    /// Of ``trainingSeconds``: time with at least one exact-solver call of the loss running.
    public var trainingSolverSeconds: Double
    /// Of ``trainingSeconds``: forward, backward and updates (everything but the solver calls).
    public var modelSeconds: Double
    /// Every evaluation on the validation and test sets (solver calls included).
    public var evaluationSeconds: Double

    /// Creates a breakdown.
    public init(
        wallSeconds: Double, dataSeconds: Double? = nil, trainingSeconds: Double, trainingSolverSeconds: Double,
        modelSeconds: Double, evaluationSeconds: Double
    ) {
        self.wallSeconds = wallSeconds
        self.dataSeconds = dataSeconds
        self.trainingSeconds = trainingSeconds
        self.trainingSolverSeconds = trainingSolverSeconds
        self.modelSeconds = modelSeconds
        self.evaluationSeconds = evaluationSeconds
    }

    /// The measured parts that do not overlap: data, training and evaluation.
    public var partsSeconds: Double { (dataSeconds ?? 0) + trainingSeconds + evaluationSeconds }
}
