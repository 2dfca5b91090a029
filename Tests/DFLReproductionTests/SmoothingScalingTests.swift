import DFLBenchmarks
import DFLReproduction
import DFLTraining
import Foundation
import Testing

@Suite("Smoothing paper Fig. 3 / App. E–F runner")
struct SmoothingScalingTests {
    @Test("a tiny run gives one row per variant, the report states every claim, a cell alone gives the same numbers")
    func tinyRunAndCells() throws {
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
        var lines: [String] = []
        let report = try SmoothingScaling.run(s) { lines.append($0) }
        #expect(report.results.count == SmoothingScaling.variants.count)
        #expect(report.results.map(\.method) == SmoothingScaling.variants.map(\.label))
        #expect(report.results.allSatisfy { $0.meanRelativeRegret.isFinite && $0.secondsPerEpoch >= 0 })
        #expect(lines.count == SmoothingScaling.variants.count)
        #expect(report.markdown.contains("SCE^DYS has lower regret than SqDE^DYS"))
        #expect(report.markdown.contains("SPO+ with p = 0 % caching"))
        #expect(report.charts.keys.sorted() == ["smoothing-scaling-kp-regret.svg", "smoothing-scaling-kp-time.svg"])
        // A caching variant and a DYS variant, each run alone, as a plan's worker runs them.
        for k in [1, 5] {
            let alone = try SmoothingScaling.cell(
                row: "KP (6)", variant: SmoothingScaling.variants[k].label, seed: 1, settings: s, threads: 2)
            #expect(alone.meanRelativeRegret == report.results[k].meanRelativeRegret)
            #expect(alone.normalizedRegret == report.results[k].normalizedRegret)
        }
        #expect(SmoothingScaling.report(report.results, settings: s).markdown == report.markdown)
        var back = try SmoothingScaling.Settings(planSettings: s.planSettings)
        back.seeds = s.seeds
        back.labels = s.labels
        back.customBenchmarks = s.customBenchmarks
        #expect(back == s)
    }
}
