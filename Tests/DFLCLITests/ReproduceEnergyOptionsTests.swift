import ArgumentParser
import DFLBenchmarks
import DFLReproduction
import Testing

@testable import DFLCLI

@Suite("dfl reproduce energy: --part, --seeds and So-EBM overrides")
struct ReproduceEnergyOptionsTests {
    @Test func overridesChangeTheBudgetAndNameTheJournal() throws {
        let cmd = try Reproduce.Energy.parse([
            "--budget", "standard", "--seeds", "1, 2", "--so-ebm-epochs", "50", "--so-ebm-learning-rate", "0.001",
        ])
        let (budget, name) = cmd.energyOverrides(.standard)
        #expect(budget.seeds == [1, 2] && budget.sweepSeeds == [1, 2])
        #expect(budget.power.soEBMEpochs == 50 && budget.power.soEBMLearningRate == 0.001)
        #expect(budget.power.twoStageIterations == EnergyReproductionBudget.standard.power.twoStageIterations)
        #expect(name == "standard-seeds1_2-soebm50ep-soebmlr0.001")
        let plain = try Reproduce.Energy.parse(["--budget", "standard"])
        #expect(plain.energyOverrides(.standard).1 == "standard", "no override keeps the preset's journal")
        #expect(try Reproduce.Energy.parse(["--part", "power,covid"]).energyParts() == [.power, .covid])
        #expect(try Reproduce.Energy.parse([]).energyParts() == Set(EnergyPart.allCases))
    }

    @Test func theBudgetFollowsQuickAndBudget() throws {
        #expect(try Reproduce.Energy.parse(["--quick"]).preset == .quick)
        #expect(try Reproduce.Energy.parse([]).preset == .full)
        #expect(try Reproduce.Energy.parse(["--budget", "standard"]).preset == .standard)
        #expect(try Reproduce.Energy.parse(["--quick", "--budget", "quick"]).preset == .quick)
    }

    /// Bad values stop at parsing or `validate()`, before any work (they used to reach `run()`).
    @Test func badValuesAreRejectedBeforeAnyWork() throws {
        for args in [
            ["--part", "power,bogus"], ["--seeds", "1,x"], ["--seeds", ""], ["--so-ebm-epochs", "0"],
            ["--so-ebm-learning-rate", "0"], ["--budget", "huge"], ["--quick", "--budget", "full"],
        ] {
            #expect(throws: (any Error).self, "\(args)") {
                _ = try DFLCommand.parseAsRoot(["reproduce", "energy"] + args)
            }
            let outcome = DFLCommand.outcome(of: ["reproduce", "energy"] + args)
            #expect(outcome.exitCode == .usage, "\(args)")
        }
    }
}
