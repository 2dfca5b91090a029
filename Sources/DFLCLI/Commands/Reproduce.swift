import ArgumentParser

/// `dfl reproduce`: one subcommand per paper, each with its own flags.
public struct Reproduce: ParsableCommand {
    /// Command configuration: `smoothing`, `recursive`, `energy`.
    public static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce a paper's experiments and print DFLKit's numbers beside the paper's.",
        subcommands: [Smoothing.self, Recursive.self, Energy.self, Cell.self])

    /// Creates the command.
    public init() {}
}

/// The flags every `dfl reproduce` paper shares.
public struct ReproductionOptions: ParsableArguments {
    /// A reduced run.
    @Flag(help: "A reduced version that finishes in a few minutes.")
    public var quick = false

    /// Where reports, charts and (by default) the run store go.
    @Option(help: "Directory for the markdown report, charts and resumable results.", completion: .directory)
    public var output: String = "reproduce-output"

    /// Progress lines on standard error.
    @OptionGroup public var progress: QuietFlag

    /// The defaults: full run into `reproduce-output`.
    public init() {}

    /// Creates `--output` before any work; ``CommandFailure`` `.cannotCreate` (exit 73) when it
    /// cannot be created or written.
    func prepareOutput() throws { try OutputFile.requireWritableDirectory(output, option: "--output") }

    /// Writes `name.md` and `files` (name → content) into `--output` atomically, then prints the
    /// report and where it went.
    func publish(markdown: String, name: String, files: [String: String]) throws {
        try OutputFile.write(markdown, to: output + "/\(name).md", option: "--output")
        for (file, content) in files.sorted(by: { $0.key < $1.key }) {
            try OutputFile.write(content, to: output + "/" + file, option: "--output")
        }
        try StandardOutput.print(markdown)
        try StandardOutput.print(
            "report: \(output)/\(name).md"
                + (files.isEmpty ? "" : ", files: " + files.keys.sorted().joined(separator: ", ")))
    }
}
