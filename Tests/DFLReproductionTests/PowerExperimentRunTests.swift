import DFLBenchmarks
import Foundation
import Testing

@testable import DFLReproduction

/// Long runs on the real data, enabled by `DFLKIT_ENERGY_RUN=1` (used for the numbers in docs/energy.md).
@Suite("Power experiment (opt-in)")
struct PowerExperimentRunTests {
    @Test(
        "Quick power comparison prints a table",
        .enabled(if: ProcessInfo.processInfo.environment["DFLKIT_ENERGY_RUN"] == "1"))
    func run() throws {
        let data = try PowerDataset.loadDefault()
        var settings = PowerTrainingSettings()
        settings.twoStageIterations = Int(ProcessInfo.processInfo.environment["TS_ITERS"] ?? "300")!
        settings.dflIterations = Int(ProcessInfo.processInfo.environment["DFL_ITERS"] ?? "20")!
        settings.dflLearningRate = Double(ProcessInfo.processInfo.environment["DFL_LR"] ?? "1e-4")!
        settings.soEBMEpochs = Int(ProcessInfo.processInfo.environment["EBM_EPOCHS"] ?? "30")!
        settings.soEBMLearningRate = Double(ProcessInfo.processInfo.environment["EBM_LR"] ?? "1e-4")!
        settings.policyIterations = Int(ProcessInfo.processInfo.environment["POLICY_ITERS"] ?? "300")!
        let t0 = Date()
        let rows = try PowerReproduction.run(
            dataset: data, settings: settings, seeds: [0], methods: PowerMethod.allCases, log: { print($0) })
        for r in rows { print(r.method, r.mean, r.secondsPerEpoch) }
        print("total seconds", Date().timeIntervalSince(t0))
    }
}
