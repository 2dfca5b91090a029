import ArgumentParser
import DFLReproduction

extension Reproduce {
    /// `dfl reproduce recursive`: the R-DFL paper: newsvendor and matching tables, the depth sweep,
    /// sequence predictors and the speed comparison.
    public struct Recursive: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "recursive",
            abstract: "R-DFL paper: newsvendor and matching tables, unrolling depth, sequence predictors, speed.",
            aliases: ["r-dfl", "rdfl"])

        @OptionGroup var options: ReproductionOptions
        @Option(help: "Parts to run, comma-separated, or all.")
        var part: PartSelection<RecursiveExperiment.Part> = .all
        @Option(help: "First seed of every table (a table with k seeds uses seed … seed + k − 1; default 1).")
        var seed: UInt64?
        @Option(help: "Worker threads of the matching QP batches, ≥ 1 (default: all cores).")
        var threads: Int?

        /// `--threads` is positive.
        public func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1 (got \(threads))") }
        }

        /// Creates the command.
        public init() {}

        /// Runs the parts and writes `recursive[-parts].md` and the depth chart.
        public func run() throws {
            try options.prepareOutput()
            var settings = options.quick ? RecursiveExperiment.Settings.quick : RecursiveExperiment.Settings()
            if !part.isAll { settings.parts = part.parts }
            if let seed { settings = settings.startingSeeds(at: seed) }
            if let threads { settings.threads = threads }
            let report = try RecursiveExperiment.run(settings, progress: options.progress.log)
            try options.publish(
                markdown: report.markdown, name: "recursive" + part.fileSuffix,
                files: report.chart.map { ["recursive-depth.svg": $0.svg()] } ?? [:])
        }
    }
}
