import ArgumentParser
import DFLBenchmarks
import DFLReport
import DFLReproduction
import DFLTraining

extension Bench {
    /// `dfl bench train`: seconds per training epoch on PyEPO's anchor setup (5×5 shortest path,
    /// 1000 + 1000 instances); PyEPO's epochs are timed beside them by `Scripts/bench-peers.sh`.
    public struct Training: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "train",
            abstract:
                "Time training epochs (two-stage, SPO+, PFYL, DBB on the 5x5 shortest path).")

        @OptionGroup var seed: SeedOption
        @OptionGroup var threads: ThreadsOption
        @Option(help: "Epochs per method, ≥ 1 (the time is their mean).") var epochs: Int = 3

        /// Creates the command.
        public init() {}

        /// Range of `--epochs`.
        public func validate() throws {
            try SettingRanges.epochs.check(epochs)
        }

        /// Runs the benchmark and prints a table.
        public func run() throws {
            var table = TextTable(header: ["what", "DFLKit"])
            let (oracle, train, test) = try BuiltinProblem.shortestPath(rows: 5, columns: 5).makeData(
                train: 1000, test: 1000, features: 5, degree: 6, noise: 0.5, seed: seed.seed, threads: threads.threads)
            for method in ["two-stage", "spo+", "pfyl", "dbb"] {
                var c = TrainingConfiguration()
                c.method = method
                c.epochs = epochs
                c.threads = threads.threads
                c.seed = seed.seed
                c.evaluateEvery = epochs
                let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
                let r = try trainer.fit(train: train, test: test)
                table.add(row: ["\(method) epoch, SP 5x5", "\(formatFixed(r.secondsPerEpoch, digits: 4)) s"])
            }
            try StandardOutput.print(table.render())
            try StandardOutput.print(
                "threads = \(threads.threads); PyEPO beside DFLKit on the same data: Scripts/bench-peers.sh (docs/bench.md)"
            )
        }
    }
}
