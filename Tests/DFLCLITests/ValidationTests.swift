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
        (["train", "--method", "sce-qp", "--smoothing", "0"], "--smoothing must be in (0, 1000000]"),
        (["train", "--epochs", "0"], "--epochs must be in [1, 1000000] (got 0)"),
        (["train", "--batch-size", "0"], "--batch-size must be in [1, 10000000]"),
        (["train", "--lr=-1"], "--lr must be in (0, ∞) (got -1.0)"),
        (["train", "--solve-ratio", "1.5"], "--solve-ratio must be in [0, 1] (got 1.5)"),
        (["train", "--eval-every", "0"], "--eval-every must be in [1, 1000000]"),
        (["train", "--patience", "0"], "--patience must be in [1, 1000000] (got 0)"),
        (["train", "--hidden", "8,0"], "--hidden entries must be in [1, 1000000] (got 0)"),
        (["train", "--threads", "0"], "--threads must be in [1, 256] (got 0)"),
        (
            ["train", "--problem", "top-k", "--items", "3", "--k", "4"],
            "--k must be at most --items (got k = 4, items = 3)"
        ),
        (["train", "--problem", "tsp", "--nodes", "2"], "--nodes must be in [3, 15] (got 2)"),
        (["train", "--problem", "knapsack", "--capacity", "0"], "--capacity must be in (0, ∞) (got 0.0)"),
        (["train", "--features", "0"], "--features must be in [1, 100000] (got 0)"),
        (["train", "--noise=-0.1"], "--noise must be in [0, 1000] (got -0.1)"),
        (["demo", "--epochs", "0"], "--epochs must be in [1, 1000000]"),
        (["bench", "solvers", "--instances", "0"], "--instances must be in [1, 10000000]"),
        (["bench", "train", "--epochs", "0"], "--epochs must be in [1, 1000000]"),
        (["bench", "layers", "--batches", "32,0"], "--batches entries must be in [1, 100000] (got 0)"),
        (["bench", "layers", "--grid", "1"], "--grid must be in [2, 1000] (got 1)"),
        (["bench", "layers", "--repeats", "0"], "--repeats must be in [1, 10000]"),
        (["reproduce", "smoothing", "--threads", "0"], "--threads must be in [1, 256]"),
        (["reproduce", "energy", "--quick", "--budget", "standard"], "--quick and --budget standard contradict"),
        (["reproduce", "energy", "--so-ebm-epochs", "0"], "--so-ebm-epochs must be in [1, 1000000]"),
        (["reproduce", "energy", "--so-ebm-learning-rate=-1"], "--so-ebm-learning-rate must be in (0, ∞)"),
        // The settings the issue found accepted or trapping: each a one-line usage error naming it.
        (["train", "--gradient-clip-norm=-1"], "--gradient-clip-norm must be in (0, ∞) (got -1.0)"),
        (["train", "--gradient-clip-norm", "0"], "--gradient-clip-norm must be in (0, ∞) (got 0.0)"),
        (["train", "--momentum=-0.5"], "--momentum must be in [0, 1) (got -0.5)"),
        (["train", "--patience=-2"], "--patience must be in [1, 1000000] (got -2)"),
        (["train", "--imle-kappa=-3"], "--imle-kappa must be in (0, 1000000] (got -3.0)"),
        (["train", "--train", "9223372036854775807"], "--train must be in [1, 10000000] (got 9223372036854775807)"),
        (["train", "--train", "1e9"], "The value '1e9' is invalid for '--train <train>'"),
        (["train", "--samples", "1000000000"], "--samples must be in [1, 100000] (got 1000000000)"),
        (["train", "--grid", "5xabcx5"], "The value '5xabcx5' is invalid for '--grid <grid>'"),
        (["train", "--grid", "2000x3"], "--grid entries must be in [1, 1000] (got 2000)"),
        (["train", "--deg", "100"], "--deg must be in [1, 32] (got 100)"),
        (["train", "--weight-decay", "nan"], "--weight-decay must be in [0, ∞) (got nan)"),
        (["bench", "layers", "--batches", "32,abc"], "The value '32,abc' is invalid for '--batches <batches>'"),
        (["bench", "layers", "--grid", "5000"], "--grid must be in [2, 1000] (got 5000)"),
    ]

    @Test(arguments: rules)
    func ruleIsCheckedBeforeAnyWork(arguments: [String], message: String) throws {
        #expect(throws: (any Error).self) { _ = try DFLCommand.parse(arguments) }
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
            #expect(throws: Never.self, "\(arguments)") { _ = try DFLCommand.parse(arguments) }
        }
    }
}
