import Foundation
import Testing

/// `dfl train --validation` / `--validation-data`: selection on validation, the test set only reported.
@Suite struct ValidationSplitBinaryTests {
    @Test func aHeldOutFractionDrivesEarlyStoppingAndTheResultSaysSo() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-val-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try BuiltBinaryTests.dfl([
            "train", "--grid", "3x3", "--train", "120", "--test", "60", "--epochs", "4", "--validation", "0.25",
            "--patience", "2", "--quiet", "--output", output.path,
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any])
        #expect(json["trainCount"] as? Int == 90 && json["validationCount"] as? Int == 30)
        #expect(json["bestEpoch"] is Int && json["validationNormalizedRegret"] is Double)
        let history = try #require(json["history"] as? [[String: Any]])
        #expect(history.allSatisfy { $0["validationNormalizedRegret"] is Double })
    }

    @Test func patienceWithoutAValidationSetAndBadFractionsAreUsageErrors() throws {
        let noValidation = try BuiltBinaryTests.dfl(["train", "--patience", "3"])
        #expect(noValidation.status == 64 && noValidation.standardError.contains("--patience needs a validation set"))
        let tooLarge = try BuiltBinaryTests.dfl(["train", "--validation", "0.95"])
        #expect(tooLarge.status == 64 && tooLarge.standardError.contains("--validation must be in (0, 0.9]"))
        let both = try BuiltBinaryTests.dfl(["train", "--validation", "0.2", "--validation-data", "/etc/hostname"])
        #expect(both.status == 64)
        let missing = try BuiltBinaryTests.dfl(["train", "--validation-data", "/nonexistent/v.csv"])
        #expect(missing.status == 66)
    }
}
