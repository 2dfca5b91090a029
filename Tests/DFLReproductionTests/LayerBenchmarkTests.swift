import DFLLayers
import DFLOptimization
import DFLReproduction
import Testing

@Suite("Layer benchmark")
struct LayerBenchmarkTests {
    @Test("the benchmark knapsack is seeded and runs every configuration with positive times")
    func runsEveryConfiguration() throws {
        let a = try LayerBenchmark.knapsack(seed: 4), b = try LayerBenchmark.knapsack(seed: 4)
        #expect(a == b)
        #expect(a.costDimension == 32)
        let rows = try LayerBenchmark.run(batches: [2], repeats: 1)
        #expect(rows.count == 4)
        for r in rows {
            #expect(
                [r.qpForward, r.qpForwardBackward, r.dysForward, r.dysForwardBackward].allSatisfy {
                    $0 > 0 && $0.isFinite
                })
        }
    }
}
