/// The exit codes of `dfl`, after BSD's `sysexits.h`: one per failure class, the same for every
/// command (README.md, "Exit codes").
///
/// | code | case | when |
/// |---|---|---|
/// | 0 | ``success`` | the command finished (also `--help`, `--version`) |
/// | 1 | ``unclassified`` | an error no class below covers (please report it) |
/// | 64 | ``usage`` | bad command line: unknown option or value, a broken rule between options, an out-of-range setting (flag or `--config` value) |
/// | 65 | ``dataError`` | malformed input: a CSV, model, config or checkpoint file that cannot be used |
/// | 66 | ``noInput`` | an input file or data directory is missing or unreadable |
/// | 70 | ``software`` | a solver or numerical failure: infeasible, unbounded, not converged, NaN loss |
/// | 73 | ``cannotCreate`` | an output file, report folder or checkpoint cannot be created (checked before any work) |
/// | 74 | ``ioError`` | writing an output failed (disk full, standard output closed or full) |
public enum DFLExitCode: Int32, CaseIterable, Sendable {
    /// The command finished.
    case success = 0
    /// An error that no other class covers.
    case unclassified = 1
    /// `EX_USAGE`: the command line is wrong.
    case usage = 64
    /// `EX_DATAERR`: an input file's content is wrong.
    case dataError = 65
    /// `EX_NOINPUT`: an input file is missing or unreadable.
    case noInput = 66
    /// `EX_SOFTWARE`: a solver or numerical routine failed.
    case software = 70
    /// `EX_CANTCREAT`: an output file or folder cannot be created.
    case cannotCreate = 73
    /// `EX_IOERR`: writing an output failed.
    case ioError = 74
}

extension DFLExitCode {
    /// `Exit codes: 0 success, 1 unclassified, 64 usage, …`: the line every command's help ends with.
    public static var helpLine: String {
        "Exit codes: " + allCases.map { "\($0.rawValue) \($0)" }.joined(separator: ", ")
            + " (README.md, \"Exit codes\")."
    }
}
