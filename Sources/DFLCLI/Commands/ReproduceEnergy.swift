import ArgumentParser
import DFLReproduction
import DFLRunStore

extension Reproduce {
    /// `dfl reproduce energy`: the So-EBM paper: power scheduling table and ablation, the
    /// data-ratio sweep, COVID bed allocation and the network security game.
    public struct Energy: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "energy",
            abstract: "So-EBM paper: power table and ablation, data-ratio sweep, COVID beds, security game.",
            discussion: """
                The cells (a part on one seed) are the plan energy-<budget> run on --workers processes into the run \
                store (default OUTPUT/runs.sqlite): a rerun skips finished cells, --shard i/n runs a part of them, \
                --slurm submits them as a job array. The report is drawn from the store.
                """,
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
        @OptionGroup(title: "Sweep") var sweep: ReproductionSweep

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

        /// The budget with `--seeds`, `--so-ebm-epochs` and `--so-ebm-learning-rate` applied.
        func energyOverrides(_ preset: EnergyReproductionBudget) -> EnergyReproductionBudget {
            var b = preset
            if let seeds {
                b.seeds = seeds.values
                b.sweepSeeds = seeds.values
            }
            if let soEBMEpochs { b.power.soEBMEpochs = soEBMEpochs }
            if let soEBMLearningRate { b.power.soEBMLearningRate = soEBMLearningRate }
            return b
        }

        /// The cell of a plan run (its part, ratio and seed).
        static func cell(of run: SweepPlan.Run) -> EnergyCell? {
            guard let part = run.settings["part"], let seed = run.settings["seed"].flatMap(UInt64.init) else {
                return nil
            }
            return EnergyCell(part: part, ratio: run.settings["ratio"].flatMap(Double.init), seed: seed)
        }

        /// The runs of the bundled plan `energy-<budget>` with the overrides applied (`--seeds` in
        /// every section, the So-EBM settings in `base`), one per cell the selected parts need.
        /// - Throws: ``CommandFailure`` `.software` when the plan lacks a cell the budget needs.
        func planRuns(budget b: EnergyReproductionBudget) throws -> [SweepPlan.Run] {
            let name = "energy-\(preset.rawValue)"
            var plan = try SweepPlan.parse(yaml: ReproductionPlans.yaml(named: name), source: "plans/\(name).yaml")
            if let seeds {
                plan.seeds = seeds.values.map { Int($0) }
                for i in plan.sections.indices { plan.sections[i].seeds = plan.seeds }
            }
            if let soEBMEpochs { plan.base["so-ebm-epochs"] = "\(soEBMEpochs)" }
            if let soEBMLearningRate { plan.base["so-ebm-learning-rate"] = "\(soEBMLearningRate)" }
            let needed = EnergyCell.cells(of: b, parts: energyParts())
            var byCell: [EnergyCell: SweepPlan.Run] = [:]
            for run in plan.runs() { if let cell = Self.cell(of: run) { byCell[cell] = run } }
            return try needed.map { cell in
                if let run = byCell[cell] { return run }
                // The sweep's full-data point without the power part is not a cell of the full plan.
                guard cell.part == "sweep" else {
                    throw CommandFailure(.software, "plans/\(name).yaml lacks the cell \(cell)")
                }
                var settings = plan.base
                settings["part"] = cell.part
                settings["ratio"] = cell.ratio.map { "\($0)" }
                settings["seed"] = "\(cell.seed)"
                return SweepPlan.run(kind: plan.kind, settings: settings)
            }
        }

        /// Runs the cells through the sweep engine and prints the report drawn from the store.
        public func run() throws {
            let output = options.output
            try options.prepareOutput()
            let custom = energyOverrides(preset.budget)
            let runs = try planRuns(budget: custom)
            var command = ["reproduce", "energy", "--budget", preset.rawValue, "--part", part.defaultValueDescription]
            command += ["--output", SlurmOptions.absolute(output)]
            if let seeds { command += ["--seeds", seeds.values.map(String.init).joined(separator: ",")] }
            if let soEBMEpochs { command += ["--so-ebm-epochs", "\(soEBMEpochs)"] }
            if let soEBMLearningRate { command += ["--so-ebm-learning-rate", "\(soEBMLearningRate)"] }
            guard
                let records = try sweep.execute(
                    runs, output: output, command: command, cellArguments: [], quiet: options.progress.quiet)
            else { return }
            var byCell: [EnergyCell: RunRecord] = [:]
            for run in runs { if let cell = Self.cell(of: run) { byCell[cell] = records[run.id] } }
            let result = try energyReport(quick: preset == .quick, budget: custom, parts: energyParts()) { cell in
                guard let r = byCell[cell] else {
                    throw CommandFailure(.software, "the run store lacks the cell \(cell)")
                }
                return ReproductionCell.energyRuns(
                    .init(problem: r.problem, method: r.method, metrics: r.metrics, timings: r.timings))
            }
            try OutputFile.write(result.markdown, to: output + "/energy-report.md", option: "--output")
            if !result.sweep.isEmpty {
                try OutputFile.write(result.sweepSVG, to: output + "/energy-sweep.svg", option: "--output")
            }
            try StandardOutput.print(result.markdown)
            try StandardOutput.print(
                "report: \(output)/energy-report.md"
                    + (result.sweep.isEmpty ? "" : ", chart: \(output)/energy-sweep.svg"))
        }
    }
}
