/// Multi-dimensional 0/1 knapsack: maximize `cᵀw` subject to `W w ≤ capacity`, `w ∈ {0,1}ᵐ`.
public struct Knapsack: LinearProgramRepresentable, Codable, Equatable {
    /// `W`: one row of item weights per dimension (`dimensions × items`).
    public let weights: [[Double]]
    /// Capacity per dimension.
    public let capacities: [Double]

    /// Creates a knapsack.
    /// - Throws: ``SolverError`` `.invalidModel` for ragged weights, a capacity count that differs from
    ///   the number of weight rows, or negative weights/capacities.
    public init(weights: [[Double]], capacities: [Double]) throws {
        guard let m = weights.first?.count, m > 0 else {
            throw SolverError(.invalidModel, "knapsack: no items")
        }
        guard weights.allSatisfy({ $0.count == m }) else {
            throw SolverError(.invalidModel, "knapsack: weight rows have different lengths")
        }
        guard capacities.count == weights.count else {
            throw SolverError(
                .invalidModel, "knapsack: \(weights.count) weight rows but \(capacities.count) capacities")
        }
        guard weights.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0.isFinite } }),
            capacities.allSatisfy({ $0 >= 0 && $0.isFinite })
        else {
            throw SolverError(.invalidModel, "knapsack: weights and capacities must be finite and non-negative")
        }
        self.weights = weights
        self.capacities = capacities
    }

    enum CodingKeys: String, CodingKey { case weights, capacities }

    /// Decodes and validates `weights` and `capacities` (a malformed file throws, it does not trap).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            weights: try c.decode([[Double]].self, forKey: .weights),
            capacities: try c.decode([Double].self, forKey: .capacities))
    }

    /// Number of items.
    public var itemCount: Int { weights[0].count }
    /// Number of weight dimensions.
    public var dimensionCount: Int { weights.count }
    /// One value per item.
    public var costDimension: Int { itemCount }
    /// Maximization.
    public var sense: ObjectiveSense { .maximize }
    /// `"knapsack M×D"`.
    public var name: String { "knapsack \(itemCount)x\(dimensionCount)" }

    /// `W w ≤ capacity`, `0 ≤ w ≤ 1`, binary.
    public func asMILP(costs: [Double]?) -> MixedIntegerProgram {
        let m = itemCount
        return MixedIntegerProgram(
            objective: costs ?? [Double](repeating: 0, count: m), sense: .maximize,
            inequalityMatrix: weights, inequalityRHS: capacities,
            lowerBounds: [Double](repeating: 0, count: m), upperBounds: [Double](repeating: 1, count: m),
            integrality: [Bool](repeating: true, count: m))
    }
}
