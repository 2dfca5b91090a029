import ArgumentParser
import DFLData
import DFLLosses
import DFLOptimization
import DFLReport
import DFLTraining

/// The root `dfl` command.
public struct DFLCommand: ParsableCommand {
    /// Command-line configuration: name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "dfl",
        abstract: "Decision-focused learning: train predictors for the quality of their decisions.",
        version: "0.1.0",
        subcommands: [Train.self, Demo.self, Bench.self, Reproduce.self, BenchLayers.self])

    /// Creates the command (ArgumentParser requirement).
    public init() {}
}
