import ArgumentParser
import DFLReport
import DFLRunStore
import Foundation

/// `dfl compare runs/*.json`: the comparison table and regret curves of `dfl train --output` files,
/// without a run store (the same table and charts as `dfl runs compare`).
public struct CompareResults: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare dfl train result files: method × problem table (mean ± sd over seeds) and regret curves.",
        discussion: """
            Reads the JSON that `dfl train --output` writes. Runs of the same method and problem \
            (different seeds) form one row, the metric's mean ± sample standard deviation over them; \
            --plot draws each (method, problem)'s mean test regret per epoch, from the untrained \
            model (epoch 0) on. The same table as `dfl runs compare` on a run store.
            \(DFLExitCode.helpLine)
            """)

    @Argument(help: "Result files of dfl train --output.", completion: .file(extensions: ["json"]))
    var results: [String]
    @Option(
        help:
            "The metric to compare: test.normalizedRegret, test.meanRelativeRegret or test.initialNormalizedRegret.")
    var metric = "test.normalizedRegret"
    @Flag(help: "Print a Markdown table.") var markdown = false
    @Option(help: "Draw the mean test regret per epoch of each method and problem as an SVG chart here.")
    var plot: String?

    /// Creates the command.
    public init() {}

    /// Rejects an empty list.
    public func validate() throws {
        guard !results.isEmpty else { throw ValidationError("name at least one result file of dfl train --output") }
    }

    /// Reads the files, prints the table and writes the chart.
    public func run() throws {
        for file in results { try InputFile.requireExists(file, option: "result file") }
        if let plot { try OutputFile.requireWritable(plot, option: "--plot") }
        let runs = try results.map(Self.record(of:))
        let rows = RunSummary.summaries(of: runs, metric: metric)
        guard !rows.isEmpty else {
            throw CommandFailure(.usage, "no result file has the metric \(metric)")
        }
        let table = Runs.Compare.table(rows, metric: metric)
        try StandardOutput.print(markdown ? table.markdown() : table.render())
        if let plot { try OutputFile.write(Runs.Compare.curvesChart(runs).svg(), to: plot, option: "--plot") }
    }

    /// The run record of one result file (as a sweep records it).
    /// - Throws: ``CommandFailure`` `.noInput` or `.dataError` naming the file.
    static func record(of file: String) throws -> RunRecord {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw CommandFailure(.noInput, "result file \(file): cannot read (\(error.localizedDescription))")
        }
        struct Identity: Decodable {
            var method: String
            var seed: UInt64
        }
        guard let identity = try? JSONDecoder().decode(Identity.self, from: data) else {
            throw CommandFailure(.dataError, "\(file): not a dfl train result")
        }
        var record = RunRecord(
            problem: "", method: identity.method, seed: Int(truncatingIfNeeded: identity.seed),
            settings: try RunRecord.canonicalJSON(["file": file]), version: DFLCommand.configuration.version)
        try TrainResultJSON.fill(&record, from: data, file: file)
        return record
    }
}
