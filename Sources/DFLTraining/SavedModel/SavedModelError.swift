/// Why a `.dflmodel` file cannot be used: one line saying what and where.
public struct SavedModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable {
        /// The file cannot be read or written.
        case io
        /// The file is not JSON of a saved model (truncated, another kind of file, a missing field).
        case malformed
        /// The file is a saved model of a format version this DFLKit does not read.
        case unsupportedVersion
        /// The weights do not fit the architecture, or the model does not fit the data or problem
        /// it is used with (dimensions, fingerprint).
        case mismatch
    }

    /// The kind of failure.
    public var reason: Reason
    /// What is wrong, starting with the file.
    public var message: String

    /// Creates an error.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    /// `saved model: <message>`.
    public var description: String { "saved model: \(message)" }
}
