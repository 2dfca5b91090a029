import Foundation
import Testing

/// Runs the built `dfl` executable, as a user does (after swift-argument-parser's
/// MathExampleTests). The test target depends on the `dfl` target, so `swift build --build-tests`
/// builds it into the same products directory as the test bundle.
@Suite struct BuiltBinaryTests {
    /// What one run printed and how it ended.
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// `dfl` in the products directory: the first folder above the test bundle (Linux: the test
    /// executable; macOS: the `.xctest` bundle) that holds it.
    static func executable() throws -> URL {
        let starts =
            Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
            + [Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])]
        for start in starts {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("dfl")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "dfl next to \(starts.map(\.path))"])
    }

    /// Runs `dfl arguments` to its end.
    static func dfl(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self))
    }

    @Test func helpListsTheCommands() throws {
        let run = try Self.dfl(["--help"])
        #expect(run.status == 0 && run.standardError.isEmpty)
        #expect(run.standardOutput.hasPrefix("OVERVIEW: Decision-focused learning"))
        for line in ["  train ", "  demo ", "  bench ", "  reproduce "] {
            #expect(run.standardOutput.contains(line), "\(line)")
        }
        let bench = try Self.dfl(["bench", "--help"])
        #expect(
            bench.status == 0 && bench.standardOutput.contains("  solvers ")
                && bench.standardOutput.contains("  layers "))
    }

    @Test func aBadInvocationExitsWithTheUsageCodeAndOneLine() throws {
        let run = try Self.dfl(["train", "--epochs", "0"])
        #expect(run.status == 64)
        #expect(run.standardOutput.isEmpty)
        #expect(run.standardError == "error: --epochs must be in [1, 1000000] (got 0) (see 'dfl train --help')\n")
        let missing = try Self.dfl(["train", "--train-data", "/nonexistent/a.csv", "--test-data", "/nonexistent/b.csv"])
        #expect(missing.status == 66)
        #expect(missing.standardError == "error: --train-data /nonexistent/a.csv: no such file\n")
    }

    @Test func aTinyTrainingRunFinishes() throws {
        let out = NSTemporaryDirectory() + "dflkit-binary-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try Self.dfl([
            "train", "--grid", "3x3", "--train", "16", "--test", "8", "--epochs", "1", "--method", "spo+", "--quiet",
            "--output", out,
        ])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.isEmpty)
        #expect(run.standardOutput.contains("spo+") && run.standardOutput.contains("test regret"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect(json?["epochs"] as? Int == 1)
    }
}
