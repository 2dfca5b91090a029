import DFLRandom

/// The parts of a dataset split by ``Dataset/split(trainCount:testCount:validationCount:seed:)``.
public struct DatasetSplit: Sendable, Equatable {
    /// The training instances.
    public var train: Dataset
    /// The test instances.
    public var test: Dataset
    /// The validation instances (empty when `validationCount` was 0).
    public var validation: Dataset

    /// Creates a split from its parts.
    public init(train: Dataset, test: Dataset, validation: Dataset) {
        self.train = train
        self.test = test
        self.validation = validation
    }
}

extension Dataset {
    /// Splits a seeded random permutation of the instances into train, test and validation parts
    /// of the given sizes (in that order of the permutation; unused instances are dropped).
    ///
    /// The permutation comes from ``SeededGenerator/permutation(_:)`` with `seed`, so the same seed
    /// always gives the same split.
    /// - Throws: ``DataError`` `.invalidParameter` when a count is negative or the counts add up to
    ///   more than ``count``.
    public func split(trainCount: Int, testCount: Int, validationCount: Int = 0, seed: UInt64)
        throws -> DatasetSplit
    {
        var rng = SeededGenerator(seed: seed)
        return try split(
            trainCount: trainCount, testCount: testCount, validationCount: validationCount,
            permutation: rng.permutation(count))
    }

    /// Splits by a given permutation of `0..<count`: the first `trainCount` entries are the
    /// training set, the next `testCount` the test set, the next `validationCount` validation.
    /// - Throws: ``DataError`` `.invalidParameter` for bad counts or a permutation that is too
    ///   short or holds an index outside `0..<count`.
    public func split(
        trainCount: Int, testCount: Int, validationCount: Int = 0, permutation: [Int]
    ) throws -> DatasetSplit {
        guard trainCount >= 0, testCount >= 0, validationCount >= 0 else {
            throw DataError(
                .invalidParameter,
                "split counts must be ≥ 0, got train \(trainCount), test \(testCount), validation \(validationCount)"
            )
        }
        let total = trainCount + testCount + validationCount
        guard total <= count else {
            throw DataError(
                .invalidParameter,
                "split asks for \(total) instances (train \(trainCount) + test \(testCount) + validation \(validationCount)) but the dataset has \(count)"
            )
        }
        guard permutation.count >= total else {
            throw DataError(
                .invalidParameter, "permutation has \(permutation.count) entries, need \(total)")
        }
        let trainPart = Array(permutation[0..<trainCount])
        let testPart = Array(permutation[trainCount..<(trainCount + testCount)])
        let validationPart = Array(permutation[(trainCount + testCount)..<total])
        return DatasetSplit(
            train: try subset(trainPart), test: try subset(testPart),
            validation: try subset(validationPart))
    }
}
