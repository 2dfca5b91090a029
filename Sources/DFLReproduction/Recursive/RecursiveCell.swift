import DFLNN
import DFLTraining

/// One cell of the R-DFL reproduction's plan: a table's size (or predictor) and seed, every method
/// trained on the same data.
public struct RecursiveCell: Sendable, Hashable, CustomStringConvertible {
    /// The table: newsvendor, matching, matching30 or sequence.
    public var part: RecursiveExperiment.Part
    /// Products (newsvendor, sequence) or market size (matching).
    public var size: Int
    /// The predictor of a sequence cell.
    public var predictor: PredictorKind?
    /// The seed.
    public var seed: UInt64

    /// Creates a cell.
    public init(part: RecursiveExperiment.Part, size: Int, predictor: PredictorKind? = nil, seed: UInt64) {
        self.part = part
        self.size = size
        self.predictor = predictor
        self.seed = seed
    }

    /// `newsvendor n=10 seed 1`, `sequence LSTM n=20 seed 1`.
    public var description: String {
        "\(part.rawValue)\(predictor.map { " \($0.rawValue)" } ?? "") n=\(size) seed \(seed)"
    }
}

/// What a ``RecursiveCell`` produced: one run per method (in ``RecursiveMethod/allCases`` order)
/// and, for matching, the draws without a stable equilibrium that were replaced.
public struct RecursiveCellResult: Sendable {
    /// The runs, one per method.
    public var runs: [RecursiveRunResult]
    /// Replaced matching draws (train + test).
    public var rejected: Int

    /// Creates a result.
    public init(runs: [RecursiveRunResult], rejected: Int = 0) {
        self.runs = runs
        self.rejected = rejected
    }
}
