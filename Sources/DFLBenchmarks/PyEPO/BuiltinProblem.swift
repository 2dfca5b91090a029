import DFLCoinOR
import DFLData
import DFLLosses
import DFLOptimization
import DFLTraining

/// A built-in benchmark: a problem, its exact solver and its PyEPO-style data generator.
public enum BuiltinProblem: Sendable, Equatable {
    /// Shortest path on a rows × columns grid (PyEPO).
    case shortestPath(rows: Int, columns: Int)
    /// Multi-dimensional 0/1 knapsack (PyEPO), capacity per dimension.
    case knapsack(items: Int, dimensions: Int, capacity: Double)
    /// Symmetric TSP on PyEPO's edge order (Held–Karp, up to 15 nodes).
    case tsp(nodes: Int)
    /// Cubic Top-K (Shah et al. 2022; the smoothing paper's Top-K): pick the `k` best of `items`
    /// resources, utility `y = 10φ³ − 6.5φ` of one feature `φ ~ U[−1, 1]` per item (noise-free, as
    /// the paper states it); maximization. Train it with the item-wise predictor.
    case topK(items: Int, k: Int)

    /// The exact oracle for this problem.
    public func oracle(threads: Int) throws -> DecisionOracle {
        switch self {
        case .shortestPath(let r, let c):
            guard r >= 1, c >= 1, r * c >= 2 else {
                throw TrainingError.invalidConfiguration("grid \(r)x\(c) needs at least two nodes")
            }
            return DecisionOracle(
                solver: ShortestPathGridSolver(), problem: ShortestPathGrid(rows: r, columns: c), threads: threads)
        case .knapsack:
            throw TrainingError.invalidConfiguration("knapsack weights come from the generator: use makeData")
        case .tsp(let n):
            guard n <= 15 else {
                throw TrainingError.invalidConfiguration(
                    "tsp with \(n) nodes: the exact solver handles at most 15")
            }
            return DecisionOracle(
                solver: TravelingSalesmanSolver(), problem: try TravelingSalesman(nodes: n), threads: threads)
        case .topK(let n, let k):
            let problem: TopK
            do { problem = try TopK(items: n, k: k) } catch {
                throw TrainingError.invalidConfiguration("top-\(k) of \(n): \(error)")
            }
            return DecisionOracle(solver: TopKSolver(), problem: problem, threads: threads)
        }
    }

    /// The problem's LP-representable model for the data ``makeData(train:test:features:degree:noise:seed:threads:)``
    /// generates with the same arguments (knapsack weights are drawn by the generator, so they are
    /// regenerated here) — what the smoothed layers relax.
    /// - Throws: ``TrainingError`` or the generator's error for bad sizes.
    public func relaxation(
        train: Int, test: Int, features: Int, degree: Int, noise: Double, seed: UInt64
    ) throws -> any LinearProgramRepresentable {
        switch self {
        case .shortestPath(let r, let c): return ShortestPathGrid(rows: r, columns: c)
        case .tsp(let n): return try TravelingSalesman(nodes: n)
        case .topK(let n, let k):
            do { return try TopK(items: n, k: k) } catch {
                throw TrainingError.invalidConfiguration("top-\(k) of \(n): \(error)")
            }
        case .knapsack(let m, let dims, let cap):
            let out = try KnapsackGenerator(
                itemCount: m, dimension: dims, sampleCount: train + test, featureCount: features,
                degree: degree, noiseWidth: noise
            ).generate(seed: seed)
            return try Knapsack(weights: out.weights, capacities: [Double](repeating: cap, count: dims))
        }
    }

    /// Knapsacks with more items get a node limit on the pure-Swift branch and bound, with CBC as the
    /// fallback for the instances that reach it (``FallbackSolver``).
    public static let largestBranchAndBoundKnapsack = 40

    /// The node limit of the branch and bound above ``largestBranchAndBoundKnapsack`` items: about a
    /// tenth of a second at 100 items (CBC takes 20–30 ms per solve there, `dfl bench`), so a stuck search
    /// costs a few CBC solves at most.
    public static let knapsackNodeLimit = 500_000

