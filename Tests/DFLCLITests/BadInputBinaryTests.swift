import Foundation
import Testing

/// Every class of bad input, run through the built `dfl` as a user runs it: a one-line error with
/// the exit code of its class (README.md, "Exit codes"), never a trap, a hang or a lost output.
@Suite struct BadInputBinaryTests {
    /// A fresh folder for one test's files.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dflkit-bad-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `dfl arguments`, expects `status` and one line on standard error that contains `message`.
    static func expectFailure(
        _ arguments: [String], status: Int32, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let run = try BuiltBinaryTests.dfl(arguments)
        #expect(run.status == status, "\(arguments): \(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.hasPrefix("error: "), "\(run.standardError)", sourceLocation: sourceLocation)
        #expect(
            run.standardError.filter { $0 == "\n" }.count == 1 && run.standardError.count < 1200,
            "\(run.standardError.prefix(300))", sourceLocation: sourceLocation)
        #expect(!run.standardError.dropFirst(7).contains("error: "), sourceLocation: sourceLocation)
        #expect(run.standardError.contains(message), "\(run.standardError)", sourceLocation: sourceLocation)
    }

    static let tiny = ["--grid", "2x2", "--train", "8", "--test", "4", "--epochs", "1", "--quiet"]

    @Test func settingsOutOfRangeAreUsageErrorsNamingTheSetting() throws {
        let cases: [([String], String)] = [
            (["train", "--gradient-clip-norm=-1"], "--gradient-clip-norm must be in (0, ∞) (got -1.0)"),
            (["train", "--momentum=-1", "--optimizer", "sgd"], "--momentum must be in [0, 1) (got -1.0)"),
            (["train", "--patience=-1"], "--patience must be in [1, 1000000] (got -1)"),
            (["train", "--imle-kappa=-3", "--method", "imle"], "--imle-kappa must be in (0, 1000000] (got -3.0)"),
            (["train", "--grid", "5xabcx5"], "'5xabcx5' is invalid for '--grid <grid>'"),
            (
                ["train", "--train", "9223372036854775807"],
                "--train must be in [1, 10000000] (got 9223372036854775807)"
            ),
            (["train", "--train", "1e9"], "'1e9' is invalid for '--train <train>'"),
            (["bench", "layers", "--batches", "32,abc"], "'32,abc' is invalid for '--batches <batches>'"),
            (["solve", "--row=-1", "--data", "x.csv"], "--row must be ≥ 0 (got -1)"),
        ]
        for (arguments, message) in cases { try Self.expectFailure(arguments, status: 64, message) }
    }

    @Test func sizesBeyondTheMemoryLimitAreRefusedBeforeAllocating() throws {
        for arguments in [
            ["train", "--hidden", "100000,100000", "--quiet"], ["train", "--grid", "1000x1000", "--method", "sce-qp"],
            ["bench", "layers", "--grid", "200"], ["train", "--train", "10000000", "--features", "100000"],
        ] {
            try Self.expectFailure(arguments, status: 64, "of memory")
            try Self.expectFailure(arguments, status: 64, "raise the limit with DFL_MEMORY_LIMIT_GB")
        }
    }

    @Test func configFilesAreReadAsFlags() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cases: [(String, Int32, String)] = [
            ("hyperparameters:\n  imleKappa: -3\n", 64, "--imle-kappa must be in (0, 1000000] (got -3.0)"),
            ("samples: 1e9\n", 64, "'1e9' is invalid for '--samples <samples>'"),
            ("batch_sise: 8\n", 64, "unknown key 'batch_sise' (did you mean 'batch-size'?)"),
            ("gradientClipNorm: -1\n", 64, "--gradient-clip-norm must be in (0, ∞)"),
            ("epochs: 2\nepochs: 3\n", 64, "'epochs' repeats"),
            ("epochs: [oops\n", 65, "not YAML or JSON"),
            ("- 1\n- 2\n", 65, "expected a mapping"),
            ("{\"lr\": 0, \"epochs\": 1}", 64, "--lr must be in (0, ∞) (got 0.0)"),
        ]
        for (index, (text, status, message)) in cases.enumerated() {
            let path = dir + "/c\(index).yaml"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try Self.expectFailure(["train", "--config", path] + Self.tiny, status: status, message)
        }
    }

    @Test func outputsAreCheckedBeforeAnyWork() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.expectFailure(["train", "--output", "/nonexistent-dfl/r.json"] + Self.tiny, status: 73, "--output")
        try Self.expectFailure(["train", "--plot", dir] + Self.tiny, status: 73, "is a directory")
        try Self.expectFailure(
            ["train", "--checkpoint", "/nonexistent-dfl/c.json"] + Self.tiny, status: 73, "no folder")
        try Self.expectFailure(
            ["reproduce", "recursive", "--quick", "--output", "/dev/null/reports"], status: 73,
            "--output /dev/null/reports")
        try Self.expectFailure(
            ["train", "--output", dir + "/r.json", "--plot", dir + "/r.json"] + Self.tiny, status: 64, "same file")
        // A full standard output is an I/O error, not success.
        let process = Process()
        process.executableURL = try BuiltBinaryTests.executable()
        process.arguments = ["train"] + Self.tiny
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let error = Pipe()
        process.standardError = error
        try process.run()
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74 && text.hasPrefix("error: standard output: cannot write"), "\(text)")
    }

    @Test func inputsThatAreNotFilesAndHugeCellsAreCleanErrors() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = dir + "/big.csv"
        try (String(repeating: "x", count: 300_000) + ",c0\n1,2\n").write(
            toFile: csv, atomically: true, encoding: .utf8)
        try Self.expectFailure(
            ["train", "--train-data", csv, "--test-data", csv, "--quiet"], status: 65, "characters)")
        for model in ["/dev/null", dir] {
            try Self.expectFailure(
                ["train", "--model", model, "--train-data", csv, "--test-data", csv], status: 66, "--model \(model)")
        }
    }

    @Test func checkpointsOfAnotherRunOrWithBadFieldsAreRefused() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let checkpoint = dir + "/run.json"
        let first = try BuiltBinaryTests.dfl(["train", "--checkpoint", checkpoint] + Self.tiny)
        #expect(first.status == 0, "\(first.standardError)")
        try Self.expectFailure(
            ["train", "--checkpoint", checkpoint, "--deg", "2", "--noise", "0"] + Self.tiny, status: 65,
            "written by another run (training data differ; test data differ)")
        try Self.expectFailure(
            ["train", "--checkpoint", checkpoint, "--lr", "0.1"] + Self.tiny, status: 65, "learningRate 0.1 ≠ 0.01")
        let text = try String(contentsOfFile: checkpoint, encoding: .utf8)
        try text.replacingOccurrences(of: "\"completedEpochs\":1", with: "\"completedEpochs\":-5").write(
            toFile: checkpoint, atomically: true, encoding: .utf8)
        try Self.expectFailure(
            ["train", "--checkpoint", checkpoint] + Self.tiny, status: 65, "invalid field completedEpochs -5")
    }

    @Test func aDivergingRunEndsWithTheNonFiniteErrorAndKeepsTheLastCheckpoint() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Adam at 1e10: the loss grows to ~1e20 and is printed without trapping.
        let adam = try BuiltBinaryTests.dfl([
            "train", "--method", "two-stage", "--lr", "1e10", "--grid", "3x3", "--train", "64", "--test", "16",
            "--epochs", "2",
        ])
        #expect(adam.status == 0, "\(adam.standardError)")
        // SGD at 1e100 overflows in the second epoch: the first epoch's checkpoint is kept, named,
        // and still resumes (with --epochs 1 the resumed run only evaluates it).
        let checkpoint = dir + "/run.json"
        let diverging = [
            "train", "--method", "two-stage", "--optimizer", "sgd", "--lr", "1e100", "--train", "50", "--test", "20",
            "--quiet", "--checkpoint", checkpoint,
        ]
        try Self.expectFailure(diverging + ["--epochs", "3"], status: 70, "NaN/infinite at epoch 2")
        try Self.expectFailure(diverging + ["--epochs", "3"], status: 70, "last good checkpoint kept at \(checkpoint)")
        let resumed = try BuiltBinaryTests.dfl(diverging + ["--epochs", "1"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
    }

    @Test func solveSolvesOneInstanceAndRefusesBadCosts() throws {
        let run = try BuiltBinaryTests.dfl(["solve", "--grid", "2x2", "--costs", "1,2,3,4"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("objective: 4.0") && run.standardOutput.contains("decision: 1,0,1,0"))
        let json = try BuiltBinaryTests.dfl(["solve", "--grid", "2x2", "--costs", "1,2,3,4", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        #expect(object?["objective"] as? Double == 4 && (object?["decision"] as? [Double]) == [1, 0, 1, 0])
        try Self.expectFailure(
            ["solve", "--grid", "2x2", "--costs", "1,2"], status: 65, "2 values for 4 decision variables")
        try Self.expectFailure(
            ["solve", "--grid", "2x2", "--costs", "1,x,3,4"], status: 65, "cost 1 'x' is not a finite")
        try Self.expectFailure(["solve", "--grid", "2x2", "--costs", "1,inf,3,4"], status: 65, "not a finite number")
        try Self.expectFailure(["solve", "--model", "/nonexistent-dfl.mps"], status: 66, "--model")
        try Self.expectFailure(["solve", "--hidden", "3"], status: 64, "Unknown option '--hidden'")
    }
}
