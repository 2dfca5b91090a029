import Foundation
import Testing

/// `dfl train --save-model`, `dfl predict`, `dfl evaluate`, `dfl rerun`: run as a user would.
@Suite struct ModelWorkflowBinaryTests {
    /// A fresh folder, removed by the caller.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The package's Examples/mps-model folder (from this file's path).
    static let mpsExample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/mps-model")

    /// Splits the example's 120 cases into train.csv (80) and test.csv (40) in `folder`.
    static func splitProjects(into folder: URL) throws {
        let lines = try String(contentsOf: mpsExample.appendingPathComponent("projects.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        try (lines[0...80].joined(separator: "\n") + "\n").write(
            to: folder.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
        try ([lines[0]] + lines[81...]).joined(separator: "\n").appending("\n").write(
            to: folder.appendingPathComponent("test.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            at: mpsExample.appendingPathComponent("projects.mps"), to: folder.appendingPathComponent("projects.mps"))
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func aModelFileRunIsSavedPredictedEvaluatedAndRerun() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.splitProjects(into: dir)
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        let train = try BuiltBinaryTests.dfl([
            "train", "--model", p("projects.mps"), "--train-data", p("train.csv"), "--test-data", p("test.csv"),
            "--epochs", "3", "--batch-size", "8", "--lr", "0.05", "--eval-every", "3", "--quiet",
            "--save-model", p("m.dflmodel"), "--output", p("r.json"),
        ])
        #expect(train.status == 0, "\(train.standardError)")
        // The table shows where the time went.
        for column in ["s/epoch", "solver s", "eval s", "data s", "wall s"] {
            #expect(train.standardOutput.contains(column))
        }
        let saved = try Self.json(dir.appendingPathComponent("m.dflmodel"))
        #expect(saved["format"] as? String == "dflkit-model" && saved["formatVersion"] as? Int == 1)
        let problem = try #require(saved["problem"] as? [String: Any])
        let modelFile = try #require(problem["modelFile"] as? [String: Any])
        #expect((modelFile["sha256"] as? String)?.count == 64)

        // Provenance and timing in the result.
        let result = try Self.json(dir.appendingPathComponent("r.json"))
        let provenance = try #require(result["provenance"] as? [String: Any])
        let files = try #require(provenance["files"] as? [String: Any])
        #expect(Set(files.keys) == ["model", "train-data", "test-data"])
        #expect(provenance["dflkitVersion"] as? String != nil && provenance["gitCommit"] as? String != nil)
        #expect((provenance["arguments"] as? [String])?.contains("--save-model") == false)
        let configuration = try #require(result["configuration"] as? [String: Any])
        #expect(configuration["learningRate"] as? Double == 0.05 && configuration["seed"] as? Int == 42)
        let timing = try #require(result["timing"] as? [String: Double])
        let parts = ["dataSeconds", "trainingSeconds", "evaluationSeconds"].map { timing[$0] ?? -1 }
        #expect(parts.allSatisfy { $0 >= 0 })
        #expect(parts.reduce(0, +) <= timing["wallSeconds"] ?? 0)

        // Predict: one row per instance, CSV and JSON.
        let csv = try BuiltBinaryTests.dfl([
            "predict", "--model-file", p("m.dflmodel"), "--data", p("test.csv"), "--output", p("p.csv"),
        ])
        #expect(csv.status == 0, "\(csv.standardError)")
        let rows = try String(contentsOfFile: p("p.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 41 && rows[0].hasPrefix("row,chat0,") && rows[0].hasSuffix(",w5,objective"))
        let js = try BuiltBinaryTests.dfl([
            "predict", "--model-file", p("m.dflmodel"), "--data", p("test.csv"), "--output", p("p.json"),
        ])
        #expect(js.status == 0)
        let predictions = try #require(try Self.json(dir.appendingPathComponent("p.json"))["rows"] as? [[String: Any]])
        #expect(predictions.count == 40 && (predictions[0]["decision"] as? [Double])?.count == 6)

        // Evaluate: summary and per instance.
        let evaluation = try BuiltBinaryTests.dfl([
            "evaluate", "--model-file", p("m.dflmodel"), "--data", p("test.csv"), "--output", p("e.json"),
        ])
        #expect(evaluation.status == 0, "\(evaluation.standardError)")
        let e = try Self.json(dir.appendingPathComponent("e.json"))
        let summary = try #require(e["summary"] as? [String: Any])
        let instances = try #require(e["instances"] as? [[String: Any]])
        #expect(instances.count == 40)
        // The same normalized regret as the training run's final test score: same model, same data.
        #expect(summary["normalizedRegret"] as? Double == result["normalizedRegret"] as? Double)
        let regret = try #require(summary["normalizedRegret"] as? Double)
        let unambiguous = try #require(summary["unambiguousNormalizedRegret"] as? Double)
        #expect(unambiguous >= regret - 1e-9)  // the worst optimum is never better than the chosen one
        for key in ["meanRelativeRegret", "costMSE", "decisionAccuracy", "meanRegret"] {
            #expect(summary[key] is Double, "\(key)")
        }

        // Rerun from the result file alone: the same numbers.
        let rerun = try BuiltBinaryTests.dfl(["rerun", p("r.json"), "--quiet", "--output", p("r2.json")])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(rerun.standardOutput.contains("the same"))
        let again = try Self.json(dir.appendingPathComponent("r2.json"))
        #expect(again["normalizedRegret"] as? Double == result["normalizedRegret"] as? Double)
        let losses = { (r: [String: Any]) in
            (r["history"] as? [[String: Any]])?.compactMap { $0["trainLoss"] as? Double }
        }
        #expect(losses(again) == losses(result) && losses(result)?.count == 3)

        // A changed input is refused by the rerun and by the saved model.
        try "NAME changed\n".write(toFile: p("projects.mps"), atomically: true, encoding: .utf8)
        let changed = try BuiltBinaryTests.dfl(["rerun", p("r.json"), "--quiet"])
        #expect(changed.status == 65 && changed.standardError.contains("SHA-256"))
        let wrongModel = try BuiltBinaryTests.dfl([
            "predict", "--model-file", p("m.dflmodel"), "--data", p("test.csv"),
        ])
        #expect(wrongModel.status == 65 && wrongModel.standardError.contains("SHA-256"))
    }

    @Test func brokenSavedModelsAndMismatchedDataEndWithOneLineAndTheirExitCode() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        let train = try BuiltBinaryTests.dfl([
            "train", "--grid", "2x2", "--train", "40", "--test", "20", "--epochs", "1", "--quiet",
            "--save-model", p("m.dflmodel"),
        ])
        #expect(train.status == 0, "\(train.standardError)")
        let text = try String(contentsOfFile: p("m.dflmodel"), encoding: .utf8)
        try String(text.prefix(200)).write(toFile: p("truncated.dflmodel"), atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 9")
            .write(toFile: p("future.dflmodel"), atomically: true, encoding: .utf8)
        // 2x2 grid: 4 costs; 5 features.
        try "x0,x1,x2,x3,x4,c0,c1,c2,c3\n1,2,3,4,5,1,1,1,1\n".write(
            toFile: p("ok.csv"), atomically: true, encoding: .utf8)
        try "x0,x1,x2\n1,2,3\n".write(toFile: p("narrow.csv"), atomically: true, encoding: .utf8)
        try "x0,x1,x2,x3,x4,c0,c1\n1,2,3,4,5,1,1\n".write(toFile: p("costs.csv"), atomically: true, encoding: .utf8)
        let cases: [([String], Int32, String)] = [
            (["predict", "--model-file", p("truncated.dflmodel"), "--data", p("ok.csv")], 65, "truncated"),
            (["predict", "--model-file", p("future.dflmodel"), "--data", p("ok.csv")], 65, "format version 9"),
            (["evaluate", "--model-file", p("missing.dflmodel"), "--data", p("ok.csv")], 66, "no such file"),
            (["predict", "--model-file", p("m.dflmodel"), "--data", p("narrow.csv")], 65, "3 feature columns"),
            (["evaluate", "--model-file", p("m.dflmodel"), "--data", p("costs.csv")], 65, "2 cost columns"),
            (["predict", "--model-file", p("m.dflmodel"), "--data", p("missing.csv")], 66, "--data"),
            (["rerun", p("ok.csv")], 65, "not a dfl train result"),
        ]
        for (arguments, status, fragment) in cases {
            let run = try BuiltBinaryTests.dfl(arguments)
            #expect(run.status == status, "\(arguments): \(run.standardError)")
            #expect(run.standardError.contains(fragment), "\(arguments): \(run.standardError)")
            #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
        }
        let ok = try BuiltBinaryTests.dfl(["predict", "--model-file", p("m.dflmodel"), "--data", p("ok.csv")])
        #expect(ok.status == 0 && ok.standardOutput.split(separator: "\n").count == 2)
    }

    @Test func aRerunOfAGeneratedDataRunFromAnotherFolderGivesTheSameNumbers() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        try "epochs: 2\nlr: 0.05\ngrid: 3x3\ntrain: 60\ntest: 30\n".write(
            toFile: p("run.yaml"), atomically: true, encoding: .utf8)
        let first = try BuiltBinaryTests.dfl([
            "train", "--config", p("run.yaml"), "--validation", "0.25", "--quiet", "--output", p("a.json"),
        ])
        #expect(first.status == 0, "\(first.standardError)")
        try FileManager.default.removeItem(atPath: p("run.yaml"))  // its settings are in the result
        let again = try BuiltBinaryTests.dfl(["rerun", p("a.json"), "--quiet", "--output", p("b.json")])
        #expect(again.status == 0, "\(again.standardError)")
        let a = try Self.json(dir.appendingPathComponent("a.json"))
        let b = try Self.json(dir.appendingPathComponent("b.json"))
        for key in ["normalizedRegret", "meanRelativeRegret", "initialNormalizedRegret", "bestEpoch", "epochs"] {
            #expect("\(a[key] ?? "nil")" == "\(b[key] ?? "nil")", "\(key)")
        }
        let scores = { (r: [String: Any]) in
            (r["history"] as? [[String: Any]])?.map {
                "\($0["trainLoss"] ?? 0) \($0["validationNormalizedRegret"] ?? 0)"
            }
        }
        #expect(scores(a) == scores(b))
        #expect((a["configuration"] as? [String: Any])?["epochs"] as? Int == 2)
    }
}
