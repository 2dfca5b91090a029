import DFLBenchmarks
import Foundation
import Testing

@testable import DFLReproduction

@Suite("Energy run journal")
struct EnergyRunJournalTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dflkit-journal-\(UUID().uuidString).jsonl").path
    }

    @Test("Recorded runs survive reopening the file")
    func reopen() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try EnergyRunJournal(path: path)
        try journal.record(part: "power", seed: 1, method: "So-EBM", value: 3.9, secondsPerEpoch: 0.5)
        try journal.record(part: "covid", seed: 0, method: "two-stage", value: 20.5, secondsPerEpoch: 0.1)
        let again = try EnergyRunJournal(path: path)
        #expect(again.count == 2)
        #expect(again.entry(part: "power", seed: 1, method: "So-EBM")?.value == 3.9)
        #expect(again.entry(part: "power", seed: 0, method: "So-EBM") == nil)
    }

    @Test("A line that is not a journal entry is a clear error naming the line")
    func malformed() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"part\":\"power\",\"seed\":0,\"method\":\"x\",\"value\":1,\"secondsPerEpoch\":1}\nnot json\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try EnergyRunJournal(path: path)
            Issue.record("expected an error")
        } catch let BenchmarkError.invalidArgument(name, reason) {
            #expect(name == "journal")
            #expect(reason.contains("line 2"))
        }
    }

    @Test("A security-game seed already in the journal is taken from it, not run again")
    func resumeSecurity() throws {
        let journal = try EnergyRunJournal(path: nil)
        let names = ["two-stage", "DFL-Block", "Surrogate", "So-EBM", "oracle (true φ)"]
        for (i, name) in names.enumerated() {
            try journal.record(part: "security", seed: 0, method: name, value: -Double(i), secondsPerEpoch: 0)
        }
        var budget = EnergyReproductionBudget.quick
        budget.seeds = [0]
        var lines: [String] = []
        let rows = try reproduceSecurityGame(budget, journal: journal) { lines.append($0) }
        #expect(rows.map(\.method) == names)
        #expect(rows.map(\.mean) == [0, -1, -2, -3, -4])
        #expect(lines.allSatisfy { $0.contains("from journal") })
    }
}
