/// `smoothing-paper.json`: the numbers of Mandi et al., "Minimizing Surrogate Losses for
/// Decision-Focused Learning using Differentiable Optimization" (ECAI 2025, arXiv:2508.11365).
public struct SmoothingPaperNumbers: Decodable, Sendable {
    /// A mean and standard deviation as the paper prints them.
    public struct MeanSD: Decodable, Sendable, Equatable {
        /// Mean.
        public var mean: Double
        /// Standard deviation.
        public var sd: Double
    }

    /// Table 1: normalized relative regret by row label (`"SP (5×5)"`), then by the paper's column
    /// header (`"MSE"`, `"PFY"`, `"SPO+"`, `"SCE"`, `"Regret^QP"`, `"SPO+^QP"`, `"SCE^QP"`).
    public struct TableOne: Decodable, Sendable {
        /// Where the numbers come from.
        public var source: String
        /// Cells by row label, then column header.
        public var rows: PaperKeyed<PaperKeyed<MeanSD>>
    }

    /// App. B Table 2: Manhattan distance of the norm-smoothed Top-1 solution from the exact one.
    public struct TableTwo: Decodable, Sendable {
        /// One row: τ and a value per item count.
        public struct Row: Decodable, Sendable, Equatable {
            /// Smoothing τ.
            public var tau: Double
            /// Distances, one per entry of ``TableTwo/items``.
            public var values: [Double]
        }
        /// Where the numbers come from.
        public var source: String
        /// The item counts M of the columns.
        public var items: [Int]
        /// The rows in the paper's order.
        public var rows: [Row]
    }

    /// The paper.
    public var paper: String
    /// Table 1.
    public var table1: TableOne
    /// Table 2.
    public var table2: TableTwo
}
