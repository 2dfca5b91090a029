import DFLRunStore
import Foundation
import Testing

/// `dfl runs` on stores written through the library, run as the built binary.
@Suite struct RunsCommandTests {
    func store(_ name: String, seeds: [Int], value: (Int) -> Double) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        let store = try RunStore(path: path)
        for seed in seeds {
            for method in ["spo+", "two-stage"] {
                try store.record(
                    RunRecord(
                        problem: "sp5", method: method, seed: seed,
                        settings: "{\"method\":\"\(method)\",\"seed\":\(seed)}", version: "test",
                        history: [.init(epoch: 0, test: 1), .init(epoch: 1, trainLoss: 0.3, test: value(seed))],
                        metrics: ["test.normalizedRegret": value(seed) + (method == "spo+" ? 0 : 0.05)],
                        timings: ["wall": 2]))
            }
        }
        return path
    }

    @Test func listShowCompareExportAndMerge() throws {
        let a = try store("a.sqlite", seeds: [1, 2]) { 0.1 * Double($0) }
        let b = try store("b.sqlite", seeds: [2, 3]) { 0.1 * Double($0) }
        let list = try BuiltBinaryTests.dfl(["runs", "list", "--store", a])
        #expect(list.status == 0, "\(list.standardError)")
        #expect(list.standardOutput.split(separator: "\n").count == 2 + 4)  // header, rule, 4 runs
        let compare = try BuiltBinaryTests.dfl(["runs", "compare", "--store", a])
        #expect(compare.status == 0)
        #expect(compare.standardOutput.contains("0.1500 ± 0.0707"))  // spo+ over seeds 1, 2: 0.1, 0.2
        let merge = try BuiltBinaryTests.dfl(["runs", "merge", "--store", a, b])
        #expect(merge.standardOutput.contains("merged 2 new runs") && merge.standardOutput.contains("6 in all"))
        let again = try BuiltBinaryTests.dfl(["runs", "merge", "--store", a, b])
        #expect(again.standardOutput.contains("merged 0 new runs"))
        let id = try #require(try RunStore(path: a).runs(method: "spo+").first?.id)
        let show = try BuiltBinaryTests.dfl(["runs", "show", "--store", a, String(id.prefix(8))])
        #expect(show.status == 0 && show.standardOutput.contains("run \(id)"))
        let csv = URL(fileURLWithPath: a).deletingLastPathComponent().appendingPathComponent("runs.csv").path
        let export = try BuiltBinaryTests.dfl(["runs", "export", "--store", a, "--output", csv])
        #expect(export.status == 0)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 7 && lines[0] == "id,problem,method,seed,status,test.normalizedRegret")
    }

    @Test func missingStoresAndUnknownRunsAreCleanErrors() throws {
        let missing = try BuiltBinaryTests.dfl(["runs", "list", "--store", "/nonexistent/runs.sqlite"])
        #expect(missing.status == 66 && missing.standardError.hasPrefix("error: no run store at"))
        #expect(missing.standardError.split(separator: "\n").count == 1)
        let a = try store("c.sqlite", seeds: [1]) { _ in 0.1 }
        let unknown = try BuiltBinaryTests.dfl(["runs", "show", "--store", a, "ffffffff"])
        #expect(unknown.status == 66 && unknown.standardError.contains("no run with id ffffffff"))
        let noSources = try BuiltBinaryTests.dfl(["runs", "merge", "--store", a])
        #expect(noSources.status == 64)
    }
}

@Suite struct RunsChartTests {
    @Test func compareDrawsTheSummaryAndTheCurves() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-runs-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try RunStore(path: dir.appendingPathComponent("s.sqlite").path)
        for (method, seed, value) in [("spo+", 1, 0.1), ("spo+", 2, 0.2), ("pfyl", 1, 0.15)] {
            try store.record(
                RunRecord(
                    problem: "sp5", method: method, seed: seed, settings: "{\"m\":\"\(method)\",\"s\":\(seed)}",
                    version: "test", history: [.init(epoch: 0, test: 1), .init(epoch: 1, trainLoss: 1, test: value)],
                    metrics: ["test.normalizedRegret": value]))
        }
        let plot = dir.appendingPathComponent("cmp.svg").path, curves = dir.appendingPathComponent("c.svg").path
        let run = try BuiltBinaryTests.dfl([
            "runs", "compare", "--store", store.path, "--plot", plot, "--curves", curves,
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(summary.contains(">sp5</text>") && summary.contains(">spo+</text>") && summary.contains(">pfyl</text>"))
        let perEpoch = try String(contentsOfFile: curves, encoding: .utf8)
        #expect(perEpoch.contains("spo+ · sp5") && perEpoch.contains("<polyline"))
        let bad = try BuiltBinaryTests.dfl(["runs", "compare", "--store", store.path, "--plot", "/nonexistent/x.svg"])
        #expect(bad.status == 73)
    }
}
