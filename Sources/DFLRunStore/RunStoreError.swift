/// The one error type of the run store: what went wrong and with which store file.
public struct RunStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable, Codable {
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
    }

    /// The kind of failure.
    public var reason: Reason
    /// What failed and where (store path, run id, SQLite's message).
    public var message: String

    /// Creates an error with a reason and a message.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// A one-line description: `"run store error (writeFailed): runs.sqlite: ..."`.
    public var description: String { "run store error (\(reason.rawValue)): \(message)" }
}
