import DFLBenchmarks
import DFLReproduction
import DFLTraining
import Foundation
import Testing

@Suite("Smoothing paper Fig. 3 / App. E–F runner")
struct SmoothingScalingTests {
    @Test("a tiny run gives one row per variant, the report states every claim, a rerun resumes without training")
    func tinyRunAndResume() throws {
        var s = SmoothingScaling.Settings()
        s.train = 16
        s.test = 8
        s.epochs = 1
        s.batchSize = 8
        s.seeds = [1]
        s.dysIterations = 20
        s.customBenchmarks = [
            SmoothingScaling.Benchmark(
                label: "KP (6)", family: "KP", size: 6, problem: .knapsack(items: 6, dimensions: 2, capacity: 10),
                smoothing: 1)
        ]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dflkit-scaling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("scaling.csv").path
        var lines: [String] = []
        let report = try SmoothingScaling.run(s, csvPath: path) { lines.append($0) }
        #expect(report.results.count == SmoothingScaling.variants.count)
        #expect(Set(report.results.map(\.method)) == Set(SmoothingScaling.variants.map(\.label)))
        #expect(report.results.allSatisfy { $0.meanRelativeRegret.isFinite && $0.secondsPerEpoch >= 0 })
        #expect(lines.count == SmoothingScaling.variants.count)
        #expect(report.markdown.contains("SCE^DYS has lower regret than SqDE^DYS"))
        #expect(report.markdown.contains("SPO+ with p = 0 % caching"))
        #expect(report.charts.keys.sorted() == ["smoothing-scaling-kp-regret.svg", "smoothing-scaling-kp-time.svg"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == report.csv)
        var again: [String] = []
        let second = try SmoothingScaling.run(s, csvPath: path) { again.append($0) }
        #expect(again.isEmpty)
        #expect(second.results == report.results)
        var other = s
        other.epochs = 2
        #expect(throws: TrainingError.self) { try SmoothingScaling.run(other, csvPath: path) }
    }
}
