import DFLErrors

/// The kinds of ``ModelFileError``.
public enum ModelFileFailure: String, Sendable, Codable, ErrorDomain {
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

    /// `"model file"` (the description leaves it out: the place in the file says it).
    public static let name = "model file"

    /// One line: `"m.mps:12:27: 'x1' is not a number"`; control characters echoed from the file
    /// (or its name) are shown as `?`, so the line stays one line on any terminal.
    public static func describe(_ error: ModelFileError) -> String {
        String(
            String.UnicodeScalarView(
                "\(error.location ?? ""): \(error.message)".unicodeScalars.map {
                    $0.properties.generalCategory == .control ? "?" : $0
                }))
    }
}

/// The one error type of model-file reading: what is wrong and where (`file:line:column`).
///
/// ```swift
/// do { _ = try ModelFileReader.read("m.mps") }
/// catch let error as ModelFileError { print(error) }   // "m.mps:12:27: 'x1' is not a number"
/// ```
public typealias ModelFileError = DomainError<ModelFileFailure>
