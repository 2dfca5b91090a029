extension Dataset: Codable {
    private enum CodingKeys: String, CodingKey {
        case featureCount, costDimension, features, costs, solutions, objectives
    }

    /// Decodes a dataset and checks that its arrays agree in size.
    /// - Throws: `DecodingError` for malformed input, ``DataError`` for inconsistent sizes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            featureCount: try c.decode(Int.self, forKey: .featureCount),
            costDimension: try c.decode(Int.self, forKey: .costDimension),
            features: try c.decode([Double].self, forKey: .features),
            costs: try c.decode([Double].self, forKey: .costs),
            solutions: try c.decodeIfPresent([Double].self, forKey: .solutions),
            objectives: try c.decodeIfPresent([Double].self, forKey: .objectives))
    }

    /// Encodes the widths and the flat arrays (the count follows from them).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(featureCount, forKey: .featureCount)
        try c.encode(costDimension, forKey: .costDimension)
        try c.encode(features, forKey: .features)
        try c.encode(costs, forKey: .costs)
        try c.encodeIfPresent(solutions, forKey: .solutions)
        try c.encodeIfPresent(objectives, forKey: .objectives)
    }
}
