/// The one shape of DFLKit's typed errors: the kind of failure, a message saying what and where,
/// and, for errors about a file, the place in it.
///
/// Each module names its own error as this type over its ``ErrorDomain`` (`SolverError`,
/// `DataError`, `LayerError`, …), so `catch let error as SolverError` still singles out one module's
/// failures, while the fields, the initializer and the one-line description are written once.
public struct DomainError<Domain: ErrorDomain>: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure of the domain.
    public typealias Reason = Domain.Reason

    /// The kind of failure.
    public var reason: Reason
    /// A message saying what is wrong and where (problem, instance, argument, backend status).
    public var message: String
    /// The file involved, if any.
    public var file: String?
    /// The 1-based line in `file`, if known.
    public var line: Int?
    /// The 1-based column in `line`, if known.
    public var column: Int?

    /// Creates an error with a reason, a message and an optional place in a file.
    public init(_ reason: Reason, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `"file:line:column"` (whichever parts are known), or `nil` without a file.
    public var location: String? {
        guard let file else { return nil }
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    /// The one-line description the domain writes (``ErrorDomain/describe(_:)``).
    public var description: String { Domain.describe(self) }
}
