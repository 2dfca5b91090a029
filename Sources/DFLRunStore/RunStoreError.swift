import DFLErrors

/// The kinds of ``RunStoreError``: `"run store error (writeFailed): runs.sqlite: ..."`.
public enum RunStoreFailure: String, Sendable, Codable, ErrorDomain {
    /// The store file cannot be opened or created (missing folder, permissions, not a database).
    case cannotOpen
    /// A write failed (read-only store, full disk, lock held too long); nothing of it was kept.
    case writeFailed
    /// A read or query failed.
    case readFailed
    /// A record is malformed (empty id, non-finite metric, settings that are not JSON).
    case invalidRecord
    /// `PRAGMA integrity_check` reported damage.
    case corrupt

    /// `"run store"`.
    public static let name = "run store"
}

/// The one error type of the run store: what went wrong and with which store file.
public typealias RunStoreError = DomainError<RunStoreFailure>
