import ArgumentParser
import DFLReproduction

extension Reproduce {
    /// `dfl reproduce smoothing`: the smoothing paper (arXiv:2508.11365): Table 2 and the Fig. 4
    /// gradients (exact), Table 1 (resumable) and Fig. 3 / App. E–F.
    public struct Smoothing: ParsableCommand {
        /// Command configuration.
        public static let configuration = CommandConfiguration(
            commandName: "smoothing",
            abstract: "Smoothing paper: surrogates on smoothed layers (Table 2 exact, Table 1, Fig. 3 / App. E–F).",
            aliases: ["sce", "mandi"])

        @OptionGroup var options: ReproductionOptions
        @OptionGroup var threads: ThreadsOption
        @Option(help: "Parts to run, comma-separated, or all (Table 1 resumes from its CSV in --output).")
        var part: PartSelection<SmoothingReproduction.Part> = .all

        /// Creates the command.
        public init() {}

        /// Runs the parts and writes `smoothing[-parts][-quick].md` and the CSV/SVG files.
        public func run() throws {
            try options.prepareOutput()
            let report = try SmoothingReproduction.run(
                parts: part.parts, quick: options.quick, outputDirectory: options.output, threads: threads.threads,
                log: options.progress.log)
            try options.publish(
                markdown: report.markdown, name: "smoothing" + part.fileSuffix + (options.quick ? "-quick" : ""),
                files: report.files)
        }
    }
}
