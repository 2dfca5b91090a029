import DFLReport
import Foundation
import Testing

@testable import DFLRunStore

/// A fresh folder for one test's store files.
private func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-runstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A run with settings that depend on `(problem, method, seed)` and a metric `value`.
private func run(_ problem: String, _ method: String, seed: Int, value: Double) throws -> RunRecord {
    struct Settings: Encodable {
        var problem: String
        var method: String
        var seed: Int
        var lr = 0.01
    }
    return RunRecord(
        problem: problem, method: method, seed: seed,
        settings: try RunRecord.canonicalJSON(Settings(problem: problem, method: method, seed: seed)),
        version: "test", commit: "abc123", finishedAt: 1_700_000_000,
        history: [
            .init(epoch: 0, test: 1), .init(epoch: 1, trainLoss: 0.5, validation: value, test: value, seconds: 0.25),
        ],
        metrics: ["test.normalizedRegret": value], timings: ["wall": 1.5], fingerprints: ["train": SHA256.hex("data")])
}

@Suite("Run store")
struct RunStoreTests {
    @Test("A recorded run reads back equal, by id and by a unique prefix; identities follow the settings")
    func roundTrip() throws {
        let dir = try scratch()
        let store = try RunStore(path: dir.appendingPathComponent("runs.sqlite").path)
        let a = try run("sp5", "spo+", seed: 1, value: 0.07)
        try store.record(a)
        #expect(try store.run(id: a.id) == a)
        #expect(try store.run(id: String(a.id.prefix(10))) == a)
        #expect(try store.count() == 1)
        // Same settings, same identity; another seed, another one.
        #expect(try run("sp5", "spo+", seed: 1, value: 0.5).id == a.id)
        #expect(try run("sp5", "spo+", seed: 2, value: 0.07).id != a.id)
        // Recording the same id again replaces the run (a rerun), never duplicates it.
        try store.record(try run("sp5", "spo+", seed: 1, value: 0.06))
        #expect(try store.count() == 1)
        #expect(try store.run(id: a.id)?.metrics["test.normalizedRegret"] == 0.06)
        try store.checkIntegrity()
    }

    @Test("The summary is mean ± sd over seeds per (problem, method), from the one SampleStatistics")
    func summary() throws {
        let store = try RunStore(path: try scratch().appendingPathComponent("s.sqlite").path)
        let values: [(String, String, Int, Double)] = [
            ("kp", "pfyl", 1, 0.2), ("kp", "pfyl", 2, 0.4), ("sp5", "spo+", 1, 0.1), ("sp5", "spo+", 2, 0.3),
            ("sp5", "spo+", 3, 0.5),
        ]
        for (p, m, s, v) in values { try store.record(try run(p, m, seed: s, value: v)) }
        var failed = try run("sp5", "spo+", seed: 4, value: 99)
        failed.status = .failed
        failed.error = "diverged"
        try store.record(failed)
        let table = try store.summary(metric: "test.normalizedRegret")
        #expect(table.map(\.method) == ["pfyl", "spo+"])
        #expect(table[0].statistics == SampleStatistics([0.2, 0.4]))
        #expect(table[1].statistics == SampleStatistics([0.1, 0.3, 0.5]))  // the failed run is left out
        #expect(try store.finishedIDs().count == 5)
        #expect(try store.runs(problem: "sp5").count == 4)
        // The same table from the records in memory (`dfl compare` on result files), in any order.
        #expect(RunSummary.summaries(of: try store.runs().reversed(), metric: "test.normalizedRegret") == table)
    }

    @Test("Merging stores adds each run once and ignores duplicates, children included")
    func merge() throws {
        let dir = try scratch()
        let a = try RunStore(path: dir.appendingPathComponent("a.sqlite").path)
        let b = try RunStore(path: dir.appendingPathComponent("b.sqlite").path)
        try a.record(try run("sp5", "spo+", seed: 1, value: 0.1))
        try a.record(try run("sp5", "spo+", seed: 2, value: 0.2))
        try b.record(try run("sp5", "spo+", seed: 2, value: 0.9))  // duplicate id: a's copy is kept
        try b.record(try run("sp5", "spo+", seed: 3, value: 0.3))
        let merged = try RunStore(path: dir.appendingPathComponent("m.sqlite").path)
        #expect(try merged.merge(from: [a.path, b.path]) == 3)
        #expect(try merged.merge(from: [a.path, b.path]) == 0)
        #expect(try merged.count() == 3)
        let seed2 = try #require(try merged.runs().first { $0.seed == 2 })
        #expect(seed2.metrics["test.normalizedRegret"] == 0.2)
        #expect(seed2.history.count == 2)
        try merged.checkIntegrity()
    }

