import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dfl train --model` on bad model files, run as a user runs it: every case ends with one line
/// naming the file (and line:column where there is one) and the exit code of its class — 66 for a
/// missing file, 65 for a file that is not a usable model, 70 for a model the solver cannot solve.
@Suite struct ModelFileBinaryTests {
    /// The example model and data (6 variables, maximize).
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/mps-model")
    static var projectsMPS: String { examples.appendingPathComponent("projects.mps").path }
    static var projectsCSV: String { examples.appendingPathComponent("projects.csv").path }

    /// Runs `dfl train` on `model` for one epoch with `data` (default: the example's data).
    static func train(_ model: String, _ extra: [String] = [], data: String? = nil) throws -> BuiltBinaryTests.Run {
        let data = data ?? projectsCSV
        return try BuiltBinaryTests.dfl(
            ["train", "--model", model, "--train-data", data, "--test-data", data, "--epochs", "1", "--quiet"] + extra)
    }

    /// A fresh directory, removed by the caller.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "dflkit-modelbin-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// One line on standard error, `error: ` once, naming `file` (and `file:line:column` when
    /// `placed`), and exit `status`.
    static func expectFailure(
        _ run: BuiltBinaryTests.Run, status: Int32, file: String, placed: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(run.status == status, "\(run.standardError)", sourceLocation: sourceLocation)
        let lines = run.standardError.split(separator: "\n")
        #expect(
            lines.count == 1 && run.standardError.hasPrefix("error: "), "\(run.standardError)",
            sourceLocation: sourceLocation)
        #expect(!run.standardError.dropFirst(7).contains("error: "), sourceLocation: sourceLocation)
        #expect(run.standardError.contains(file), "\(run.standardError)", sourceLocation: sourceLocation)
        if placed {
            let pattern = try Regex("\(NSRegularExpression.escapedPattern(for: file)):[0-9]+:[0-9]+: ")
            #expect(run.standardError.contains(pattern), "\(run.standardError)", sourceLocation: sourceLocation)
        }
    }

    @Test func badModelFilesExitWithTheDataErrorCodeNamingTheirPlace() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let mps = try String(contentsOfFile: Self.projectsMPS, encoding: .utf8)
        let cases: [(String, String, Bool)] = [
            ("truncated.mps", String(mps.prefix(mps.count / 2)), true),
            (
                "number.mps",
                mps.replacingOccurrences(of: "RHS       MONEY        10.0", with: "RHS       MONEY        1O.0"), true
            ),
            ("duplicate.mps", mps.replacingOccurrences(of: "    P1        VALUE", with: "    P0        VALUE"), true),
            ("section.mps", mps.replacingOccurrences(of: "BOUNDS", with: "BOUND"), true),
            ("rowtype.mps", mps.replacingOccurrences(of: " L  PAIR", with: " X  PAIR"), true),
            ("noend.lp", "Maximize\n obj: x\nSubject To\n c: x <= 1\n", true),
            ("syntax.lp", "Maximize\n obj: 2 x y\nSubject To\n c: x + y <= 1\nEnd\n", true),
            ("empty.mps", "", false),
            ("binary.mps", "\u{7f}ELF\u{0}\u{0}\u{1}", true),
        ]
        for (name, text, placed) in cases {
            let path = dir + "/" + name
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            try Self.expectFailure(try Self.train(path), status: 65, file: path, placed: placed)
        }
    }

    @Test func pathsThatAreNotModelFilesNeverBlock() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe.mps"
        #expect(mkfifo(fifo, 0o600) == 0)
        // The CLI refuses inputs that are not regular files before reading them (no input, 66); the
        // library's reader refuses them too (ModelFileBytes, tested in DFLModelFormatsTests).
        for path in [dir, fifo, "/dev/null"] {
            try Self.expectFailure(try Self.train(path), status: 66, file: path, placed: false)
        }
        try Self.expectFailure(
            try Self.train(dir + "/missing.mps"), status: 66, file: dir + "/missing.mps", placed: false)
    }

    @Test func unsolvableModelsExitWithTheSoftwareCodeNamingTheInstance() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Six variables as the data: P5 has no upper bound and a positive value (unbounded); or
        // the one row asks for a negative sum of nonnegative variables (infeasible).
        func model(_ row: String, _ rhs: String) -> String {
            "NAME U\nOBJSENSE\n    MAX\nROWS\n N V\n L C\nCOLUMNS\n"
                + (0..<6).map { " P\($0) V 1\($0 < 5 ? " C 1" : row)\n" }.joined() + "RHS\n RHS C \(rhs)\nENDATA\n"
        }
        try model("", "10").write(toFile: dir + "/unbounded.mps", atomically: true, encoding: .utf8)
        try model(" C 1", "-1").write(toFile: dir + "/infeasible.mps", atomically: true, encoding: .utf8)
        for (name, word) in [("unbounded.mps", "unbounded"), ("infeasible.mps", "infeasible")] {
            let run = try Self.train(dir + "/" + name)
            #expect(run.status == 70, "\(run.standardError)")
            #expect(
                run.standardError.contains(word) && run.standardError.contains("\(name)[0]"), "\(run.standardError)")
            #expect(run.standardError.split(separator: "\n").count == 1)
        }
    }

    @Test func theSameModelTrainsTheSameWhateverItsFormOrName() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The first 24 cases of the example's data keep the run short.
        let csv = try String(contentsOfFile: Self.projectsCSV, encoding: .utf8).split(separator: "\n").prefix(25)
        let data = dir + "/data.csv"
        try (csv.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let reference = try Self.train(Self.projectsMPS, ["--method", "spo+"], data: data)
        #expect(reference.status == 0, "\(reference.standardError)")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["sh", "-c", "gzip -c -n '\(Self.projectsMPS)' > '\(dir)/projects.gz'"]
        try gzip.run()
        gzip.waitUntilExit()
        let lp = """
            \\ projects.mps as LP, named .txt
            Maximize
             VALUE: P0 + P1 + P2 + P3 + P4 + P5
            Subject To
             MONEY: 4 P0 + 3 P1 + 5 P2 + 2 P3 + 3 P4 + 4 P5 <= 10
             STAFF: 2 P0 + 3 P1 + P2 + 4 P3 + 2 P4 + 3 P5 <= 7
             PAIR: P4 + P5 <= 1
            Binary
             P0 P1 P2 P3 P4 P5
            End
            """
        try lp.write(toFile: dir + "/projects.txt", atomically: true, encoding: .utf8)
        // The regret columns of the summary line (method, file name, epochs, regrets, untrained).
        func regrets(_ run: BuiltBinaryTests.Run) -> [Substring] {
            Array(run.standardOutput.split(separator: "\n").last?.split(separator: " ").dropFirst(2).prefix(4) ?? [])
        }
        for path in [dir + "/projects.gz", dir + "/projects.txt"] {
            let run = try Self.train(path, ["--method", "spo+"], data: data)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(regrets(run) == regrets(reference) && regrets(run).count == 4, "\(run.standardOutput)")
        }
    }
}
