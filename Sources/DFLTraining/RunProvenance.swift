/// Where a result came from: enough to rerun it (`dfl rerun result.json`) and to tell whether its
/// inputs are still the same files.
public struct RunProvenance: Codable, Sendable, Equatable {
    /// The DFLKit version that ran it.
    public var dflkitVersion: String
    /// The git commit of the source tree it was built from (`unknown` when it could not be told).
    public var gitCommit: String
    /// The command (`train`) and its settings as flags, a `--config` file's settings included and
    /// the outputs (`--output`, `--plot`, `--checkpoint`, `--save-model`) left out.
    public var arguments: [String]
    /// The folder relative input paths in ``arguments`` are relative to.
    public var workingDirectory: String
    /// The input files by option (`train-data`, `test-data`, `validation-data`, `model`).
    public var files: [String: FileFingerprint]
    /// The problem's settings by flag name (built-in problem, sizes, generator), as resolved.
    public var problemSettings: [String: String]

    /// Creates a provenance record.
    public init(
        dflkitVersion: String = DFLKitVersion.current, gitCommit: String, arguments: [String],
        workingDirectory: String, files: [String: FileFingerprint], problemSettings: [String: String]
    ) {
        self.dflkitVersion = dflkitVersion
        self.gitCommit = gitCommit
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.files = files
        self.problemSettings = problemSettings
    }
}
