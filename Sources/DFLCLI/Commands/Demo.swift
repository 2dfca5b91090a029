import ArgumentParser
import DFLBenchmarks
import DFLData
import DFLLosses
import DFLOptimization
import DFLReport
import DFLReproduction
import DFLTraining
import Foundation

/// `dfl demo`: the main job — a real training run on the built-in 5×5 shortest-path benchmark,
/// two-stage vs SPO+ vs PFYL on PyEPO's anchor settings, with a table and an SVG chart.
public struct Demo: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Train two-stage, SPO+ and PFYL on the 5x5 shortest-path benchmark and compare.")

    @OptionGroup var seed: SeedOption
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var progress: QuietFlag
    @Option(help: "Epochs per method, ≥ 1.") var epochs: Int = 10
    @Option(help: "Write the regret chart here.") var plot: String = "demo-regret.svg"

    /// Creates the command.
    public init() {}

    /// Range of `--epochs`.
    public func validate() throws {
        try SettingRanges.epochs.check(epochs)
    }

    /// Runs the demo.
    public func run() throws {
        try OutputFile.requireWritable(plot, option: "--plot")
        progress.log(
            "shortest path 5x5, 1000 train + 1000 test, deg 6, noise 0.5: PyEPO's anchor data, regenerated bit for bit")
        let (oracle, train, test) = try BuiltinProblem.pyepoShortestPathAnchor(
            seed: UInt32(truncatingIfNeeded: seed.seed), threads: threads.threads)
        let sameData = seed.seed == 42
        var table = TextTable(header: [
            "method", "test regret", "untrained", "s/epoch", sameData ? "PyEPO (same data)" : "PyEPO (seed 42)",
        ])
        let anchors = try PaperNumbers.pyepoAnchors.normalizedRegret.methods
        var chart = SVGLineChart(
            title: "Test normalized regret, shortest path 5x5", xLabel: "epoch", yLabel: "normalized regret")
        for method in ["two-stage", "spo+", "pfyl"] {
            var c = TrainingConfiguration()
            c.method = method
            c.epochs = epochs
            c.seed = seed.seed
            c.threads = threads.threads
            progress.log("— \(method)")
            let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            trainer.observer = TrainingProgress(enabled: !progress.quiet).observer
            let r = try trainer.fit(train: train, test: test)
            table.add(row: [
                method, formatFixed(r.normalizedRegret, digits: 4), formatFixed(r.initialNormalizedRegret, digits: 4),
                formatFixed(r.secondsPerEpoch, digits: 4), anchors[method].map { formatFixed($0, digits: 4) } ?? "–",
            ])
            chart.add(
                series: method, x: [0] + r.history.map { Double($0.epoch) },
                y: [r.initialNormalizedRegret] + r.history.map { $0.testNormalizedRegret ?? .nan })
        }
        try StandardOutput.print(table.render())
        try OutputFile.write(chart.svg(), to: plot, option: "--plot")
        try StandardOutput.print("chart: \(plot)")
    }
}
