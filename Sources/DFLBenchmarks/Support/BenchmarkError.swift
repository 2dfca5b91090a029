/// The one error type of `DFLBenchmarks`: what went wrong and where.
public enum BenchmarkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required data file or directory does not exist.
    case missingData(path: String)
    /// A data file could not be parsed.
    case malformedData(path: String, line: Int, reason: String)
    /// An argument has the wrong size or an invalid value.
    case invalidArgument(name: String, reason: String)
    /// A numerical routine failed (non-finite values, a singular system, no convergence).
    case numerical(routine: String, reason: String)

    /// A one-line message naming the problem and its location.
    public var description: String {
        switch self {
        case .missingData(let path):
            return "missing data: \(path) does not exist (set DFLKIT_SHARED_DATA to the shared data directory)"
        case .malformedData(let path, let line, let reason):
            return "malformed data in \(path), line \(line): \(reason)"
        case .invalidArgument(let name, let reason):
            return "invalid argument \(name): \(reason)"
        case .numerical(let routine, let reason):
            return "numerical failure in \(routine): \(reason)"
        }
    }
}
