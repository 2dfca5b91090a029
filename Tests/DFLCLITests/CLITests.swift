import ArgumentParser
import DFLCLI
import Foundation
import Testing

@Suite struct CLITests {
    @Test func trainParsesAndRuns() throws {
        let out = NSTemporaryDirectory() + "dflkit-cli-\(UUID().uuidString).json"
        let svg = out + ".svg"
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: svg)
        }
        var cmd = try DFLCommand.parseAsRoot([
            "train", "--problem", "shortest-path", "--grid", "3x3", "--train", "64", "--test", "32",
            "--epochs", "2", "--method", "spo+", "--quiet", "--output", out, "--plot", svg,
        ])
        try cmd.run()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        for key in ["method", "problem", "epochs", "normalizedRegret", "meanRelativeRegret", "secondsPerEpoch", "trainingSeconds", "seed", "history"] {
            #expect(json?[key] != nil, "missing \(key)")
        }
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<polyline"))
    }

    @Test func badInputIsAValidationOrRuntimeError() throws {
        #expect(throws: (any Error).self) {
            var c = try DFLCommand.parseAsRoot(["train", "--grid", "5by5", "--quiet"])
            try c.run()
        }
        #expect(throws: (any Error).self) { _ = try DFLCommand.parseAsRoot(["train", "--threads", "0"]) }
        var cmd = try DFLCommand.parseAsRoot(["train", "--method", "bogus", "--quiet"])
        #expect(throws: (any Error).self) { try cmd.run() }
        let bad = NSTemporaryDirectory() + "dflkit-bad-\(UUID().uuidString).csv"
        try "x0,c0\n1,abc\n".write(toFile: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        var csv = try DFLCommand.parseAsRoot(["train", "--train-data", bad, "--test-data", bad, "--quiet"])
        #expect(throws: (any Error).self) { try csv.run() }
    }

    @Test func configFileSuppliesSettings() throws {
        let path = NSTemporaryDirectory() + "dflkit-config-\(UUID().uuidString).yaml"
        try "method: pfyl\nepochs: 3\nbatchSize: 8\nlearningRate: 0.02\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cmd = try DFLCommand.parseAsRoot(["train", "--config", path, "--epochs", "5"]) as? Train
        let c = try #require(cmd).makeConfigurationForTesting()
        #expect(c.method == "pfyl" && c.epochs == 5 && c.batchSize == 8 && c.learningRate == 0.02)
    }
}
