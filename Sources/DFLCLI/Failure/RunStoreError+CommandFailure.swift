import DFLRunStore

extension RunStoreError: CommandFailureConvertible {
    /// A store that cannot be opened is missing input, a failed write an I/O error, a bad record or
    /// a damaged file bad data, a failed read an I/O error.
    public var commandFailure: CommandFailure {
        switch reason {
        case .cannotOpen: return CommandFailure(.noInput, description)
        case .writeFailed, .readFailed: return CommandFailure(.ioError, description)
        case .invalidRecord, .corrupt: return CommandFailure(.dataError, description)
        }
    }
}
