import DFLRandom

/// A data generator that draws from any ``RandomSource`` — a ``SeededGenerator`` for DFLKit's own
/// streams, a ``NumPyRandomState`` to replay PyEPO's.
public protocol DataGenerator: Sendable {
    /// What one call generates (a dataset, with the hidden mapping and instance data where any).
    associatedtype Output
    /// Generates from `rng`, advancing it.
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes, degree or noise.
    func generate<R: RandomSource>(using rng: inout R) throws -> Output
}

extension DataGenerator {
    /// Generates with ``SeededGenerator`` seeded by `seed` (PyEPO's default seed is 135).
    /// - Throws: ``DataError`` `.invalidParameter` for bad sizes, degree or noise.
    public func generate(seed: UInt64 = 135) throws -> Output {
        var rng = SeededGenerator(seed: seed)
        return try generate(using: &rng)
    }
}
