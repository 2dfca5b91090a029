import DFLMetrics
import DFLOptimization
import DFLRandom
import Testing

@Suite("Metrics on the grid shortest path")
struct ShortestPathGridMetricsTests {
    @Test("perturbed predictions: regret ≥ 0, equals brute recomputation, perfect → 0")
    func gridRegret() throws {
        let grid = ShortestPathGrid(rows: 4, columns: 4)
        let d = grid.costDimension, n = 50
        var rng = SeededGenerator(seed: 3)
        let truth = (0..<(n * d)).map { _ in rng.uniform(0.1, 2) }
        let predicted = truth.map { $0 * rng.uniform(0.5, 1.5) }
        let report = try DecisionMetrics.evaluate(
            solver: ShortestPathGridSolver(), problem: grid, predictedCosts: predicted,
            trueCosts: truth, threads: 2)
        #expect(report.regrets.allSatisfy { $0 >= -1e-12 })
        #expect(report.totalRegret > 0)
        for i in [0, 17, 49] {
            let c = Array(truth[(i * d)..<((i + 1) * d)])
            let chat = Array(predicted[(i * d)..<((i + 1) * d)])
            let z = try ShortestPathGridSolver().solve(grid, costs: c).objective
            let w = try ShortestPathGridSolver().solve(grid, costs: chat).decision
            let expected = DecisionMetrics.regret(
                sense: .minimize, trueCosts: c, decision: w, optimalObjective: z)
            #expect(abs(report.regrets[i] - expected) < 1e-12)
        }
        let perfect = try DecisionMetrics.evaluate(
            solver: ShortestPathGridSolver(), problem: grid, predictedCosts: truth,
            trueCosts: truth)
        #expect(perfect.totalRegret == 0 && perfect.squaredDecisionError == 0)
    }
}
