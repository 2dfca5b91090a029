import Foundation
import Testing

/// README's "Your own problem" walk-through, run as written: the shell block between
/// `<!-- walkthrough:begin -->` and `<!-- walkthrough:end -->`, from a folder that holds the
/// repository's Examples/ and the built `dfl` on the PATH.
@Suite struct ReadmeWalkthroughTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The walk-through's shell commands.
    static func script() throws -> String {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- walkthrough:begin -->"))
        let end = try #require(readme.range(of: "<!-- walkthrough:end -->"))
        let block = readme[begin.upperBound..<end.lowerBound]
        let lines = block.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("```") }
        return lines.joined(separator: "\n")
    }

    @Test func theWalkthroughRunsAndLeavesEveryFileItNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("Examples"), withDestinationURL: Self.root.appendingPathComponent("Examples")
        )
        let script = try Self.script()
        #expect(script.contains("dfl train") && script.contains("dfl predict") && script.contains("dfl evaluate"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-e", "-o", "pipefail", "-c", script]
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        let bin = try BuiltBinaryTests.executable().deletingLastPathComponent().path
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(err)")
        for file in ["train.csv", "test.csv", "projects.dflmodel", "result.json", "decisions.csv", "evaluation.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path), "\(file)")
        }
        #expect(out.contains("projects.mps: maximize, 6 variables (6 integer), 3 constraints"))
        #expect(out.contains("unamb. regret") && out.contains("decision acc."))
        #expect(out.contains("the same"))
    }
}
