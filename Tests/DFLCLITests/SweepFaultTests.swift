import DFLRunStore
import Foundation
import Testing

@testable import DFLCLI

/// A fresh folder holding the plan `name` with `text`.
private func plan(_ name: String, _ text: String, in dir: URL) throws -> String {
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

private func tinyPlan(seeds: String) -> String {
    """
    base:
      problem: shortest-path
      grid: 3x3
      train: 30
      test: 30
      epochs: 1
    grid:
      method: [two-stage, spo+]
    seeds: \(seeds)
    """
}

@Suite struct SweepFaultTests {
    /// Two `dfl sweep` processes at once on one store, their plans sharing half their runs: every
    /// run of either plan is in the store exactly once, and the file is sound.
    @Test func twoSweepsOnOneStoreLoseNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("shared.sqlite").path
        let a = try plan("a.yaml", tinyPlan(seeds: "[1, 2, 3]"), in: dir)
        let b = try plan("b.yaml", tinyPlan(seeds: "[2, 3, 4]"), in: dir)
        let processes = try [a, b].map { path in
            let p = Process()
            p.executableURL = try BuiltBinaryTests.executable()
            // Each sweep keeps its own work folder; the store is the one they share.
            p.arguments = [
                "sweep", path, "--store", store, "--workers", "2", "--quiet", "--work-folder", path + ".work",
            ]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            return p
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let expected = Set(
            try SweepPlan.read(path: a).runs().map(\.id) + SweepPlan.read(path: b).runs().map(\.id))
        #expect(expected.count == 8)
        let shared = try RunStore(path: store)
        try shared.checkIntegrity()
        let records = try shared.runs()
        #expect(records.count == 8 && Set(records.map(\.id)) == expected)
        #expect(records.allSatisfy { $0.status == .finished && $0.metrics["test.normalizedRegret"] != nil })
    }

    /// A disk that fills up (a file-size limit on the sweep, so SQLite's writes fail) stops the
    /// sweep with one line and exit 74; the runs recorded before are intact, and a second sweep
    /// with room finishes the rest.
    @Test func aFullDiskIsACleanErrorThatKeepsFinishedRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("full.sqlite").path
        let path = try plan("p.yaml", tinyPlan(seeds: "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]"), in: dir)
        let dfl = try BuiltBinaryTests.executable().path
        // bash: ulimit -f in KiB; SIGXFSZ ignored, so a write past the limit fails (EFBIG) instead of killing.
        let limited = Process()
        limited.executableURL = URL(fileURLWithPath: "/bin/bash")
        limited.arguments = [
            "-c", "trap '' XFSZ; ulimit -f 160; exec \"$0\" sweep \"$1\" --store \"$2\" --quiet", dfl, path, store,
        ]
        let err = Pipe()
        limited.standardOutput = FileHandle.nullDevice
        limited.standardError = err
        try limited.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        limited.waitUntilExit()
        #expect(limited.terminationStatus == 74, "\(message)")
        #expect(message.split(separator: "\n").count == 1 && message.contains("not recorded"), "\(message)")
        let kept = try RunStore(path: store)
        try kept.checkIntegrity()
        let before = try kept.runs()
        #expect(!before.isEmpty && before.count < 24, "\(before.count) runs before the disk filled")
        #expect(before.allSatisfy { $0.status == .finished && $0.history.count == 2 })
        let resumed = try BuiltBinaryTests.dfl(["sweep", path, "--store", store, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("\(before.count) already"))
        let after = try RunStore(path: store).runs()
        #expect(after.count == 24 && Set(after.map(\.id)).count == 24)
        // The runs kept through the failure are the same records afterwards.
        #expect(before.allSatisfy { run in after.contains(run) })
    }
}
