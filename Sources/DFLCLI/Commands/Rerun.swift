import ArgumentParser
import DFLReport
import DFLTraining
import Foundation

/// `dfl rerun result.json`: runs `dfl train` again from a result file's recorded command line.
public struct Rerun: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "rerun",
        abstract: "Run a 'dfl train' result again from its own file.",
        discussion: """
            Reads the provenance of a result written by 'dfl train --output': the settings as flags \
            (a --config file's included), the working folder, and the SHA-256 of every input file. \
            Each input must still have its fingerprint (relative paths are taken from the recorded \
            folder), then the same training runs and prints whether its test regret equals the \
            recorded one. The outputs are this command's own.
            \(DFLExitCode.helpLine)
            """)

    @Argument(help: "A result file written by dfl train --output.", completion: .file(extensions: ["json"]))
    var result: String
    @Option(help: "Write the new result JSON here.") var output: String?
    @Option(name: .customLong("save-model"), help: "Save the retrained model here.") var saveModel: String?
    @Option(help: "Draw the new run's chart here.") var plot: String?
    @OptionGroup var progress: QuietFlag

    /// Creates the command.
    public init() {}

    /// Runs the command.
    public func run() throws {
        try InputFile.requireExists(result, option: "result")
        let recorded: TrainingResult
        do {
            recorded = try JSONDecoder().decode(
                TrainingResult.self, from: Data(contentsOf: URL(fileURLWithPath: result)))
        } catch {
            throw CommandFailure(.dataError, "\(result): not a dfl train result (\(SavedModel.summary(of: error)))")
        }
        guard let provenance = recorded.provenance, provenance.arguments.first == "train" else {
            throw CommandFailure(
                .dataError, "\(result): has no recorded command line (written by the library or an older dfl)")
        }
        if provenance.dflkitVersion != BuildInfo.version {
            writeStderr(
                "note: \(result) was written by DFLKit \(provenance.dflkitVersion), this is \(BuildInfo.version)\n")
        }
        for (name, recordedFile) in provenance.files.sorted(by: { $0.key < $1.key }) {
            let path = Self.resolve(recordedFile.path, in: provenance.workingDirectory)
            try InputFile.requireExists(path, option: "--\(name) (recorded in \(result))")
            let now = try FileFingerprint.of(path, option: "--\(name)")
            guard now.sha256 == recordedFile.sha256 else {
                throw CommandFailure(
                    .dataError,
                    "--\(name) \(path): SHA-256 \(now.sha256.prefix(12))… differs from the recorded \(recordedFile.sha256.prefix(12))…: the input changed"
                )
            }
        }
        var arguments = Self.resolvingInputs(provenance.arguments, in: provenance.workingDirectory)
        for (option, value) in [("--output", output), ("--save-model", saveModel), ("--plot", plot)] {
            if let value { arguments += [option, value] }
        }
        if progress.quiet, !arguments.contains("--quiet") { arguments.append("--quiet") }
        guard let train = try DFLCommand.parseAsRoot(arguments) as? Train else {
            throw CommandFailure(.dataError, "\(result): the recorded command is not dfl train")
        }
        let again = try train.run(arguments: arguments)
        let same = again.normalizedRegret == recorded.normalizedRegret
        try StandardOutput.print(
            "rerun of \(result): test regret \(formatFixed(again.normalizedRegret, digits: 6)), recorded \(formatFixed(recorded.normalizedRegret, digits: 6)): "
                + (same ? "the same" : "DIFFERENT"))
    }

    /// `path` taken from `directory` when it is relative.
    static func resolve(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: directory).appendingPathComponent(path).path
    }

    /// `arguments` with the values of the input-file options resolved against `directory`.
    static func resolvingInputs(_ arguments: [String], in directory: String) -> [String] {
        var out: [String] = []
        var resolveNext = false
        for argument in arguments {
            if resolveNext {
                out.append(resolve(argument, in: directory))
                resolveNext = false
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            if TrainingFiles.inputOptions.contains(parts[0]) {
                if parts.count == 2 {
                    out.append("\(parts[0])=\(resolve(parts[1], in: directory))")
                } else {
                    out.append(argument)
                    resolveNext = true
                }
            } else {
                out.append(argument)
            }
        }
        return out
    }
}
