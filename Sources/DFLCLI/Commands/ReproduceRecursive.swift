import ArgumentParser
import DFLReproduction
import DFLRunStore

extension Reproduce {
    /// `dfl reproduce recursive`: the R-DFL paper: newsvendor and matching tables, the depth sweep,
    /// sequence predictors and the speed comparison.
    public struct Recursive: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "recursive",
            abstract: "R-DFL paper: newsvendor and matching tables, unrolling depth, sequence predictors, speed.",
            discussion: """
                The tables' cells (a size or predictor and a seed, every method) are the plan recursive[-quick] run \
                on --workers processes into the run store (default OUTPUT/runs.sqlite): a rerun skips finished \
                cells, --shard i/n runs a part of them, --slurm submits them as a job array. Depth and speed \
                measure time and run here, one run after the other. The report is drawn from the store.
                """,
            aliases: ["r-dfl", "rdfl"])

        @OptionGroup var options: ReproductionOptions
        @Option(help: "Parts to run, comma-separated, or all.")
        var part: PartSelection<RecursiveExperiment.Part> = .all
        @Option(help: "First seed of every table (a table with k seeds uses seed … seed + k − 1; default 1).")
        var seed: UInt64?
        @Option(help: "Worker threads of the matching QP batches, ≥ 1 (default: all cores).")
        var threads: Int?
        @OptionGroup(title: "Sweep") var sweep: ReproductionSweep

        /// `--threads` is positive.
        public func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1 (got \(threads))") }
        }

        /// Creates the command.
        public init() {}

        /// The settings: quick or full, the selected parts, `--seed` and `--threads` applied.
        func settings() -> RecursiveExperiment.Settings {
            var settings = options.quick ? RecursiveExperiment.Settings.quick : RecursiveExperiment.Settings()
            if !part.isAll { settings.parts = part.parts }
            if let seed { settings = settings.startingSeeds(at: seed) }
            if let threads { settings.threads = threads }
            return settings
        }

        /// The runs of the bundled plan `recursive[-quick]`, seeds renumbered by `--seed`, one per
        /// cell the selected parts need.
        /// - Throws: ``CommandFailure`` `.software` when the plan lacks a cell the settings need.
        func planRuns(_ s: RecursiveExperiment.Settings) throws -> [SweepPlan.Run] {
            let name = options.quick ? "recursive-quick" : "recursive"
            var plan = try SweepPlan.parse(yaml: ReproductionPlans.yaml(named: name), source: "plans/\(name).yaml")
            if let seed {  // every preset's seed lists start at 1
                let shift = { (seeds: [Int]) in seeds.map { $0 - 1 + Int(seed) } }
                plan.seeds = shift(plan.seeds)
                for i in plan.sections.indices { plan.sections[i].seeds = plan.sections[i].seeds.map(shift) }
            }
            var byCell: [RecursiveCell: SweepPlan.Run] = [:]
            for run in plan.runs() {
                if let cell = try? ReproductionCell.recursiveCell(run.settings) { byCell[cell] = run }
            }
            return try RecursiveExperiment.cells(s).map { cell in
                guard let run = byCell[cell] else {
                    throw CommandFailure(.software, "plans/\(name).yaml lacks the cell \(cell)")
                }
                return run
            }
        }

        /// Runs the tables' cells through the sweep engine, depth and speed here, and writes
        /// `recursive[-parts].md` and the depth chart.
        public func run() throws {
            try options.prepareOutput()
            let s = settings()
            let runs = try planRuns(s)
            var records: [String: RunRecord] = [:]
            if !runs.isEmpty {
                var command = ["reproduce", "recursive"] + (options.quick ? ["--quick"] : [])
                command += ["--part", part.defaultValueDescription, "--output", SlurmOptions.absolute(options.output)]
                if let seed { command += ["--seed", "\(seed)"] }
                if let threads { command += ["--threads", "\(threads)"] }
                guard
                    let done = try sweep.execute(
                        runs, output: options.output, command: command,
                        cellArguments: threads.map { ["--threads", "\($0)"] } ?? [], quiet: options.progress.quiet,
                        keepFailures: true)
                else { return }
                records = done
            }
            var byCell: [RecursiveCell: RunRecord] = [:]
            for run in runs {
                if let cell = try? ReproductionCell.recursiveCell(run.settings) { byCell[cell] = records[run.id] }
            }
            let report = try RecursiveExperiment.report(s, progress: options.progress.log) { cell in
                guard let r = byCell[cell] else {
                    throw CommandFailure(.software, "the run store lacks the cell \(cell)")
                }
                guard r.status == .finished else {
                    throw CommandFailure(.software, "the cell \(cell) failed: \(r.error ?? "no message")")
                }
                return try ReproductionCell.recursiveResult(
                    .init(problem: r.problem, method: r.method, metrics: r.metrics, timings: r.timings))
            }
            try options.publish(
                markdown: report.markdown, name: "recursive" + part.fileSuffix,
                files: report.chart.map { ["recursive-depth.svg": $0.svg()] } ?? [:])
        }
    }
}
