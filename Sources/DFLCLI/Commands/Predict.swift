import ArgumentParser
import DFLData
import DFLMetrics
import DFLTraining
import Foundation

/// `dfl predict`: a saved model's predicted costs, the decision they lead to and its objective, per row.
public struct Predict: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict costs with a saved model and solve each instance with them.",
        discussion: """
            Reads the features x0..x{p-1} of each row of --data (cost columns, if any, are ignored), \
            predicts the costs with the model saved by 'dfl train --save-model', solves the problem \
            the model was trained for with them, and writes per row the predicted costs, the decision \
            and its objective under the predicted costs: CSV (row, chat0.., w0.., objective) or JSON, \
            by --output's extension; without --output, CSV on standard output.
            \(DFLExitCode.helpLine)
            """)

    @OptionGroup var threads: ThreadsOption
    @OptionGroup var inputs: SavedModelInputs
    @Option(help: "Write the predictions here: .json for JSON, anything else CSV (default: CSV on standard output).")
    var output: String?

    /// Creates the command.
    public init() {}

    /// Runs the command.
    public func run() throws {
        if let output { try OutputFile.requireWritable(output, option: "--output") }
        try InputFile.requireExists(inputs.data, option: "--data")
        let use = try SavedModelProblem(path: inputs.modelFile, modelOverride: inputs.model, threads: threads.threads)
        let table = try DatasetCSV.readFeatures(path: inputs.data)
        let costs = try use.predict(
            features: table.features, count: table.count, featureCount: table.featureCount, source: inputs.data)
        let d = use.oracle.costDimension
        guard table.otherColumns == 0 || table.otherColumns == d else {
            throw CommandFailure(
                .dataError,
                "\(inputs.data): \(table.otherColumns) cost columns, the model predicts \(d) costs for '\(use.oracle.name)'"
            )
        }
        let rows = (0..<table.count).map { Array(costs[($0 * d)..<(($0 + 1) * d)]) }
        let solutions = try use.oracle.solveBatch(rows)
        let predictions = zip(rows, solutions).enumerated().map { i, pair in
            PredictionRow(
                row: i, predictedCosts: pair.0, decision: pair.1.decision,
                objective: DecisionMetrics.objective(costs: pair.0, decision: pair.1.decision))
        }
        if let output, output.lowercased().hasSuffix(".json") {
            let file = PredictionFile(
                model: use.fingerprint, data: try FileFingerprint.of(inputs.data, option: "--data"), rows: predictions)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFile.write(try encoder.encode(file), to: output, option: "--output")
        } else {
            let text = Self.csv(predictions, dimension: d)
            if let output {
                try OutputFile.write(text, to: output, option: "--output")
            } else {
                try StandardOutput.print(String(text.dropLast()))
            }
        }
    }

    /// The CSV text: `row, chat0..chat{d−1}, w0..w{d−1}, objective`.
    static func csv(_ rows: [PredictionRow], dimension d: Int) -> String {
        var text =
            (["row"] + (0..<d).map { "chat\($0)" } + (0..<d).map { "w\($0)" } + ["objective"])
            .joined(separator: ",") + "\n"
        for r in rows {
            text +=
                (["\(r.row)"] + r.predictedCosts.map { "\($0)" } + r.decision.map { "\($0)" } + ["\(r.objective)"])
                .joined(separator: ",") + "\n"
        }
        return text
    }
}

/// One row of `dfl predict`'s output.
struct PredictionRow: Codable, Equatable {
    /// 0-based data row.
    var row: Int
    /// The predicted costs ĉ.
    var predictedCosts: [Double]
    /// The decision ŵ that is optimal for ĉ.
    var decision: [Double]
    /// ĉᵀŵ.
    var objective: Double
}

/// `dfl predict --output p.json`: the inputs' fingerprints and one entry per row.
struct PredictionFile: Codable, Equatable {
    /// The saved model used.
    var model: FileFingerprint
    /// The data read.
    var data: FileFingerprint
    /// The predictions.
    var rows: [PredictionRow]
}

/// The inputs of `dfl predict` and `dfl evaluate`.
public struct SavedModelInputs: ParsableArguments {
    @Option(
        name: .customLong("model-file"), help: "The saved model (written by dfl train --save-model).",
        completion: .file(extensions: ["dflmodel"]))
    var modelFile: String
    @Option(
        help: "CSV data: features x0..x{p-1} (and, for evaluate, the true costs c0..c{d-1}).",
        completion: .file(extensions: ["csv"]))
    var data: String
    @Option(
        help:
            "The LP/MILP file the model was trained on, when it is no longer at the path the saved model records (its SHA-256 must match).",
        completion: .file(extensions: ["mps", "lp"]))
    var model: String?

    /// No inputs yet.
    public init() {}
}
