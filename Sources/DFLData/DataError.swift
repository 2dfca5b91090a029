/// The one error type of `DFLData`: what went wrong and where (file, line, column when known).
///
/// ```swift
/// do { _ = try DatasetCSV.read(path: "train.csv") }
/// catch let error as DataError { print(error) }   // "data error (nonNumericCell): train.csv:17:3: ..."
/// ```
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Reason: String, Sendable, Codable {
        /// A file could not be read or written.
        case ioFailure
        /// A file holds no bytes or no rows.
        case emptyFile
        /// The first line is not a header (it looks like data) or a header cell is missing.
        case missingHeader
        /// The header has unexpected column names or order.
        case malformedHeader
        /// A data row has more or fewer cells than the header.
        case wrongColumnCount
        /// A cell is not a number.
        case nonNumericCell
        /// A cell is a number but NaN or infinite.
        case nonFiniteValue
        /// Sizes disagree (cost dimension, row counts, flat array lengths).
        case dimensionMismatch
        /// A generator or dataset operation got an invalid argument (negative size, bad index...).
        case invalidParameter
        /// An operation needs optimal solutions that the dataset does not hold.
        case missingSolutions
    }

    /// The kind of failure.
    public var reason: Reason
    /// A message saying what is wrong.
    public var message: String
    /// The file involved, if any.
    public var file: String?
    /// The 1-based line in `file`, if known.
    public var line: Int?
    /// The 1-based column (cell index) in `line`, if known.
    public var column: Int?

    /// Creates an error with a reason, a message and an optional location.
    public init(
        _ reason: Reason, _ message: String, file: String? = nil, line: Int? = nil,
        column: Int? = nil
    ) {
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

    /// A one-line description: `"data error (nonNumericCell): a.csv:3:2: cell 'abc' is not a number"`.
    public var description: String {
        if let location { return "data error (\(reason.rawValue)): \(location): \(message)" }
        return "data error (\(reason.rawValue)): \(message)"
    }
}
