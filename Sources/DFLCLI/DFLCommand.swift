import ArgumentParser
import Foundation

/// The root `dfl` command.
public struct DFLCommand: ParsableCommand {
    /// Command-line configuration: name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "dfl",
        abstract: "Decision-focused learning: train predictors for the quality of their decisions.",
        discussion: DFLExitCode.helpLine,
        version: BuildInfo.version,
        subcommands: [
            Train.self, Predict.self, Evaluate.self, Rerun.self, Solve.self, Demo.self, Bench.self, Reproduce.self,
            Sweep.self, Runs.self, Methods.self, Problems.self, DataCommand.self, Inspect.self, CompareResults.self,
        ])

    /// Creates the command (ArgumentParser requirement).
    public init() {}

    /// How running `dfl` with some arguments ended.
    public enum Outcome: Equatable, Sendable {
        /// The command ran to its end.
        case finished
        /// Help or version text was asked for (printed on standard output, exit 0).
        case message(String)
        /// The command failed.
        case failed(CommandFailure)

        /// The process exit code.
        public var exitCode: DFLExitCode {
            if case .failed(let f) = self { return f.status }
            return .success
        }
    }

    /// Parses `arguments` (without the program name), runs the chosen command and classifies what
    /// it threw: the one error path of `dfl`. Prints only what the command itself prints.
    public static func outcome(of arguments: [String]) -> Outcome {
        do {
            let expanded = try ConfigFile.expand(arguments)
            var command = try parseAsRoot(expanded)
            if let train = command as? Train {
                // The command line is recorded in the result (`dfl rerun`).
                try train.run(arguments: expanded)
            } else {
                try command.run()
            }
            return .finished
        } catch let exit as ExitCode where exit.isSuccess {
            return .finished
        } catch {
            if exitCode(for: error).isSuccess { return .message(fullMessage(for: error)) }
            var failure = CommandFailure(classifying: error)
            if failure.status == .usage { failure.message += " (see '\(commandPath(arguments)) --help')" }
            return .failed(failure)
        }
    }

    /// Parses `arguments` (without the program name) after inserting the settings of a `--config`
    /// file (``ConfigFile/expand(_:)``): the one parser of `dfl`.
    public static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        try parseAsRoot(ConfigFile.expand(arguments))
    }

    /// Runs `dfl` with the process arguments and exits: help on standard output, a failure as one
    /// line `error: …` on standard error with its ``DFLExitCode`` (replaces ArgumentParser's `main()`,
    /// which would print every error with exit code 1).
    public static func main() {
        let result = outcome(of: Array(CommandLine.arguments.dropFirst()))
        switch result {
        case .finished: break
        case .message(let text):
            if !text.isEmpty, (try? StandardOutput.print(text)) == nil {
                writeStderr(CommandFailure(.ioError, "standard output: cannot write").line + "\n")
                Foundation.exit(DFLExitCode.ioError.rawValue)
            }
        case .failed(let failure): writeStderr(failure.line + "\n")
        }
        Foundation.exit(result.exitCode.rawValue)
    }

    /// `dfl` followed by the subcommands named at the front of `arguments` (`dfl reproduce energy`).
    static func commandPath(_ arguments: [String]) -> String {
        let (_, length) = leafCommand(arguments)
        var path = ["dfl"]
        var command: any ParsableCommand.Type = DFLCommand.self
        for argument in arguments.prefix(length) {
            guard let next = subcommand(of: command, named: argument) else { break }
            path.append(next.configuration.commandName ?? argument)
            command = next
        }
        return path.joined(separator: " ")
    }

    /// The command the subcommand names at the front of `arguments` choose, and how many there are.
    static func leafCommand(_ arguments: [String]) -> (command: any ParsableCommand.Type, length: Int) {
        var command: any ParsableCommand.Type = DFLCommand.self
        var length = 0
        for argument in arguments {
            guard let next = subcommand(of: command, named: argument) else { break }
            command = next
            length += 1
        }
        return (command, length)
    }

    /// The subcommand of `command` called `name` (or one of its aliases).
    static func subcommand(of command: any ParsableCommand.Type, named name: String) -> (any ParsableCommand.Type)? {
        command.configuration.subcommands.first {
            ($0.configuration.commandName ?? "") == name || $0.configuration.aliases.contains(name)
        }
    }
}
