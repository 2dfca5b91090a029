import ArgumentParser
import Foundation

/// The files of `dfl train`: a user's model, CSV data, the config file, and the outputs. Inputs
/// are checked for existence and outputs for writability before any work (``checkAccess()``).
public struct TrainingFiles: ParsableArguments {
    @Option(
        help:
            "A user's LP/MILP (MPS or LP file) whose objective coefficients are predicted; needs --train-data and --test-data.",
        completion: .file(extensions: ["mps", "lp"]))
    var model: String?
    @Option(
        name: .customLong("train-data"), help: "Training CSV (x0.., c0..); needs --test-data.",
        completion: .file(extensions: ["csv"]))
    var trainData: String?
    @Option(
        name: .customLong("test-data"), help: "Test CSV (x0.., c0..); needs --train-data.",
        completion: .file(extensions: ["csv"]))
    var testData: String?
    @Option(
        name: .customLong("validation-data"),
        help: "Validation CSV (x0.., c0..): early stopping and model selection use it; the test set is only reported.",
        completion: .file(extensions: ["csv"]))
    var validationData: String?
    @Option(
        help: ArgumentHelp(
            "Hold out this fraction of the training set, in \(SettingRanges.validationFraction.text), for early stopping and model selection (the test set is only reported).",
            valueName: "fraction"))
    var validation: Double?
    @Option(
        help:
            "YAML or JSON file of settings: keys are the flag names (batch-size: 64, problem: knapsack, hidden: [64, 32]); flags given here override it.",
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var config: String?
    @Option(help: "Write the result JSON here.") var output: String?
    @Option(help: "Draw an SVG chart here: training loss, and validation and test regret from epoch 0, in two panels.")
    var plot: String?
    @Option(help: "Checkpoint file: written every epoch; an existing one is resumed.") var checkpoint: String?
    @Option(
        name: .customLong("save-model"),
        help:
            "Save the trained predictor here (.dflmodel JSON: architecture, weights, problem with fingerprint, settings) for dfl predict and dfl evaluate."
    )
    var saveModel: String?

    /// No files.
    public init() {}

    /// The rules between the data options for `problem`.
    func validate(problem: ProblemKind) throws {
        if let validation {
            try SettingRange.check([], [(validation, SettingRanges.validationFraction)])
            guard validationData == nil else {
                throw ValidationError(
                    "--validation and --validation-data are two ways to give one validation set; choose one")
            }
        }
        if model != nil {
            guard trainData != nil, testData != nil else {
                throw ValidationError("--model needs --train-data and --test-data (columns x0.., c0..)")
            }
        } else {
            guard (trainData == nil) == (testData == nil) else {
                throw ValidationError("--train-data and --test-data go together")
            }
            guard trainData == nil || problem != .knapsack else {
                throw ValidationError("knapsack weights are not in the CSV files; use generated data for knapsack")
            }
        }
    }

    /// The options whose values are outputs of a run (left out of a result's recorded command line).
    static let outputOptions = ["--output", "--plot", "--checkpoint", "--save-model"]
    /// The options whose values are input files (fingerprinted, resolved against the working folder on a rerun).
    static let inputOptions = ["--model", "--train-data", "--test-data", "--validation-data"]

    /// The input files given, by option.
    var inputs: [(option: String, path: String)] {
        [
            ("--model", model), ("--train-data", trainData), ("--test-data", testData),
            ("--validation-data", validationData),
        ]
        .compactMap { option, path in path.map { (option, $0) } }
    }

    /// Inputs exist (exit 66 otherwise) and outputs can be written (exit 73 otherwise), before any work.
    func checkAccess() throws {
        for (path, option) in [
            (model, "--model"), (trainData, "--train-data"), (testData, "--test-data"),
            (validationData, "--validation-data"),
        ] {
            if let path { try InputFile.requireExists(path, option: option) }
        }
        for (path, option) in [
            (output, "--output"), (plot, "--plot"), (checkpoint, "--checkpoint"), (saveModel, "--save-model"),
        ] {
            if let path { try OutputFile.requireWritable(path, option: option) }
        }
        // A checkpoint is read back and replaced by rename: only a regular file (or a new one) will do.
        if let checkpoint, FileManager.default.fileExists(atPath: checkpoint) {
            try InputFile.requireExists(checkpoint, option: "--checkpoint")
        }
        let outputs = [
            (output, "--output"), (plot, "--plot"), (checkpoint, "--checkpoint"), (saveModel, "--save-model"),
        ].compactMap {
            path, option in
            path.map { ($0, option) }
        }
        for (i, a) in outputs.enumerated() {
            for b in outputs[(i + 1)...] where a.0 == b.0 {
                throw CommandFailure(.usage, "\(a.1) and \(b.1) name the same file \(a.0)")
            }
        }
    }
}
