import DFLBenchmarks
import Testing

@testable import DFLReproduction

@Suite("Reproduction report")
struct ReproductionReportTests {
    @Test("Summaries compute mean ± sample sd; the markdown shows ours beside the paper's numbers")
    func markdown() throws {
        let s = EnergyMethodSummary(
            method: PowerMethod.soEBM.rawValue, values: [3.0, 5.0], secondsPerEpoch: 0.5,
            paper: try PowerReproduction.paperNumbers[.soEBM])
        #expect(s.mean == 4 && abs(s.standardDeviation - 2.0.squareRoot()) < 1e-12)
        let text = try energyMarkdown(
            quick: true, budget: .quick, power: [s], ablation: [s], covid: [], security: [],
            sweep: [SweepPoint(ratio: 0.5, method: "So-EBM", mean: 4, standardDeviation: 0.1)])
        #expect(text.contains("3.83 ± 0.15"))
        #expect(text.contains("4.000 ± 1.414"))
        #expect(text.contains("0.68"))
        #expect(text.contains("| 0.50"))
    }

    @Test("Quick budget is smaller than the full one; data sets reject inconsistent sizes")
    func budgets() {
        #expect(
            EnergyReproductionBudget.quick.power.twoStageIterations
                < EnergyReproductionBudget.full.power.twoStageIterations)
        #expect(EnergyReproductionBudget.full.seeds.count > 1)
        #expect(throws: BenchmarkError.self) {
            try PowerDataset(features: [1, 2], loads: [1], count: 1, featureCount: 2, hours: 2)
        }
    }
}

@Suite("Reproduction report sections")
struct ReproductionReportSectionTests {
    @Test("Sections that were not run are left out of the report")
    func partialReport() throws {
        let c = EnergyMethodSummary(method: "two-stage", values: [2.0, 4.0], secondsPerEpoch: 0.1)
        let text = try energyMarkdown(
            quick: false, budget: .standard, power: [], ablation: [], covid: [c], security: [], sweep: [])
        #expect(text.contains("COVID-19 bed allocation") && text.contains("3.000 ± 1.414"))
        #expect(
            !text.contains("Power scheduling") && !text.contains("Ablation") && !text.contains("Fig. 8")
                && !text.contains("security game"))
    }
}