    @Test("Two writers on one store lose nothing (WAL + busy timeout)")
    func concurrentWriters() async throws {
        let path = try scratch().appendingPathComponent("shared.sqlite").path
        let first = try RunStore(path: path)
        let second = try RunStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second].enumerated() {
                group.addTask {
                    for seed in 0..<40 { try store.record(try run("p\(index)", "m", seed: seed, value: Double(seed))) }
                }
            }
            try await group.waitForAll()
        }
        #expect(try first.count() == 80)
        try first.checkIntegrity()
    }

    @Test("Bad records, unreadable and read-only stores are typed errors that keep what was stored")
    func errors() throws {
        let dir = try scratch()
        let path = dir.appendingPathComponent("r.sqlite").path
        let store = try RunStore(path: path)
        try store.record(try run("sp5", "spo+", seed: 1, value: 0.1))
        var bad = try run("sp5", "spo+", seed: 2, value: .nan)
        #expect { try store.record(bad) } throws: { ($0 as? RunStoreError)?.reason == .invalidRecord }
        bad = try run("sp5", "spo+", seed: 2, value: 0.1)
        bad.settings = "{not json"
        #expect { try store.record(bad) } throws: { ($0 as? RunStoreError)?.reason == .invalidRecord }
        let readOnly = try RunStore(path: path, readOnly: true)
        #expect { try readOnly.record(try run("sp5", "spo+", seed: 3, value: 0.1)) } throws: {
            ($0 as? RunStoreError)?.reason == .writeFailed
        }
        #expect(try store.count() == 1)
        #expect { _ = try RunStore(path: dir.appendingPathComponent("missing/dir/x.sqlite").path) } throws: {
            ($0 as? RunStoreError)?.reason == .cannotOpen
        }
        let notADatabase = dir.appendingPathComponent("text.sqlite").path
        try Data("hello, not sqlite".utf8).write(to: URL(fileURLWithPath: notADatabase))
        #expect { _ = try RunStore(path: notADatabase) } throws: { ($0 as? RunStoreError)?.reason == .cannotOpen }
        #expect { try store.merge(from: [notADatabase]) } throws: { ($0 as? RunStoreError)?.reason == .cannotOpen }
    }

    @Test("A full store is a writeFailed error that loses no run recorded before it")
    func fullDisk() throws {
        let path = try scratch().appendingPathComponent("full.sqlite").path
        // 48 pages of 4 KiB: the schema and a few runs with long histories fit, then SQLite is full.
        let capped = try RunStore(path: path, busyTimeout: 1, readOnly: false, maximumPageCount: 48)
        var recorded: [RunRecord] = []
        var failure: RunStoreError?
        for seed in 1...200 {
            var r = try run("sp5", "spo+", seed: seed, value: Double(seed) / 1000)
            r.history = (0...200).map { .init(epoch: $0, trainLoss: Double($0), test: 0.5, seconds: 0.01) }
            do {
                try capped.record(r)
                recorded.append(r)
            } catch let error as RunStoreError {
                failure = error
                break
            }
        }
        let error = try #require(failure, "200 long runs fitted into 48 pages")
        #expect(error.reason == .writeFailed && error.description.contains("full"), "\(error)")
        #expect(recorded.count >= 1)
        // Reopened without the cap: every run recorded before the failure is whole, none of the failed one.
        let reopened = try RunStore(path: path)
        try reopened.checkIntegrity()
        #expect(try reopened.runs() == recorded)  // read back ordered by seed, as they were recorded
        #expect(try reopened.count() == recorded.count)
    }

    @Test("Stores opened at once on one new file (as by two sweeps starting together) all get its one schema")
    func concurrentCreation() async throws {
        for _ in 0..<5 {
            let path = try scratch().appendingPathComponent("new.sqlite").path
            let opened = try await withThrowingTaskGroup(of: Int.self) { group in
                for seed in 1...6 {
                    group.addTask {
                        let store = try RunStore(path: path)
                        try store.record(try run("sp5", "spo+", seed: seed, value: 0.1))
                        return 1
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(opened == 6)
            let store = try RunStore(path: path)
            #expect(try store.count() == 6)
            try store.checkIntegrity()
        }
    }
}
