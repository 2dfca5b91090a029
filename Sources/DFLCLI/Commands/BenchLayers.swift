import ArgumentParser
import DFLReport
import DFLReproduction

extension Bench {
    /// `dfl bench layers`: times the QP and DYS smoothing layers (forward, forward+backward) on the
    /// 5×5 shortest path and a 32-item knapsack relaxation (the peers: `Scripts/bench-peers.sh`).
    public struct Layers: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "layers",
            abstract: "Time the QP and DYS layers (batch 32 and 256, μ = 0.1 and 1)."
        )

        @Option(help: "Timed repetitions per configuration (median reported), ≥ 1.") var repeats: Int = 5
        @Option(help: "Batch sizes, comma-separated, each ≥ 1.") var batches = CommaSeparated<Int>([32, 256])
        @Option(help: "Grid side of the shortest path, ≥ 2; other than 5, only that grid is timed.")
        var grid: Int = 5

        /// Creates the command.
        public init() {}

        /// Ranges of the options.
        public func validate() throws {
            try SettingRanges.benchBatches.check(batches.values)
            try SettingRanges.repeats.check(repeats)
            try SettingRanges.benchGrid.check(grid)
        }

        /// Runs the benchmark and prints a markdown table.
        public func run() throws {
            let largestBatch = batches.values.max() ?? 1
            try MemoryBudget.require(
                ProblemSize.shortestPath(rows: grid, columns: grid).smoothedLayerDemands(
                    batch: largestBatch, threads: 2))
            let rows = try LayerBenchmark.run(batches: batches.values, repeats: repeats, gridSize: grid)
            var t = TextTable(header: [
                "problem", "μ", "batch", "QP fwd ms", "QP f+b ms", "DYS fwd ms", "DYS f+b ms",
            ])
            for r in rows {
                t.add(row: [
                    r.problem, formatFixed(r.smoothing, digits: 1), "\(r.batch)", formatFixed(r.qpForward, digits: 2),
                    formatFixed(r.qpForwardBackward, digits: 2), formatFixed(r.dysForward, digits: 2),
                    formatFixed(r.dysForwardBackward, digits: 2),
                ])
            }
            try StandardOutput.print(t.markdown())
            try StandardOutput.print("peers, timed in the same run: Scripts/bench-peers.sh (docs/bench.md)")
        }
    }
}
