import DFLReport

/// `energy-paper.json`: the numbers and stated claims of Kong et al., "End-to-End Stochastic
/// Optimization with Energy-Based Model" (So-EBM, NeurIPS 2022).
public struct EnergyPaperNumbers: Decodable, Sendable {
    /// A cell of the paper: a mean ± sd, a value derived from the text, or a claim in words.
    public struct Cell: Decodable, Sendable, Equatable {
        /// Mean, where the paper prints one.
        public var mean: Double?
        /// Standard deviation, with ``mean``.
        public var sd: Double?
        /// A value the paper does not print but states (``note`` says how it follows).
        public var derived: Double?
        /// How ``derived`` follows from the text.
        public var note: String?
        /// A claim in words (e.g. `"2–3× two-stage"`).
        public var text: String?

        /// The cell as the report prints it, numbers with `decimals` decimals.
        /// - Throws: ``PaperNumbersError/malformed(file:key:reason:)`` for a cell with none of the three forms.
        public func printed(decimals: Int, file: String = "energy-paper.json", key: String) throws(PaperNumbersError)
            -> String
        {
            if let mean, let sd { return formatMeanSD(mean, sd, digits: decimals) }
            if let derived { return "≈ \(formatFixed(derived, digits: decimals)) (derived)" }
            if let text { return text }
            throw .malformed(file: file, key: key, reason: "a cell needs mean and sd, derived, or text")
        }
    }

    /// A table of cells by method name (``PowerMethod`` raw values, or the report's method labels).
    public struct Claims: Decodable, Sendable {
        /// Where the numbers come from.
        public var source: String
        /// Decimals as printed (when the table has numbers).
        public var decimals: Int?
        /// Cells by method.
        public var methods: PaperKeyed<Cell>

        /// Every method's cell as printed.
        /// - Throws: ``PaperNumbersError`` for a malformed cell.
        public func printed() throws(PaperNumbersError) -> [String: String] {
            var out: [String: String] = [:]
            for (name, cell) in methods.entries {
                out[name] = try cell.printed(decimals: decimals ?? 2, file: methods.file, key: methods.key + "." + name)
            }
            return out
        }
    }

    /// Seconds per epoch by method, where printed.
    public struct Seconds: Decodable, Sendable {
        /// Where the numbers come from.
        public var source: String
        /// Decimals as printed.
        public var decimals: Int
        /// Seconds by method.
        public var methods: PaperKeyed<Double>
    }

    /// The paper.
    public var paper: String
    /// Power scheduling: Table 1 and the §4.1 text.
    public var power: Claims
    /// Power scheduling: seconds per epoch.
    public var powerSeconds: Seconds
    /// COVID-19 bed allocation: the text's claims.
    public var covid: Claims
    /// Network security game: the text's claims.
    public var security: Claims
}
