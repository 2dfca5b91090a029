import ArgumentParser
import DFLReproduction

extension Reproduce {
    /// `dfl reproduce energy`: the So-EBM paper: power scheduling table and ablation, the
    /// data-ratio sweep, COVID bed allocation and the network security game.
    public struct Energy: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "energy",
            abstract: "So-EBM paper: power table and ablation, data-ratio sweep, COVID beds, security game.",
            discussion:
                "Finished runs are journaled in --output (one journal per budget and overrides), so an interrupted run resumes.",
            aliases: ["so-ebm", "soebm"])

        @OptionGroup var options: ReproductionOptions
        @Option(
            help:
                "Budget: quick (same as --quick), standard (3 seeds, about 2 h in release) or full (5 seeds, many hours; the default without --quick)."
        )
        var budget: EnergyBudgetChoice?
        @Option(help: "Parts to run, comma-separated, or all.")
        var part: PartSelection<EnergyPart> = .all
        @Option(help: "Seeds to run instead of the budget's, comma-separated (also the sweep's).")
        var seeds: CommaSeparated<UInt64>?
        @Option(
            help: "So-EBM fine-tuning epochs (≥ 1) on the power task, all So-EBM variants, instead of the budget's.")
        var soEBMEpochs: Int?
        @Option(help: "So-EBM fine-tuning learning rate (> 0) on the power task instead of the budget's.")
        var soEBMLearningRate: Double?

        /// Creates the command.
        public init() {}

        /// `--quick` agrees with `--budget`; overrides are in range.
        public func validate() throws {
            if options.quick, let budget, budget != .quick {
                throw ValidationError("--quick and --budget \(budget.rawValue) contradict each other; give one of them")
            }
            try SettingRanges.soEBMEpochs.check(soEBMEpochs)
            try SettingRanges.soEBMLearningRate.check(soEBMLearningRate)
        }

        /// The preset: `--budget`, else quick with `--quick`, else full.
        var preset: EnergyBudgetChoice { budget ?? (options.quick ? .quick : .full) }

        /// The sections to run.
        func energyParts() -> Set<EnergyPart> { part.parts }

        /// The budget with `--seeds`, `--so-ebm-epochs` and `--so-ebm-learning-rate` applied, and a
        /// journal name that records them (so a run with other settings never resumes from this one's).
        func energyOverrides(_ preset: EnergyReproductionBudget) -> (EnergyReproductionBudget, String) {
            var b = preset, name = preset.presetName
            if let seeds {
                b.seeds = seeds.values
                b.sweepSeeds = seeds.values
                name += "-seeds" + seeds.values.map(String.init).joined(separator: "_")
            }
            if let soEBMEpochs {
                b.power.soEBMEpochs = soEBMEpochs
                name += "-soebm\(soEBMEpochs)ep"
            }
            if let soEBMLearningRate {
                b.power.soEBMLearningRate = soEBMLearningRate
                name += "-soebmlr\(soEBMLearningRate)"
            }
            return (b, name)
        }

        /// Runs the sections and prints the report.
        public func run() throws {
            let output = options.output
            try options.prepareOutput()
            let (custom, runName) = energyOverrides(preset.budget)
            let result = try reproduceEnergy(
                quick: preset == .quick, budget: custom, parts: energyParts(), runName: runName,
                outputDirectory: output,
                log: options.progress.log)
            try StandardOutput.print(result.markdown)
            try StandardOutput.print(
                "report: \(output)/energy-report.md"
                    + (result.sweep.isEmpty ? "" : ", chart: \(output)/energy-sweep.svg"))
        }
    }
}
