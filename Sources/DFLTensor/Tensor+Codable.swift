extension Tensor {
    private enum CodingKeys: String, CodingKey {
        case shape, scalars
    }

    /// Decodes a tensor, rejecting a shape whose element count disagrees with `scalars`.
    /// - Throws: `DecodingError.dataCorrupted` describing the mismatch.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let scalars = try container.decode([Double].self, forKey: .scalars)
        do {
            try self.init(validatingShape: shape, scalars: scalars, context: "decoded tensor")
        } catch let error as TensorError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes `shape` and `scalars`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(scalars, forKey: .scalars)
    }
}
