import ArgumentParser
import DFLBenchmarks
import DFLReproduction
import Testing

@testable import DFLCLI

@Suite("dfl reproduce energy: --part, --seeds and So-EBM overrides")
struct ReproduceEnergyOptionsTests {
    @Test func overridesChangeTheBudgetAndNameTheJournal() throws {
        let cmd = try Reproduce.parse(["energy", "--budget", "standard", "--seeds", "1, 2", "--so-ebm-epochs", "50", "--so-ebm-learning-rate", "0.001"])
        let (budget, name) = try cmd.energyOverrides(.standard)
        #expect(budget.seeds == [1, 2] && budget.sweepSeeds == [1, 2])
        #expect(budget.power.soEBMEpochs == 50 && budget.power.soEBMLearningRate == 0.001)
        #expect(budget.power.twoStageIterations == EnergyReproductionBudget.standard.power.twoStageIterations)
        #expect(name == "standard-seeds1_2-soebm50ep-soebmlr0.001")
        let plain = try Reproduce.parse(["energy", "--budget", "standard"])
        #expect(try plain.energyOverrides(.standard).1 == "standard", "no override keeps the preset's journal")
        #expect(try Reproduce.parse(["energy", "--part", "power,covid"]).energyParts() == [.power, .covid])
        #expect(try Reproduce.parse(["energy"]).energyParts() == Set(EnergyPart.allCases))
    }

    @Test func badValuesAreRejectedBeforeAnyWork() throws {
        for args in [["energy", "--part", "power,bogus"], ["energy", "--seeds", "1,x"], ["energy", "--seeds", ""],
                     ["energy", "--so-ebm-epochs", "0"], ["energy", "--so-ebm-learning-rate", "0"]] {
            let cmd = try Reproduce.parse(args)
            #expect(throws: (any Error).self, "\(args)") { try cmd.run() }
        }
    }
}
