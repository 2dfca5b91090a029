import ArgumentParser
import DFLKit

/// The root `dfl` command.
public struct DFLCommand: ParsableCommand {
    /// Command-line configuration: name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "dfl",
        abstract: "Decision-focused learning: train predictors for the quality of their decisions.",
        version: "0.1.0",
        subcommands: [])

    /// Creates the command (ArgumentParser requirement).
    public init() {}
}
