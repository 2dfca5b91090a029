import DFLRunStore

extension RunStoreFailure: ExitClassifiedDomain {
    /// A store that cannot be opened is missing input, a failed write an I/O error, a bad record or
    /// a damaged file bad data, a failed read an I/O error.
    public static func commandFailure(_ error: RunStoreError) -> CommandFailure {
        switch error.reason {
        case .cannotOpen: return CommandFailure(.noInput, error.description)
        case .writeFailed, .readFailed: return CommandFailure(.ioError, error.description)
        case .invalidRecord, .corrupt: return CommandFailure(.dataError, error.description)
        }
    }
}
