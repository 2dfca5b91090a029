/// `recursive-paper.json`: the numbers of "From Sequential to Recursive: Enhancing Decision-Focused
/// Learning with Bidirectional Feedback" (R-DFL, AAAI 2026).
public struct RecursivePaperNumbers: Decodable, Sendable {
    /// One cell: decision RMSE, and training seconds per epoch where the paper prints them.
    public struct Cell: Decodable, Sendable, Equatable {
        /// Decision RMSE on the test set.
        public var rmse: Double
        /// Seconds per epoch (GPU machine); nil where the paper prints "-".
        public var seconds: Double?
    }

    /// A table by size (`"10"`, `"4"`), then by method (``RecursiveMethod`` raw value).
    public struct SizeTable: Decodable, Sendable {
        /// Where the numbers come from.
        public var source: String
        /// Cells by size, then method.
        public var sizes: PaperKeyed<PaperKeyed<Cell>>
    }

    /// A table by predictor (`"LSTM"`), then by method.
    public struct PredictorTable: Decodable, Sendable {
        /// Where the numbers come from.
        public var source: String
        /// Cells by predictor (``PredictorKind`` raw value), then method.
        public var predictors: PaperKeyed<PaperKeyed<Cell>>
    }

    /// The paper.
    public var paper: String
    /// Table 1, newsvendor (sizes 10, 50, 100).
    public var newsvendor: SizeTable
    /// Table 1, bipartite matching (sizes 4, 15, 30).
    public var matching: SizeTable
    /// Table 2, sequence predictors on the large newsvendor.
    public var sequence: PredictorTable
}
