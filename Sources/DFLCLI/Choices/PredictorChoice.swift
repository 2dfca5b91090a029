import ArgumentParser

/// `--predictor`: the layout of the cost predictor.
public enum PredictorChoice: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// All features to all costs (PyEPO's linear model).
    case dense
    /// One shared map applied to each item's own features (the Top-K benchmark's model).
    case itemwise
}
