import DFLReport

/// The smoothing paper's Fig. 3 / App. E–F: SCE and SqDE through the DYS layer against SPO+ with the
/// exact solver and SCE through the QP layer on larger shortest-path, knapsack and TSP instances
/// (regret and seconds per epoch), and solution caching at p ∈ {0, 5, 10}%.
public enum SmoothingScaling {
    /// Sizes of a run.
    public struct Settings: Sendable {
        /// The full-size defaults.
        public init() {}
        /// A run of a few minutes.
        public static var quick: Settings { Settings() }
    }

    /// The outcome: a markdown report, the raw rows as CSV, and SVG charts by file name.
    public struct Report: Sendable {
        /// The markdown report.
        public var markdown: String
        /// One CSV row per (benchmark, method, seed).
        public var csv: String
        /// SVG documents keyed by file name (e.g. `smoothing-scaling-regret.svg`).
        public var charts: [String: String]
    }

    /// Runs the experiment. (Being implemented by the scaling engineer this session.)
    public static func run(_ s: Settings, threads: Int = 2, log: (String) -> Void = { _ in }) throws -> Report {
        throw TrainingError.invalidConfiguration("smoothing scaling experiment not implemented yet")
    }
}
