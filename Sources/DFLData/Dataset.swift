import DFLOptimization

/// A set of `count` decision-focused learning instances: features `x_i ∈ ℝᵖ`, true costs
/// `c_i ∈ ℝᵈ` and, once solved, optimal decisions `w*_i` and objectives `z*_i = c_iᵀw*_i`.
///
/// All arrays are flat and row-major (`features[i·p + j]`), the layout tensors and BLAS use.
///
/// ```swift
/// let data = try ShortestPathGenerator(rows: 5, columns: 5, sampleCount: 100, featureCount: 5)
///     .generate(seed: 42).dataset
/// let labelled = try data.withSolutions(solver: solver, problem: grid, threads: 2)
/// let parts = try labelled.split(trainCount: 80, testCount: 20, seed: 1)
/// ```
public struct Dataset: Sendable, Equatable {
    /// Number of instances `n`.
    public private(set) var count: Int
    /// Feature dimension `p`.
    public private(set) var featureCount: Int
    /// Cost dimension `d` (length of `c` and of `w`).
    public private(set) var costDimension: Int
    /// Features, `n × p` row-major.
    public private(set) var features: [Double]
    /// True costs, `n × d` row-major.
    public private(set) var costs: [Double]
    /// Optimal decisions `w*`, `n × d` row-major, when solved or loaded.
    public private(set) var solutions: [Double]?
    /// Optimal objectives `z*`, `n` entries, when solved or loaded.
    public private(set) var objectives: [Double]?

    /// Creates a dataset from flat row-major arrays.
    /// - Throws: ``DataError`` `.dimensionMismatch` when an array length is not `count × width`,
    ///   `.invalidParameter` for negative sizes, or solutions given without objectives (or the
    ///   reverse).
    public init(
        featureCount: Int, costDimension: Int, features: [Double], costs: [Double],
        solutions: [Double]? = nil, objectives: [Double]? = nil
    ) throws {
        guard featureCount >= 0, costDimension >= 1 else {
            throw DataError(
                .invalidParameter,
                "dataset needs featureCount ≥ 0 and costDimension ≥ 1, got \(featureCount) and \(costDimension)"
            )
        }
        guard costs.count % costDimension == 0 else {
            throw DataError(
                .dimensionMismatch,
                "costs has \(costs.count) entries, not a multiple of costDimension \(costDimension)"
            )
        }
        let n = costs.count / costDimension
        guard features.count == n * featureCount else {
            throw DataError(
                .dimensionMismatch,
                "features has \(features.count) entries, expected \(n) × \(featureCount) = \(n * featureCount)"
            )
        }
        guard (solutions == nil) == (objectives == nil) else {
            throw DataError(.invalidParameter, "solutions and objectives must be given together")
        }
        if let solutions, solutions.count != n * costDimension {
            throw DataError(
                .dimensionMismatch,
                "solutions has \(solutions.count) entries, expected \(n) × \(costDimension)")
        }
        if let objectives, objectives.count != n {
            throw DataError(
                .dimensionMismatch, "objectives has \(objectives.count) entries, expected \(n)")
        }
        self.count = n
        self.featureCount = featureCount
        self.costDimension = costDimension
        self.features = features
        self.costs = costs
        self.solutions = solutions
        self.objectives = objectives
    }

    /// Creates a dataset from rows (`features[i]`, `costs[i]`, optionally `solutions[i]`).
    /// - Throws: ``DataError`` `.dimensionMismatch` naming the first ragged row, or when the row
    ///   counts differ; `.invalidParameter` for an empty dataset (its widths are unknown).
    public init(
        features: [[Double]], costs: [[Double]], solutions: [[Double]]? = nil,
        objectives: [Double]? = nil
    ) throws {
        guard let firstCosts = costs.first, let firstFeatures = features.first else {
            throw DataError(
                .invalidParameter,
                "cannot infer widths of an empty dataset; use the flat initializer")
        }
        guard features.count == costs.count else {
            throw DataError(
                .dimensionMismatch, "\(features.count) feature rows but \(costs.count) cost rows")
        }
        func flatten(_ rows: [[Double]], width: Int, name: String) throws -> [Double] {
            var flat: [Double] = []
            flat.reserveCapacity(rows.count * width)
            for (i, row) in rows.enumerated() {
                guard row.count == width else {
                    throw DataError(
                        .dimensionMismatch,
                        "\(name)[\(i)] has \(row.count) entries, expected \(width)")
                }
                flat.append(contentsOf: row)
            }
            return flat
        }
        let d = firstCosts.count
        let flatSolutions: [Double]?
        if let solutions {
            guard solutions.count == costs.count else {
                throw DataError(
                    .dimensionMismatch,
                    "\(solutions.count) solution rows but \(costs.count) cost rows")
            }
            flatSolutions = try flatten(solutions, width: d, name: "solutions")
        } else {
            flatSolutions = nil
        }
        try self.init(
            featureCount: firstFeatures.count, costDimension: d,
            features: try flatten(features, width: firstFeatures.count, name: "features"),
            costs: try flatten(costs, width: d, name: "costs"),
            solutions: flatSolutions, objectives: objectives)
    }

    // MARK: - Rows

    /// Whether optimal decisions and objectives are present.
    public var hasSolutions: Bool { solutions != nil }

