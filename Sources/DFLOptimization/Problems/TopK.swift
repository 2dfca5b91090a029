/// Top-K selection: choose exactly `k` of `items` to maximize (or minimize) `cᵀw`, `w ∈ {0,1}ⁿ`,
/// `Σw = k`. The smoothing paper's cubic Top-K benchmark maximizes (docs/papers/smoothing.md).
public struct TopK: LinearProgramRepresentable, Codable, Equatable {
    /// Number of items.
    public let items: Int
    /// Number selected.
    public let k: Int
    /// Maximize (default) or minimize.
    public let sense: ObjectiveSense

    /// Creates a Top-K problem.
    /// - Throws: ``SolverError`` `.invalidModel` unless `1 ≤ k ≤ items`.
    public init(items: Int, k: Int, sense: ObjectiveSense = .maximize) throws {
        guard items >= 1, k >= 1, k <= items else {
            throw SolverError(.invalidModel, "top-k: need 1 ≤ k ≤ items (got k = \(k), items = \(items))")
        }
        self.items = items
        self.k = k
        self.sense = sense
    }

    enum CodingKeys: String, CodingKey { case items, k, sense }

    /// Decodes and validates (a malformed file throws, it does not trap).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            items: try c.decode(Int.self, forKey: .items), k: try c.decode(Int.self, forKey: .k),
            sense: try c.decode(ObjectiveSense.self, forKey: .sense))
    }

    /// One value per item.
    public var costDimension: Int { items }
    /// `"top-K of N"`.
    public var name: String { "top-\(k) of \(items)" }

    /// `1ᵀw = k`, `0 ≤ w ≤ 1`, binary.
    public func asMILP(costs: [Double]?) -> MixedIntegerProgram {
        MixedIntegerProgram(
            objective: costs ?? [Double](repeating: 0, count: items), sense: sense,
            equalityMatrix: [[Double](repeating: 1, count: items)], equalityRHS: [Double(k)],
            lowerBounds: [Double](repeating: 0, count: items), upperBounds: [Double](repeating: 1, count: items),
            integrality: [Bool](repeating: true, count: items))
    }
}
