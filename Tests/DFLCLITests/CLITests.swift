import ArgumentParser
import Foundation
import Testing

@testable import DFLCLI

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
        for key in [
            "method", "problem", "epochs", "normalizedRegret", "meanRelativeRegret", "secondsPerEpoch",
            "trainingSeconds", "seed", "history",
        ] {
            #expect(json?[key] != nil, "missing \(key)")
        }
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<polyline"))
    }

    @Test func badInputIsAValidationOrRuntimeError() throws {
        #expect(throws: (any Error).self) {
            var c = try DFLCommand.parseAsRoot(["train", "--grid", "5by5", "--quiet"])
            try c.run()
        }
        // An unknown method is now refused by the parser (the registry's names are the choices).
        #expect(throws: (any Error).self) { _ = try DFLCommand.parseAsRoot(["train", "--threads", "0"]) }
        #expect(throws: (any Error).self) {
            var cmd = try DFLCommand.parseAsRoot(["train", "--method", "bogus", "--quiet"])
            try cmd.run()
        }
        let bad = NSTemporaryDirectory() + "dflkit-bad-\(UUID().uuidString).csv"
        try "x0,c0\n1,abc\n".write(toFile: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        var csv = try DFLCommand.parseAsRoot(["train", "--train-data", bad, "--test-data", bad, "--quiet"])
        #expect(throws: (any Error).self) { try csv.run() }
    }

    @Test func configFileSuppliesSettings() throws {
        let path = NSTemporaryDirectory() + "dflkit-config-\(UUID().uuidString).yaml"
        try "method: pfyl\nepochs: 3\nbatchSize: 8\nlearningRate: 0.02\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cmd = try DFLCommand.parse(["train", "--config", path, "--epochs", "5"]) as? Train
        let c = try #require(cmd).makeConfigurationForTesting()
        #expect(c.method == "pfyl" && c.epochs == 5 && c.batchSize == 8 && c.learningRate == 0.02)
    }

    /// Flags over the file, the file over the defaults: seed and threads included, and problem,
    /// data and hyper-parameter settings under their flag names.
    @Test func explicitFlagsOverrideTheFileAndTheFileOverridesTheDefaults() throws {
        let path = NSTemporaryDirectory() + "dflkit-config-\(UUID().uuidString).json"
        try #"{"seed": 7, "threads": 3, "problem": "kp", "items": 12, "train": 50, "imle-kappa": 2, "hidden": [4]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try #require(DFLCommand.parse(["train", "--config", path]) as? Train)
        let c = try fromFile.makeConfigurationForTesting()
        #expect(c.seed == 7 && c.threads == 3 && c.hyperparameters.imleKappa == 2 && c.hiddenSizes == [4])
        #expect(fromFile.problemOptions.problem == .knapsack && fromFile.problemOptions.items == 12)
        #expect(fromFile.problemOptions.train == 50)
        let overridden = try #require(
            DFLCommand.parse(["train", "--seed", "9", "--config", path, "--threads", "1", "--hidden", ""]) as? Train)
        let o = try overridden.makeConfigurationForTesting()
        #expect(o.seed == 9 && o.threads == 1 && o.hiddenSizes == [] && o.hyperparameters.imleKappa == 2)
        let defaults = try #require(DFLCommand.parse(["train"]) as? Train).makeConfigurationForTesting()
        #expect(defaults.seed == 42 && defaults.threads == 2)
    }
}

@Suite struct UserModelCLITests {
    @Test func trainsOnAnMPSModelWithCSVData() throws {
        let dir = NSTemporaryDirectory() + "dflkit-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Pick at most 2 of 4 items (maximize value): a top-2 selection written as an MPS model.
        let mps = """
            NAME          PICK2
            OBJSENSE
                MAX
            ROWS
             N  VALUE
             L  CAP
            COLUMNS
                MARKER                 'MARKER'                 'INTORG'
                X0        VALUE        1.0   CAP          1.0
                X1        VALUE        1.0   CAP          1.0
                X2        VALUE        1.0   CAP          1.0
                X3        VALUE        1.0   CAP          1.0
                MARKER                 'MARKER'                 'INTEND'
            RHS
                RHS       CAP          2.0
            BOUNDS
             UP BND       X0           1.0
             UP BND       X1           1.0
             UP BND       X2           1.0
             UP BND       X3           1.0
            ENDATA

            """
        try mps.write(toFile: dir + "/pick2.mps", atomically: true, encoding: .utf8)
        var csv = "x0,x1,c0,c1,c2,c3\n"
        var state: UInt64 = 7
        func u() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<40 {
            let x0 = u() * 2 - 1, x1 = u() * 2 - 1
            csv += "\(x0),\(x1),\(1 + x0),\(1 - x0),\(1 + x1),\(1 - x1)\n"
        }
        try csv.write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        let out = dir + "/r.json"
        var cmd = try DFLCommand.parseAsRoot([
            "train", "--model", dir + "/pick2.mps", "--train-data", dir + "/data.csv", "--test-data", dir + "/data.csv",
            "--method", "spo+", "--epochs", "15", "--batch-size", "8", "--lr", "0.05", "--quiet", "--output", out,
        ])
        try cmd.run()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let regret = try #require(json?["normalizedRegret"] as? Double)
        let initial = try #require(json?["initialNormalizedRegret"] as? Double)
        #expect(regret < initial)
        // A CSV whose cost columns do not match the model is refused.
        try "x0,c0,c1\n1,2,3\n".write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        var bad = try DFLCommand.parseAsRoot([
            "train", "--model", dir + "/pick2.mps", "--train-data", dir + "/bad.csv", "--test-data", dir + "/bad.csv",
            "--quiet",
        ])
        #expect(throws: (any Error).self) { try bad.run() }
    }
}

@Suite struct SmoothedMethodCLITests {
    @Test(arguments: ["sce-qp", "spo+-dys"])
    func smoothedMethodsTrainFromTheCommandLine(method: String) throws {
        let out = NSTemporaryDirectory() + "dflkit-smoothed-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: out) }
        var cmd = try DFLCommand.parseAsRoot([
            "train", "--problem", "shortest-path", "--grid", "3x3", "--train", "48", "--test", "24",
            "--epochs", "2", "--method", method, "--quiet", "--output", out,
        ])
        try cmd.run()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let regret = try #require(json?["normalizedRegret"] as? Double)
        #expect(regret.isFinite && regret >= 0)
    }
}
