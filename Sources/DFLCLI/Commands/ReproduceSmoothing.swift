import ArgumentParser
import DFLReproduction
import DFLRunStore

extension Reproduce {
    /// `dfl reproduce smoothing`: the smoothing paper (arXiv:2508.11365): Table 2 and the Fig. 4
    /// gradients (exact, in-process), Table 1 and Fig. 3 / App. E–F (plans of training cells run
    /// through the sweep engine into the run store).
    public struct Smoothing: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "smoothing",
            abstract: "Smoothing paper: surrogates on smoothed layers (Table 2 exact, Table 1, Fig. 3 / App. E–F).",
            discussion: """
                Table 1 and the scaling part are plans (smoothing-table1[-quick], smoothing-scaling[-quick]) whose \
                cells run on --workers processes into the run store (default OUTPUT/runs.sqlite): a rerun skips \
                finished cells, --shard i/n runs a part of them, --slurm submits them as a job array. The report \
                is drawn from the store.
                """,
            aliases: ["sce", "mandi"])

        @OptionGroup var options: ReproductionOptions
        @OptionGroup var threads: ThreadsOption
        @Option(help: "Parts to run, comma-separated, or all (Table 1 and scaling resume from the run store).")
        var part: PartSelection<SmoothingReproduction.Part> = .all
        @OptionGroup(title: "Sweep") var sweep: ReproductionSweep

        /// Creates the command.
        public init() {}

        /// The plans of the selected parts, each with its runs.
        func plans() throws -> [(part: SmoothingReproduction.Part, runs: [SweepPlan.Run])] {
            try [SmoothingReproduction.Part.table1, .scaling].filter(part.parts.contains).compactMap { p in
                try SmoothingReproduction.planName(of: p, quick: options.quick).map { name in
                    (
                        p,
                        try SweepPlan.parse(yaml: ReproductionPlans.yaml(named: name), source: "plans/\(name).yaml")
                            .runs()
                    )
                }
            }
        }

        /// Runs the parts and writes `smoothing[-parts][-quick].md` and the SVG files.
        public func run() throws {
            try options.prepareOutput()
            let plans = try plans()
            var records: [String: RunRecord] = [:]
            if !plans.isEmpty {
                let command =
                    ["reproduce", "smoothing"] + (options.quick ? ["--quick"] : [])
                    + ["--part", part.defaultValueDescription, "--output", SlurmOptions.absolute(options.output)]
                    + ["--threads", "\(threads.threads)"]
                guard
                    let done = try sweep.execute(
                        plans.flatMap(\.runs), output: options.output, command: command,
                        cellArguments: ["--threads", "\(threads.threads)"], quiet: options.progress.quiet)
                else { return }
                records = done
            }
            func results(_ p: SmoothingReproduction.Part) -> [SmoothingTableOne.Result] {
                (plans.first { $0.part == p }?.runs ?? []).compactMap { run in
                    records[run.id].map { r in
                        ReproductionCell.smoothingResult(
                            .init(problem: r.problem, method: r.method, metrics: r.metrics, timings: r.timings),
                            seed: UInt64(r.seed))
                    }
                }
            }
            let store = sweep.storePath(output: options.output)
            let report = try SmoothingReproduction.report(
                parts: part.parts, quick: options.quick, table1: results(.table1), scaling: results(.scaling),
                results: "run store `\(store)` (`dfl runs list --store \(store)`)", log: options.progress.log)
            try options.publish(
                markdown: report.markdown, name: "smoothing" + part.fileSuffix + (options.quick ? "-quick" : ""),
                files: report.files)
        }
    }
}
