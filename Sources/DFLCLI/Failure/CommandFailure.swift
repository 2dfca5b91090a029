/// A failure of a `dfl` command as the user sees it: one line of text and an ``DFLExitCode``.
///
/// Every error a command throws becomes one of these through ``CommandFailure/init(_:)``, the one
/// error path of the tool; `dfl` prints `error: <message>` on standard error and exits with
/// `status`. Commands throw it directly for failures the CLI itself finds (a missing input file).
public struct CommandFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The failure class and exit code.
    public var status: DFLExitCode
    /// One line saying what went wrong and where, without an `error:` prefix.
    public var message: String

    /// A failure of class `status`; the message is flattened to one line and long echoed input in
    /// it is cut (``OneLineMessage/shortened(_:)``).
    public init(_ status: DFLExitCode, _ message: String) {
        self.status = status
        self.message = OneLineMessage.shortened(OneLineMessage.clean(OneLineMessage.shortened(message)))
    }

    /// The message (no prefix).
    public var description: String { message }

    /// The line `dfl` prints on standard error.
    public var line: String { "error: \(message)" }
}

/// An error that knows its ``CommandFailure``: the extension point of the error path.
///
/// Library errors conform in `LibraryErrors+CommandFailure.swift`; a new error type gets its exit
/// class by conforming there (errors that do not conform exit with ``DFLExitCode/unclassified``).
public protocol CommandFailureConvertible: Error {
    /// The failure class and one-line message of this error.
    var commandFailure: CommandFailure { get }
}

extension CommandFailure: CommandFailureConvertible {
    /// Itself.
    public var commandFailure: CommandFailure { self }
}
