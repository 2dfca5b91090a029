import Foundation
import Testing

/// Runs each built example of Examples/ (InferOpt.jl's `test/tutorial.jl`, swift-argument-parser's
/// `MathExampleTests`): the executables are dependencies of this test target, so `swift build
/// --build-tests` builds them next to the test bundle.
@Suite struct ExamplesTests {
    @Test func customProblemLearnsBetterAssignmentsThanTheUntrainedPredictor() throws {
        let (regret, untrained) = try Self.finalRegrets(of: "CustomProblem")
        #expect(regret < untrained)
        #expect(regret < 0.5 * untrained)
    }

    @Test func mpsModelLearnsBetterDecisionsThanTheUntrainedPredictor() throws {
        let (regret, untrained) = try Self.finalRegrets(of: "MPSModel")
        #expect(regret < untrained)
    }

    @Test func savedModelIsReadBackAndPredictsTheTrainedModelsCosts() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "example-\(UUID().uuidString).dflmodel")
        defer { try? FileManager.default.removeItem(at: path) }
        let output = try Self.run("SaveAndPredict", arguments: [path.path])
        #expect(output.contains("loaded model predicts the trained model's costs: true"))
        #expect(FileManager.default.fileExists(atPath: path.path))
        let (regret, untrained) = try Self.finalRegrets(of: "SaveAndPredict", output: output)
        #expect(regret < untrained)
    }

    /// Runs `executable` and parses its last line, `test regret R (untrained U)`; both numbers are
    /// normalized regrets, so they lie in [0, 1] for these problems (nonnegative costs).
    static func finalRegrets(of executable: String, output: String? = nil) throws -> (
        regret: Double, untrained: Double
    ) {
        let output = try output ?? run(executable)
        let last = try #require(output.split(separator: "\n").last.map(String.init), "\(executable) printed nothing")
        let words = last.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(separator: " ").map(String.init)
        try #require(
            words.count == 5 && words[0] == "test" && words[1] == "regret" && words[3] == "untrained",
            "unexpected final line of \(executable): \(last)")
        let regret = try #require(Double(words[2]), "\(words[2]) is not a number")
        let untrained = try #require(Double(words[4]), "\(words[4]) is not a number")
        #expect((0...1).contains(regret))
        #expect((0...1).contains(untrained))
        return (regret, untrained)
    }

    /// Runs a built product and returns its standard output; a non-zero exit fails with its stderr.
    static func run(_ executable: String, arguments: [String] = []) throws -> String {
        let url = try productsDirectory().appendingPathComponent(executable)
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "\(url.path) is not built")
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0,
            "\(executable) exited with \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
        return String(decoding: output, as: UTF8.self)
    }

    /// The build products directory: the one holding the test bundle (`.build/debug`).
    static func productsDirectory() throws -> URL {
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        let main = Bundle.main.bundleURL
        return main.pathExtension == "xctest" ? main.deletingLastPathComponent() : main
    }
}
