import DFLRandom

/// One mini-batch: `count` instances gathered into contiguous row-major arrays.
public struct DatasetBatch: Sendable, Equatable {
    /// Positions of these instances in the source dataset.
    public var indices: [Int]
    /// Feature dimension `p`.
    public var featureCount: Int
    /// Cost dimension `d`.
    public var costDimension: Int
    /// Features, `count × p` row-major.
    public var features: [Double]
    /// True costs, `count × d` row-major.
    public var costs: [Double]
    /// Optimal decisions, `count × d` row-major, when the dataset holds them.
    public var solutions: [Double]?
    /// Optimal objectives, `count` entries, when the dataset holds them.
    public var objectives: [Double]?

    /// Number of instances in the batch.
    public var count: Int { indices.count }
}

/// The mini-batches of one pass over a dataset, in a fixed (possibly shuffled) order.
///
/// Gathering happens lazily as the sequence is iterated, one batch at a time.
public struct DatasetBatches: Sequence, Sendable {
    /// The dataset being iterated.
    public let dataset: Dataset
    /// The visiting order of instance indices for this pass.
    public let order: [Int]
    /// The maximum batch size.
    public let batchSize: Int
    /// Whether a final batch smaller than `batchSize` is skipped.
    public let dropLast: Bool

    /// Number of batches in the pass.
    public var batchCount: Int {
        dropLast ? order.count / batchSize : (order.count + batchSize - 1) / batchSize
    }

    /// Iterator gathering one batch per step.
    public struct Iterator: IteratorProtocol {
        let batches: DatasetBatches
        var position = 0

        /// The next batch, or `nil` at the end of the pass.
        public mutating func next() -> DatasetBatch? {
            let order = batches.order
            guard position < order.count else { return nil }
            let end = Swift.min(position + batches.batchSize, order.count)
            if batches.dropLast && end - position < batches.batchSize { return nil }
            let indices = Array(order[position..<end])
            position = end
            return batches.dataset.gather(indices)
        }
    }

    /// Starts a pass.
    public func makeIterator() -> Iterator { Iterator(batches: self) }
}

extension Dataset {
    /// The instances at `indices` as one batch (indices must be valid).
    public func gather(_ indices: [Int]) -> DatasetBatch {
        let p = featureCount
        let d = costDimension
        var x = [Double](repeating: 0, count: indices.count * p)
        var c = [Double](repeating: 0, count: indices.count * d)
        var w: [Double]? = solutions == nil ? nil : [Double](repeating: 0, count: indices.count * d)
        for (row, i) in indices.enumerated() {
            precondition(i >= 0 && i < count, "batch index \(i) out of range 0..<\(count)")
            x.withUnsafeMutableBufferPointer { dst in
                features.withUnsafeBufferPointer { src in
                    for j in 0..<p { dst[row * p + j] = src[i * p + j] }
                }
            }
            c.withUnsafeMutableBufferPointer { dst in
                costs.withUnsafeBufferPointer { src in
                    for j in 0..<d { dst[row * d + j] = src[i * d + j] }
                }
            }
            if let solutions {
                for j in 0..<d { w![row * d + j] = solutions[i * d + j] }
            }
        }
        return DatasetBatch(
            indices: indices, featureCount: p, costDimension: d, features: x, costs: c,
            solutions: w, objectives: objectives.map { z in indices.map { z[$0] } })
    }

    /// Mini-batches of at most `size` instances in dataset order.
    /// - Precondition: `size ≥ 1`.
    public func batches(size: Int, dropLast: Bool = false) -> DatasetBatches {
        precondition(size >= 1, "batch size must be ≥ 1, got \(size)")
        return DatasetBatches(
            dataset: self, order: Array(0..<count), batchSize: size, dropLast: dropLast)
    }

    /// Mini-batches of at most `size` instances in an order shuffled by `rng` (one permutation
    /// per call, so calling once per epoch with the same generator gives a new seeded order each
    /// epoch, like a PyTorch `DataLoader(shuffle=True)`).
    /// - Precondition: `size ≥ 1`.
    public func batches(size: Int, shuffledBy rng: inout SeededGenerator, dropLast: Bool = false)
        -> DatasetBatches
    {
        precondition(size >= 1, "batch size must be ≥ 1, got \(size)")
        return DatasetBatches(
            dataset: self, order: rng.permutation(count), batchSize: size, dropLast: dropLast)
    }
}
