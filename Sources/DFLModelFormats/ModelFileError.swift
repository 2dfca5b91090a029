/// The one error type of model-file reading: what is wrong and where (`file:line:column`).
///
/// ```swift
/// do { _ = try ModelFileReader.read("m.mps") }
/// catch let error as ModelFileError { print(error) }   // "m.mps:12:27: 'x1' is not a number"
/// ```
public struct ModelFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable, Codable {
        /// The file does not exist.
        case noSuchFile
        /// The file exists but cannot be opened or read (permissions, an I/O error).
        case unreadable
        /// The file starts with the gzip magic bytes but its stream is corrupt or truncated.
        case corruptGzip
        /// The path is a directory, FIFO, device or socket rather than a regular file.
        case notRegularFile
        /// The file (or its decompressed content) is larger than ``ModelFileReader/maximumBytes``.
        case tooLarge
        /// The file holds no model text.
        case emptyFile
        /// Neither MPS nor LP format.
        case unknownFormat
        /// A line or statement does not follow the format.
        case syntax
        /// A number field holds text, NaN, or a value beyond the solvers' limit.
        case invalidNumber
        /// A row, column or constraint name, or an entry, is defined twice.
        case duplicateName
        /// A name is used that was never defined (a row in COLUMNS, a column in BOUNDS, …).
        case unknownName
        /// A section header the format does not have.
        case unknownSection
        /// A feature of the format DFLKit does not support (semi-continuous bounds, SOS, quadratic terms).
        case unsupported
        /// The file ends without `ENDATA` (MPS) or `End` (LP).
        case missingEnd
        /// The model read is inconsistent (a lower bound above its upper bound, no variables).
        case invalidModel
    }

    /// The kind of failure.
    public var reason: Reason
    /// A message saying what is wrong.
    public var message: String
    /// The file, as given.
    public var file: String
    /// The 1-based line, when the error is at a place in the file.
    public var line: Int?
    /// The 1-based column (in characters) of `line`, when known.
    public var column: Int?

    /// Creates an error with a reason, a message and a location.
    public init(_ reason: Reason, _ message: String, file: String, line: Int? = nil, column: Int? = nil) {
        self.reason = reason
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column` (whichever parts are known).
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    /// One line: `"m.mps:12:27: 'x1' is not a number"`; control characters echoed from the file
    /// (or its name) are shown as `?`, so the line stays one line on any terminal.
    public var description: String {
        String(
            String.UnicodeScalarView(
                "\(location): \(message)".unicodeScalars.map {
                    $0.properties.generalCategory == .control ? "?" : $0
                }))
    }
}
