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

        /// Creates the command.
        public init() {}

        /// Runs the parts and writes `recursive[-parts].md` and the depth chart.
        public func run() throws {
            try options.prepareOutput()
            var settings = options.quick ? RecursiveExperiment.Settings.quick : RecursiveExperiment.Settings()
            if !part.isAll { settings.parts = part.parts }
            let report = try RecursiveExperiment.run(settings, progress: options.progress.log)
            try options.publish(
                markdown: report.markdown, name: "recursive" + part.fileSuffix,
                files: report.chart.map { ["recursive-depth.svg": $0.svg()] } ?? [:])
        }
    }
}
