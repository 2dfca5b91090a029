import ArgumentParser
import DFLBenchmarks
import DFLData
import DFLLayers
import DFLLosses
import DFLOptimization
import DFLTraining
import Foundation
import Testing

@testable import DFLCLI

/// The one error path: every failure is one line without doubled prefixes, with the exit code of
/// its class (README.md, "Exit codes").
@Suite struct ErrorPathTests {
    @Test func theExitCodesAreSysexits() {
        #expect(DFLExitCode.allCases.map(\.rawValue) == [0, 1, 64, 65, 66, 70, 73, 74])
    }

    /// README.md's "Exit codes" table names every code with its class.
    @Test func theReadmeDocumentsEveryExitCode() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "### Exit codes").dropFirst().first)
        for code in DFLExitCode.allCases {
            #expect(section.contains("| \(code.rawValue) | \(code) |"), "\(code)")
        }
    }

    @Test func repeatedPrefixesCollapse() {
        #expect(
            OneLineMessage.clean("checkpoint: checkpoint error: run.json: no value for parameter 'w'")
                == "checkpoint: run.json: no value for parameter 'w'")
        #expect(
            OneLineMessage.clean("error: solver error (infeasible): knapsack[3]: no point")
                == "solver error (infeasible): knapsack[3]: no point")
        #expect(OneLineMessage.clean("every part failed:\n- a\n- b") == "every part failed: a, b")
        #expect(OneLineMessage.clean("line one\nline two") == "line one; line two")
        let foundation =
            #"run.json: cannot write (Error Domain=NSCocoaErrorDomain Code=4 "The file doesn’t exist."UserInfo={NSUnderlyingError=Error Domain=NSPOSIXErrorDomain Code=2 "No such file or directory", NSUserStringVariant=["Folder"]})"#
        #expect(OneLineMessage.clean(foundation) == "run.json: cannot write (The file doesn’t exist.)")
        let wrapped = CommandFailure(classifying: TrainingError.checkpoint("checkpoint error: run.json: bad shape"))
        #expect(wrapped.line == "error: checkpoint: run.json: bad shape")
        #expect(wrapped.status == .dataError)
    }

    @Test func libraryErrorsMapToTheirClass() {
        let cases: [(any Error, DFLExitCode)] = [
            (ValidationError("x"), .usage),
            (LossError.unknownMethod("x"), .usage),
            (TrainingError.invalidConfiguration("x"), .usage),
            (TrainingError.invalidData("x"), .dataError),
            (TrainingError.nonFiniteLoss(epoch: 1, batch: 2, lastCheckpoint: nil), .software),
            (TrainingError.checkpoint("run.json: cannot write (disk full)"), .ioError),
            (DataError(.nonNumericCell, "bad cell", file: "a.csv", line: 2, column: 1), .dataError),
            (DataError(.ioFailure, "cannot read file: gone", file: "a.csv"), .noInput),
            (DataError(.ioFailure, "cannot write file: full", file: "a.csv"), .ioError),
            (SolverError(.infeasible, "p[0]"), .software),
            (SolverError(.invalidModel, "m.mps: no such file"), .noInput),
            (SolverError(.invalidModel, "m.mps: CBC could not read the model (status 1)"), .dataError),
            (LayerError(.notConverged, "QP layer[3]"), .software),
            (LayerError(.invalidConfiguration, "μ = 0"), .usage),
            (BenchmarkError.missingData(path: "/data/pjm"), .noInput),
            (BenchmarkError.malformedData(path: "f", line: 3, reason: "r"), .dataError),
            (BenchmarkError.numerical(routine: "r", reason: "nan"), .software),
            (CommandFailure(.ioError, "x"), .ioError),
            (CocoaError(.fileReadNoSuchFile), .noInput),
            (CocoaError(.fileWriteNoPermission), .ioError),
        ]
        for (error, status) in cases {
            let failure = CommandFailure(classifying: error)
            #expect(failure.status == status, "\(error)")
            #expect(
                !failure.message.isEmpty && !failure.message.contains("\n")
                    && !failure.message.lowercased().hasPrefix("error"), "\(error)")
        }
        struct Strange: Error {}
        #expect(CommandFailure(classifying: Strange()).status == .unclassified)
    }

    @Test func parseErrorsAreUsageWithAHint() {
        guard case .failed(let unknown) = DFLCommand.outcome(of: ["reproduce", "energy", "--no-such-option"]) else {
            Issue.record("no failure")
            return
        }
        #expect(unknown.status == .usage)
        #expect(unknown.line == "error: Unknown option '--no-such-option' (see 'dfl reproduce energy --help')")
        guard case .failed(let method) = DFLCommand.outcome(of: ["train", "--method", "bogus"]) else {
            Issue.record("no failure")
            return
        }
        #expect(method.status == .usage && method.message.contains("'bogus'"))
        #expect(
            method.message.contains("one of the following: two-stage, spo+, sce, ")
                && method.message.contains(", spo+-norm"))
        guard case .message(let help) = DFLCommand.outcome(of: ["bench", "--help"]) else {
            Issue.record("help is not a message")
            return
        }
        #expect(help.hasPrefix("OVERVIEW:"))
        #expect(DFLCommand.outcome(of: ["--version"]) == .message("0.1.0"))
    }

    @Test func missingInputAndUnwritableOutputHaveTheirCodes() throws {
        let missing = "/nonexistent-\(UUID().uuidString).csv"
        guard
            case .failed(let input) = DFLCommand.outcome(of: [
                "train", "--train-data", missing, "--test-data", missing, "--quiet",
            ])
        else {
            Issue.record("no failure")
            return
        }
        #expect(input.status == .noInput && input.line == "error: --train-data \(missing): no such file")
        guard case .failed(let config) = DFLCommand.outcome(of: ["train", "--config", missing, "--quiet"]) else {
            Issue.record("no failure")
            return
        }
        #expect(config.status == .noInput)
        let badYAML = NSTemporaryDirectory() + "dflkit-config-\(UUID().uuidString).yaml"
        try "epochs: [oops\n".write(toFile: badYAML, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: badYAML) }
        guard case .failed(let yaml) = DFLCommand.outcome(of: ["train", "--config", badYAML, "--quiet"]) else {
            Issue.record("no failure")
            return
        }
        #expect(yaml.status == .dataError && !yaml.message.contains("\n"))
        let unwritable = "/nonexistent-\(UUID().uuidString)/r.json"
        guard
            case .failed(let output) = DFLCommand.outcome(of: [
                "train", "--grid", "2x2", "--train", "8", "--test", "4", "--epochs", "1", "--quiet", "--output",
                unwritable,
            ])
        else {
            Issue.record("no failure")
            return
        }
        #expect(output.status == .cannotCreate && output.message.hasPrefix("--output \(unwritable): no folder"))
    }
}
