import DFLLayers
import DFLOptimization
import DFLRandom
import DFLTensor
import Foundation

/// Times the QP and DYS layers on two small test problems (5×5 grid shortest path; 32-item,
/// 2-row knapsack relaxation with weights `U(3, 8)` rounded to 0.1 and capacity 0.25·row sums). The
/// peers (qpth, cvxpylayers) are timed beside it in the same run by `Scripts/bench-peers.sh`.
public enum LayerBenchmark {
    /// One measured configuration (times are medians in milliseconds per batch).
    public struct Row: Sendable {
        /// `"shortest path"` or `"knapsack"`.
        public let problem: String
        /// Smoothing μ.
        public let smoothing: Double
        /// Batch size.
        public let batch: Int
        /// QP layer forward / forward+backward.
        public let qpForward: Double, qpForwardBackward: Double
        /// DYS layer (JFB, step 1/ω, tolerance 1e-6, ≤ 5000 steps) forward / forward+backward.
        public let dysForward: Double, dysForwardBackward: Double
    }

    /// The benchmark's knapsack relaxation.
    public static func knapsack(seed: UInt64 = 0) throws -> Knapsack {
        var rng = SeededGenerator(seed: seed)
        let weights = (0..<2).map { _ in rng.uniform(3, 8, count: 32).map { ($0 * 10).rounded() / 10 } }
        return try Knapsack(weights: weights, capacities: weights.map { 0.25 * $0.reduce(0, +) })
    }

    /// Median wall time of `body` over `repeats` runs after one warm-up, in milliseconds.
    static func medianMilliseconds(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        try body()
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Runs every configuration (μ ∈ {0.1, 1}, batch ∈ `batches`, both problems).
    ///
    /// With `gridSize ≠ 5` only the `gridSize × gridSize` shortest path is timed (no anchors exist
    /// for it): the scaling check for the larger grids of the paper's Fig. 3.
    /// - Throws: ``LayerError`` from the layers.
    public static func run(batches: [Int] = [32, 256], repeats: Int = 5, seed: UInt64 = 0, gridSize: Int = 5) throws
        -> [Row]
    {
        var rows: [Row] = []
        let problems: [(String, any LinearProgramRepresentable)] =
            gridSize == 5
            ? [
                ("shortest path", ShortestPathGrid(rows: 5, columns: 5)),
                ("knapsack", try knapsack(seed: seed)),
            ]
            : [
                (
                    "shortest path \(gridSize)×\(gridSize)",
                    ShortestPathGrid(rows: gridSize, columns: gridSize)
                )
            ]
        for (label, problem) in problems {
            for mu in [0.1, 1.0] {
                for batch in batches {
                    rows.append(
                        try measure(
                            label: label, problem: problem, mu: mu, batch: batch, repeats: repeats, seed: seed
                        ))
                }
            }
        }
        return rows
    }

    static func measure<P: LinearProgramRepresentable>(
        label: String, problem: P, mu: Double, batch: Int, repeats: Int, seed: UInt64
    ) throws -> Row {
        var rng = SeededGenerator(seed: seed &+ UInt64(batch))
        let d = problem.costDimension
        let costs = Tensor(shape: [batch, d], scalars: rng.uniform(0, 2, count: batch * d))
        let cotangent = Tensor(shape: [batch, d], scalars: rng.normal(count: batch * d))
        let qp = try QPSmoothingLayer(problem: problem, configuration: .init(smoothing: mu))
        let dys = try DavisYinLayer(
            problem: problem,
            configuration: .init(
                smoothing: mu, maxIterations: 5000, tolerance: 1e-6, onNonConvergence: .returnWithResidual))
        func forward(_ f: (Variable) throws -> Variable) throws -> Double {
            try medianMilliseconds(repeats) { _ = try f(Variable(costs)) }
        }
        func forwardBackward(_ f: (Variable) throws -> Variable) throws -> Double {
            try medianMilliseconds(repeats) {
                let x = Variable(differentiable: costs)
                _ = vectorJacobianProduct(of: try f(x), withRespectTo: [x], seed: cotangent)
            }
        }
        return Row(
            problem: label, smoothing: mu, batch: batch,
            qpForward: try forward { try qp($0) }, qpForwardBackward: try forwardBackward { try qp($0) },
            dysForward: try forward { try dys($0) }, dysForwardBackward: try forwardBackward { try dys($0) })
    }
}
