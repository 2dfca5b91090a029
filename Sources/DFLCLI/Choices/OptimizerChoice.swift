import ArgumentParser

/// `--optimizer`: the optimizers ``TrainingConfiguration`` knows.
public enum OptimizerChoice: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Adam.
    case adam
    /// Adam with decoupled weight decay.
    case adamw
    /// Stochastic gradient descent.
    case sgd
}
