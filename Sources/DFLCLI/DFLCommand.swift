import ArgumentParser
import Foundation

/// The root `dfl` command.
public struct DFLCommand: ParsableCommand {
    /// Command-line configuration: name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "dfl",
        abstract: "Decision-focused learning: train predictors for the quality of their decisions.",
        discussion: "Exit codes: " + DFLExitCode.allCases.map { "\($0.rawValue) \($0)" }.joined(separator: ", ")
            + " (README.md, \"Exit codes\").",
        version: "0.1.0",
        subcommands: [Train.self, Demo.self, Bench.self, Reproduce.self, Sweep.self, Runs.self])

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
            var command = try parseAsRoot(arguments)
            try command.run()
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

    /// Runs `dfl` with the process arguments and exits: help on standard output, a failure as one
    /// line `error: …` on standard error with its ``DFLExitCode`` (replaces ArgumentParser's `main()`,
    /// which would print every error with exit code 1).
    public static func main() {
        let result = outcome(of: Array(CommandLine.arguments.dropFirst()))
        switch result {
        case .finished: break
        case .message(let text): if !text.isEmpty { print(text) }
        case .failed(let failure): writeStderr(failure.line + "\n")
        }
        Foundation.exit(result.exitCode.rawValue)
    }

    /// `dfl` followed by the subcommands named at the front of `arguments` (`dfl reproduce energy`).
    static func commandPath(_ arguments: [String]) -> String {
        var path = ["dfl"]
        var command: any ParsableCommand.Type = DFLCommand.self
        for argument in arguments {
            guard
                let next = command.configuration.subcommands.first(where: {
                    ($0.configuration.commandName ?? "") == argument || $0.configuration.aliases.contains(argument)
                })
            else { break }
            path.append(next.configuration.commandName ?? argument)
            command = next
        }
        return path.joined(separator: " ")
    }
}
