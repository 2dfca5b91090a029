import Foundation
import Testing

/// `dfl compare` on files that are not results: one line naming the file, with its exit code.
@Suite struct CompareResultsTests {
    @Test func missingAndForeignFilesAreCleanErrors() throws {
        let dir = try ModelFileBinaryTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = try BuiltBinaryTests.dfl(["compare", dir + "/none.json"])
        #expect(missing.status == 66 && missing.standardError.split(separator: "\n").count == 1)
        #expect(missing.standardError.contains(dir + "/none.json"), "\(missing.standardError)")
        let foreign = dir + "/foreign.json"
        try "{\"method\": \"spo+\"}".write(toFile: foreign, atomically: true, encoding: .utf8)
        let run = try BuiltBinaryTests.dfl(["compare", foreign])
        #expect(run.status == 65 && run.standardError == "error: \(foreign): not a dfl train result\n")
        let none = try BuiltBinaryTests.dfl(["compare"])
        #expect(none.status == 64)
    }
}
