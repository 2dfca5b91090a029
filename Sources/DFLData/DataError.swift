import DFLErrors

/// The kinds of ``DataError``: `"data error (nonNumericCell): a.csv:3:2: cell 'abc' is not a number"`.
public enum DataFailure: String, Sendable, Codable, ErrorDomain {
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

    /// `"data"`.
    public static let name = "data"
}

/// The one error type of `DFLData`: what went wrong and where (file, line, column when known).
///
/// ```swift
/// do { _ = try DatasetCSV.read(path: "train.csv") }
/// catch let error as DataError { print(error) }   // "data error (nonNumericCell): train.csv:17:3: ..."
/// ```
public typealias DataError = DomainError<DataFailure>
