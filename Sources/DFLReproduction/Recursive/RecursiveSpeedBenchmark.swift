import DFLBenchmarks
import DFLNN
import DFLReport
import DFLTraining

/// Per-epoch training time of R-DFL-U against R-DFL-I on one benchmark instance family (issue 6,
/// item 6), with the work behind each number: map evaluations per batch, vector–Jacobian products
/// per batch in the matrix-free backward and in the contraction check, and dense Jacobian columns
/// formed (0 means the implicit backward never built J).
public enum RecursiveSpeedBenchmark {
    /// One measured configuration.
    public struct Row: Sendable {
        /// Benchmark label (e.g. "matching 30x30").
        public var problem: String
        /// Method label (e.g. "R-DFL-U (K = 10)").
        public var variant: String
        /// The run's result.
        public var result: RecursiveRunResult
        /// Unrolling depth (R-DFL-U) or nil (R-DFL-I).
        public var depth: Int?
    }

    /// Trains R-DFL-U at each depth in `depths`, then R-DFL-I with a graph-building forward and with
    /// the graph-free forward, all from the same seed and data.
    public static func run<P: RecursiveProblem>(
        _ problem: P, label: String, train: [RecursiveInstance], test: [RecursiveInstance],
        configuration: RecursiveTrainingConfiguration, depths: [Int] = [10],
        progress: (String) -> Void = { _ in }
    ) throws -> [Row] {
        var rows: [Row] = []
        for k in depths {
            var c = configuration
            c.unrollSteps = k
            let r = try RecursiveTrainer(benchmark: problem, configuration: c).run(.unrolled, train: train, test: test)
            rows.append(Row(problem: label, variant: "R-DFL-U (K = \(k))", result: r, depth: k))
            progress("speed \(label) R-DFL-U K=\(k): \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
        }
        for graphFree in [false, true] {
            var c = configuration
            c.graphFreeForward = graphFree
            let r = try RecursiveTrainer(benchmark: problem, configuration: c).run(.implicit, train: train, test: test)
            let name = graphFree ? "R-DFL-I (graph-free forward)" : "R-DFL-I (forward records a graph)"
            rows.append(Row(problem: label, variant: name, result: r, depth: nil))
            progress("speed \(label) \(name): \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
        }
        return rows
    }

    /// The rows as a markdown table; speed-ups are relative to the first R-DFL-U row of each problem.
    public static func markdown(_ rows: [Row]) -> String {
        var table = TextTable(header: [
            "problem", "method", "s/epoch", "vs R-DFL-U K=10", "Φ evals/batch", "VJPs/batch (backward)",
            "VJPs/batch (ρ check)", "dense J columns", "RMSE", "fallbacks",
        ])
        var reference: [String: Double] = [:]
        for row in rows where row.depth == 10 { reference[row.problem] = row.result.secondsPerEpoch }
        for row in rows {
            let r = row.result
            let ratio =
                reference[row.problem].map { formatFixed($0 / max(r.secondsPerEpoch, 1e-12), digits: 2) + "×" } ?? "–"
            let unrolled = row.depth != nil
            table.add(row: [
                row.problem, row.variant, formatFixed(r.secondsPerEpoch, digits: 3), ratio,
                unrolled ? "\(row.depth!)" : formatFixed(r.forwardEvaluationsPerBatch, digits: 1),
                unrolled ? "\(row.depth!) (one reverse pass)" : formatFixed(r.backwardPullbacksPerBatch, digits: 1),
                unrolled ? "–" : formatFixed(r.contractionPullbacksPerBatch, digits: 0),
                unrolled ? "–" : "\(r.denseJacobianColumns)", formatFixed(r.decisionRMSE, digits: 4),
                "\(r.implicitFallbacks)",
            ])
        }
        return table.markdown()
    }
}
