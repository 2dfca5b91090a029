import ArgumentParser
import Testing

@testable import DFLCLI

/// Rules between options and ranges of numbers, checked by `validate()` before any work: each
/// invocation below fails at parsing with its one-line message and the usage exit code.
@Suite struct ValidationTests {
    static let rules: [(arguments: [String], message: String)] = [
        (["train", "--train-data", "a.csv"], "--train-data and --test-data go together"),
        (["train", "--test-data", "b.csv"], "--train-data and --test-data go together"),
        (["train", "--model", "m.mps", "--train-data", "a.csv"], "--model needs --train-data and --test-data"),
        (
            ["train", "--problem", "knapsack", "--train-data", "a.csv", "--test-data", "b.csv"],
            "knapsack weights are not in the CSV files"
        ),
        (["train", "--method", "spo+", "--smoothing", "0.5"], "--smoothing applies to the smoothed-layer methods"),
        (["train", "--method", "sce-qp", "--smoothing", "0"], "--smoothing must be > 0"),
        (["train", "--epochs", "0"], "--epochs must be ≥ 1"),
        (["train", "--batch-size", "0"], "--batch-size must be ≥ 1"),
        (["train", "--lr=-1"], "--lr must be > 0"),
        (["train", "--solve-ratio", "1.5"], "--solve-ratio must be in [0, 1]"),
        (["train", "--eval-every", "0"], "--eval-every must be ≥ 1"),
        (["train", "--patience", "0"], "--patience must be ≥ 1"),
        (["train", "--hidden", "8,0"], "--hidden sizes must be ≥ 1"),
        (["train", "--threads", "0"], "--threads must be ≥ 1"),
        (["train", "--problem", "top-k", "--items", "3", "--k", "4"], "top-k needs 1 ≤ --k ≤ --items"),
        (["train", "--problem", "tsp", "--nodes", "2"], "--nodes must be ≥ 3"),
        (["train", "--problem", "knapsack", "--capacity", "0"], "knapsack needs --items ≥ 1"),
        (["train", "--features", "0"], "--features must be ≥ 1"),
        (["train", "--noise=-0.1"], "--noise must be ≥ 0"),
        (["demo", "--epochs", "0"], "--epochs must be ≥ 1"),
        (["bench", "solvers", "--instances", "0"], "--instances must be ≥ 1"),
        (["bench", "train", "--epochs", "0"], "--epochs must be ≥ 1"),
        (["bench", "layers", "--batches", "32,0"], "--batches needs positive integers"),
        (["bench", "layers", "--grid", "1"], "--grid must be ≥ 2"),
        (["bench", "layers", "--repeats", "0"], "--repeats must be ≥ 1"),
        (["reproduce", "smoothing", "--threads", "0"], "--threads must be ≥ 1"),
        (["reproduce", "energy", "--quick", "--budget", "standard"], "--quick and --budget standard contradict"),
        (["reproduce", "energy", "--so-ebm-epochs", "0"], "--so-ebm-epochs must be ≥ 1"),
        (["reproduce", "energy", "--so-ebm-learning-rate=-1"], "--so-ebm-learning-rate must be > 0"),
    ]

    @Test(arguments: rules)
    func ruleIsCheckedBeforeAnyWork(arguments: [String], message: String) throws {
        #expect(throws: (any Error).self) { _ = try DFLCommand.parseAsRoot(arguments) }
        guard case .failed(let failure) = DFLCommand.outcome(of: arguments) else {
            Issue.record("\(arguments) did not fail")
            return
        }
        #expect(failure.status == .usage)
        #expect(failure.message.hasPrefix(message), "\(failure.message)")
        #expect(!failure.message.contains("\n"))
    }

    /// The same options within range pass.
    @Test func validSettingsPass() throws {
        for arguments in [
            ["train", "--method", "sce-qp", "--smoothing", "0.5"],
            ["train", "--model", "m.mps", "--train-data", "a", "--test-data", "b"],
            ["train", "--problem", "top-k", "--items", "4", "--k", "4"], ["train", "--solve-ratio", "0"],
            ["reproduce", "energy", "--quick", "--budget", "quick"],
            ["bench", "layers", "--grid", "2", "--batches", "1"],
        ] {
            #expect(throws: Never.self, "\(arguments)") { _ = try DFLCommand.parseAsRoot(arguments) }
        }
    }
}