    /// The features of instance `i` (a view into ``features``).
    public func features(at i: Int) -> ArraySlice<Double> {
        precondition(i >= 0 && i < count, "instance index \(i) out of range 0..<\(count)")
        return features[(i * featureCount)..<((i + 1) * featureCount)]
    }

    /// The true costs of instance `i` (a view into ``costs``).
    public func costs(at i: Int) -> ArraySlice<Double> {
        precondition(i >= 0 && i < count, "instance index \(i) out of range 0..<\(count)")
        return costs[(i * costDimension)..<((i + 1) * costDimension)]
    }

    /// The optimal decision of instance `i`, or `nil` before solving.
    public func solution(at i: Int) -> ArraySlice<Double>? {
        precondition(i >= 0 && i < count, "instance index \(i) out of range 0..<\(count)")
        return solutions?[(i * costDimension)..<((i + 1) * costDimension)]
    }

    /// The optimal objective of instance `i`, or `nil` before solving.
    public func objective(at i: Int) -> Double? {
        precondition(i >= 0 && i < count, "instance index \(i) out of range 0..<\(count)")
        return objectives?[i]
    }

    /// Features as rows `[n][p]`.
    public var featureRows: [[Double]] { (0..<count).map { Array(features(at: $0)) } }
    /// Costs as rows `[n][d]`.
    public var costRows: [[Double]] { (0..<count).map { Array(costs(at: $0)) } }
    /// Optimal decisions as rows `[n][d]`, or `nil` before solving.
    public var solutionRows: [[Double]]? {
        guard hasSolutions else { return nil }
        return (0..<count).map { Array(solution(at: $0)!) }
    }

    // MARK: - Solutions

    /// A copy labelled with optimal decisions and objectives by `oracle` — the one labeller of
    /// DFLKit (generated, CSV-read and benchmark data alike): every cost vector is solved once, in
    /// parallel on the oracle's `threads` workers, and the results keep the instance order.
    ///
    /// - Throws: ``DataError`` `.dimensionMismatch` when `oracle.costDimension ≠ costDimension` or
    ///   a decision has the wrong length; ``SolverError`` from the backend, its message naming the
    ///   instance (`"name[i]: ..."`).
    public func withSolutions(from oracle: DecisionOracle) throws -> Dataset {
        guard oracle.costDimension == costDimension else {
            throw DataError(
                .dimensionMismatch,
                "problem '\(oracle.name)' has \(oracle.costDimension) costs, dataset has \(costDimension)"
            )
        }
        let solved = try oracle.solveBatch(costRows)
        let (decisions, mismatch) = concatenatedDecisions(solved, dimension: costDimension)
        if let (i, length) = mismatch {
            throw DataError(
                .dimensionMismatch,
                "solver returned \(length) decision entries for instance \(i), expected \(costDimension)")
        }
        var copy = self
        copy.solutions = decisions
        copy.objectives = solved.map(\.objective)
        return copy
    }

    /// A copy labelled by `solver` on `problem`, on `threads` workers (`threads ≤ 1` solves in
    /// order): ``withSolutions(from:)`` with a ``DecisionOracle`` binding the two.
    /// - Throws: as ``withSolutions(from:)``.
    public func withSolutions<S: Solver>(solver: S, problem: S.Problem, threads: Int = 1) throws
        -> Dataset
    {
        try withSolutions(from: DecisionOracle(solver: solver, problem: problem, threads: threads))
    }

    /// A copy carrying given (e.g. loaded) optimal decisions `n × d` (flat) and objectives.
    /// - Throws: ``DataError`` `.dimensionMismatch` when the sizes do not match the dataset.
    public func withSolutions(_ solutions: [Double], objectives: [Double]) throws -> Dataset {
        try Dataset(
            featureCount: featureCount, costDimension: costDimension, features: features,
            costs: costs, solutions: solutions, objectives: objectives)
    }

    /// A copy without decisions and objectives.
    public var withoutSolutions: Dataset {
        var copy = self
        copy.solutions = nil
        copy.objectives = nil
        return copy
    }

    // MARK: - Subsets

    /// The instances at `indices`, in that order (repeats allowed).
    /// - Throws: ``DataError`` `.invalidParameter` naming the first index outside `0..<count`.
    public func subset(_ indices: [Int]) throws -> Dataset {
        if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= count }) {
            throw DataError(
                .invalidParameter,
                "subset index \(indices[bad]) at position \(bad) is outside 0..<\(count)")
        }
        var x: [Double] = []
        var c: [Double] = []
        x.reserveCapacity(indices.count * featureCount)
        c.reserveCapacity(indices.count * costDimension)
        var w: [Double]? = solutions == nil ? nil : []
        w?.reserveCapacity(indices.count * costDimension)
        for i in indices {
            x.append(contentsOf: features(at: i))
            c.append(contentsOf: costs(at: i))
            if let row = solution(at: i) { w!.append(contentsOf: row) }
        }
        var copy = self
        copy.count = indices.count
        copy.features = x
        copy.costs = c
        copy.solutions = w
        copy.objectives = objectives.map { z in indices.map { z[$0] } }
        return copy
    }

    /// The instances in `range`.
    /// - Throws: ``DataError`` `.invalidParameter` when the range leaves `0..<count`.
    public func subset(_ range: Range<Int>) throws -> Dataset {
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw DataError(.invalidParameter, "range \(range) is outside 0..<\(count)")
        }
        return try subset(Array(range))
    }
}
