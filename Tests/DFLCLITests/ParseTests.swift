import ArgumentParser
import DFLLosses
import DFLReproduction
import Testing

@testable import DFLCLI

/// `DFLCommand.parseAsRoot`: the command tree, typed choices and defaults.
@Suite struct ParseTests {
    @Test func subcommandsNest() throws {
        #expect(try DFLCommand.parseAsRoot(["train"]) is Train)
        #expect(try DFLCommand.parseAsRoot(["demo"]) is Demo)
        #expect(try DFLCommand.parseAsRoot(["bench", "solvers"]) is Bench.Solvers)
        #expect(try DFLCommand.parseAsRoot(["bench", "train"]) is Bench.Training)
        #expect(try DFLCommand.parseAsRoot(["bench", "layers"]) is Bench.Layers)
        #expect(try DFLCommand.parseAsRoot(["reproduce", "smoothing"]) is Reproduce.Smoothing)
        #expect(try DFLCommand.parseAsRoot(["reproduce", "recursive"]) is Reproduce.Recursive)
        #expect(try DFLCommand.parseAsRoot(["reproduce", "energy"]) is Reproduce.Energy)
        // The paper aliases of the old string switch still name the same commands.
        #expect(try DFLCommand.parseAsRoot(["reproduce", "so-ebm"]) is Reproduce.Energy)
        #expect(try DFLCommand.parseAsRoot(["reproduce", "rdfl"]) is Reproduce.Recursive)
        #expect(try DFLCommand.parseAsRoot(["reproduce", "mandi"]) is Reproduce.Smoothing)
        // The old flat command is gone.
        #expect(throws: (any Error).self) { _ = try DFLCommand.parseAsRoot(["bench-layers"]) }
    }

    /// The invocations of /work/behaviour.sh and the README parse to the same settings.
    @Test func theDocumentedInvocationsParse() throws {
        for paper in ["smoothing", "recursive", "energy"] {
            let cmd = try DFLCommand.parseAsRoot(["reproduce", paper, "--quick", "--output", "out-dir"])
            let options = try #require(
                (cmd as? Reproduce.Smoothing)?.options ?? (cmd as? Reproduce.Recursive)?.options
                    ?? (cmd as? Reproduce.Energy)?.options)
            #expect(options.quick && options.output == "out-dir" && !options.progress.quiet, "\(paper)")
        }
        let energy = try #require(
            DFLCommand.parseAsRoot([
                "reproduce", "energy", "--budget", "standard", "--part", "power", "--seeds", "1", "--so-ebm-epochs",
                "50",
                "--output", "runs/",
            ]) as? Reproduce.Energy)
        #expect(energy.preset == .standard && energy.energyParts() == [.power])
        #expect(energy.energyOverrides(.standard).seeds == [1])
        #expect(energy.energyOverrides(.standard).power.soEBMEpochs == 50)
        let train = try #require(
            DFLCommand.parseAsRoot([
                "train", "--problem", "shortest-path", "--grid", "5x5", "--train-data", "a.csv", "--test-data", "b.csv",
                "--method", "pfyl", "--epochs", "10", "--quiet", "--output", "r.json",
            ]) as? Train)
        let c = try train.makeConfigurationForTesting()
        #expect(c.method == "pfyl" && c.epochs == 10 && c.seed == 42 && c.threads == 2)
    }

    @Test func choicesAreTyped() throws {
        let train = try #require(
            DFLCommand.parseAsRoot([
                "train", "--problem", "kp", "--grid", "3X4", "--optimizer", "sgd", "--predictor", "itemwise",
                "--method", "spo", "--hidden", "16, 8",
            ]) as? Train)
        #expect(train.problemOptions.problem == .knapsack)
        #expect(train.problemOptions.grid == GridSize(rows: 3, columns: 4))
        let c = try train.makeConfigurationForTesting()
        #expect(c.optimizer == "sgd" && c.predictor == "itemwise" && c.method == "spo" && c.hiddenSizes == [16, 8])
        let layers = try #require(
            DFLCommand.parseAsRoot(["bench", "layers", "--batches", "8,16", "--grid", "15"]) as? Bench.Layers)
        #expect(layers.batches.values == [8, 16] && layers.grid == 15)
        let recursive = try #require(
            DFLCommand.parseAsRoot(["reproduce", "recursive", "--part", "newsvendor,depth"]) as? Reproduce.Recursive)
        #expect(recursive.part.named == [.newsvendor, .depth] && recursive.part.fileSuffix == "-newsvendor-depth")
        let smoothing = try #require(
            DFLCommand.parseAsRoot(["reproduce", "smoothing", "--part", "table1"]) as? Reproduce.Smoothing)
        #expect(smoothing.part.parts == [.table1] && smoothing.part.fileSuffix == "-table1")
        #expect(PartSelection<SmoothingReproduction.Part>.all.fileSuffix == "")
        #expect(try #require(Train.parse(["--hidden", ""]).training.hidden).sizes == [])
    }

    /// Help, completion and the parser list every method of the one registry, and nothing else.
    @Test func methodChoicesComeFromTheRegistry() throws {
        #expect(MethodChoice.allValueStrings == LossRegistry.names)
        for name in LossRegistry.names {
            let train = try #require(DFLCommand.parseAsRoot(["train", "--method", name]) as? Train)
            #expect(try train.makeConfigurationForTesting().method == name)
        }
        for alias in ["2s", "mse", "spo", "spoplus", "pfy", "SPO+"] {
            #expect(MethodChoice(argument: alias) != nil, "\(alias)")
        }
        for bad in ["bogus", "sce-foo", "", "qp"] { #expect(MethodChoice(argument: bad) == nil, "\(bad)") }
        #expect(ProblemKind.allValueStrings == ["shortest-path", "knapsack", "tsp", "top-k"])
        #expect(OptimizerChoice.allValueStrings == ["adam", "adamw", "sgd"])
        #expect(PartSelection<EnergyPart>.allValueStrings == ["all", "power", "sweep", "covid", "security"])
        #expect(EnergyBudgetChoice.allValueStrings == ["quick", "standard", "full"])
    }
}