    /// Whether the benchmark's model is a shared per-item map (Top-K) rather than a dense one.
    public var usesItemwisePredictor: Bool {
        if case .topK = self { return true }
        return false
    }

    /// Generates `train + test` instances with PyEPO's formulas (Top-K: the cubic generator), labels them with the exact solver,
    /// and returns the oracle with the split data (the first `train` rows train, the rest test).
    public func makeData(
        train: Int, test: Int, features: Int, degree: Int, noise: Double, seed: UInt64, threads: Int
    ) throws -> (oracle: DecisionOracle, train: Dataset, test: Dataset) {
        let n = train + test
        guard train >= 1, test >= 1 else {
            throw TrainingError.invalidConfiguration("need ≥ 1 training and ≥ 1 test instance")
        }
        let oracle: DecisionOracle
        let data: Dataset
        switch self {
        case .shortestPath(let r, let c):
            oracle = try self.oracle(threads: threads)
            data = try ShortestPathGenerator(
                rows: r, columns: c, sampleCount: n, featureCount: features,
                degree: degree, noiseWidth: noise
            ).generate(seed: seed).dataset
        case .knapsack(let m, let dims, let cap):
            let out = try KnapsackGenerator(
                itemCount: m, dimension: dims, sampleCount: n, featureCount: features,
                degree: degree, noiseWidth: noise
            ).generate(seed: seed)
            let problem = try Knapsack(weights: out.weights, capacities: [Double](repeating: cap, count: dims))
            // The pure-Swift branch and bound is exact and takes well under a millisecond on PyEPO's
            // integer costs, but real-valued predictions with many near-ties can keep it busy for
            // seconds at 50+ items: there it stops at a node limit and CBC (LP bounds and cuts) finishes.
            oracle =
                m <= Self.largestBranchAndBoundKnapsack
                ? DecisionOracle(solver: KnapsackSolver(), problem: problem, threads: threads)
                : DecisionOracle(
                    solver: FallbackSolver(
                        primary: KnapsackSolver(nodeLimit: Self.knapsackNodeLimit), fallback: MILPSolver<Knapsack>()),
                    problem: problem, threads: threads)
            data = out.dataset
        case .tsp(let m):
            oracle = try self.oracle(threads: threads)
            data = try TSPGenerator(
                nodeCount: m, sampleCount: n, featureCount: features, degree: degree,
                noiseWidth: noise
            ).generate(seed: seed).dataset
        case .topK(let items, _):
            // One feature per item; `features`, `degree` and `noise` do not apply (noise-free, as the paper).
            oracle = try self.oracle(threads: threads)
            data = try CubicTopKGenerator(itemCount: items, sampleCount: n).generate(seed: seed)
        }
        let labelled = try data.withSolutions(from: oracle)
        return (oracle, try labelled.subset(0..<train), try labelled.subset(train..<n))
    }
}

extension BuiltinProblem {
    /// PyEPO's anchor data set, regenerated bit for bit (docs/pyepo.md, "The anchor run"): shortest path 5×5,
    /// `genData(2000, 5, (5,5), deg=6, noise_width=0.5, seed)` through a replay of NumPy's random
    /// state, then `train_test_split(test_size=1000, random_state=seed)`; labelled by the exact
    /// solver. With seed 42 this equals `shared/data/pyepo/sp5_deg6_e05_seed42_*.csv`.
    public static func pyepoShortestPathAnchor(seed: UInt32 = 42, threads: Int) throws
        -> (oracle: DecisionOracle, train: Dataset, test: Dataset)
    {
        let problem = BuiltinProblem.shortestPath(rows: 5, columns: 5)
        let oracle = try problem.oracle(threads: threads)
        var rng = NumPyRandomState(seed: seed)
        let data = try ShortestPathGenerator(
            rows: 5, columns: 5, sampleCount: 2000, featureCount: 5, degree: 6,
            noiseWidth: 0.5
        ).generate(using: &rng).dataset
        var splitter = NumPyRandomState(seed: seed)
        let permutation = splitter.permutation(2000)
        let test = try data.subset(Array(permutation[0..<1000])).withSolutions(from: oracle)
        let train = try data.subset(Array(permutation[1000..<2000])).withSolutions(from: oracle)
        return (oracle, train, test)
    }
}
