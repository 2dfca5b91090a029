import ArgumentParser
import DFLBenchmarks
import DFLReproduction
import Testing

@testable import DFLCLI

@Suite("dfl reproduce energy: --part, --seeds and So-EBM overrides")
struct ReproduceEnergyOptionsTests {
    @Test func overridesChangeTheBudgetAndThePlanRuns() throws {
        let cmd = try Reproduce.Energy.parse([
            "--budget", "standard", "--seeds", "1, 2", "--so-ebm-epochs", "50", "--so-ebm-learning-rate", "0.001",
        ])
        let budget = cmd.energyOverrides(.standard)
        #expect(budget.seeds == [1, 2] && budget.sweepSeeds == [1, 2])
        #expect(budget.power.soEBMEpochs == 50 && budget.power.soEBMLearningRate == 0.001)
        #expect(budget.power.twoStageIterations == EnergyReproductionBudget.standard.power.twoStageIterations)
        // The plan's runs carry the overrides, so a run with other settings never reuses this one's cells.
        let runs = try cmd.planRuns(budget: budget)
        #expect(runs.map { Reproduce.Energy.cell(of: $0) } == EnergyCell.cells(of: budget, parts: cmd.energyParts()))
        #expect(
            runs.allSatisfy { $0.settings["so-ebm-epochs"] == "50" && $0.settings["so-ebm-learning-rate"] == "0.001" })
        let plain = try Reproduce.Energy.parse(["--budget", "standard"])
        let plainRuns = try plain.planRuns(budget: plain.energyOverrides(.standard))
        #expect(Set(plainRuns.map(\.id)).isDisjoint(with: runs.map(\.id)))
        #expect(try Reproduce.Energy.parse(["--part", "power,covid"]).energyParts() == [.power, .covid])
        #expect(try Reproduce.Energy.parse([]).energyParts() == Set(EnergyPart.allCases))
    }

    /// Each bundled energy plan holds exactly the cells its budget needs, in the budget's order; the
    /// sweep alone adds its full-data point (read from the power cells otherwise).
    @Test func theBundledPlansAreTheBudgetsCells() throws {
        for budget in ["quick", "standard", "full"] {
            let cmd = try Reproduce.Energy.parse(["--budget", budget])
            let runs = try cmd.planRuns(budget: cmd.energyOverrides(cmd.preset.budget))
            let plan = try SweepPlan.parse(
                yaml: ReproductionPlans.yaml(named: "energy-\(budget)"), source: budget)
            #expect(runs == plan.runs(), "\(budget)")
            let sweepOnly = try Reproduce.Energy.parse(["--budget", budget, "--part", "sweep"])
            let sweepRuns = try sweepOnly.planRuns(budget: sweepOnly.energyOverrides(sweepOnly.preset.budget))
            #expect(sweepRuns.filter { $0.settings["ratio"] == "1.0" }.count == cmd.preset.budget.sweepSeeds.count)
        }
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
