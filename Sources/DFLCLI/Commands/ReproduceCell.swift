import ArgumentParser
import DFLReproduction
import Foundation

extension Reproduce {
    /// `dfl reproduce cell`: one cell of a reproduction plan, run by a sweep worker (hidden).
    public struct Cell: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "cell",
            abstract: "Run one cell of a reproduction plan and write its result JSON (a sweep worker's job).",
            shouldDisplay: false)

        @Option(help: "The plan kind (reproduce-smoothing, reproduce-energy, reproduce-recursive).") var kind: String
        @Option(help: "The cell's settings as a JSON object of strings.") var settings: String
        @Option(help: "Where the result JSON goes.") var output: String
        @Option(help: "Worker threads inside the cell (default: the reproduction's).") var threads: Int?
        @OptionGroup var progress: QuietFlag

        /// Creates the command.
        public init() {}

        /// Runs the cell and writes its result.
        public func run() throws {
            guard let cellKind = ReproductionCell.Kind(rawValue: kind) else {
                throw ValidationError(
                    "--kind must be one of \(ReproductionCell.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let values = try? JSONDecoder().decode([String: String].self, from: Data(settings.utf8)) else {
                throw ValidationError("--settings must be a JSON object of strings, got '\(settings.prefix(80))'")
            }
            let result = try ReproductionCell.run(
                cellKind, settings: values, threads: threads, log: progress.log)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try OutputFile.write(
                String(decoding: try encoder.encode(result), as: UTF8.self), to: output, option: "--output")
        }
    }
}
