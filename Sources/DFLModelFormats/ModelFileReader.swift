import DFLOptimization

/// Reads a user's model file — fixed or free MPS, or CPLEX LP, each optionally gzipped — into a
/// ``MixedIntegerProgram``, in pure Swift: nothing in a file reaches a C library, and every
/// problem is a ``ModelFileError`` naming the file, line and column.
///
/// The format is told by the content, not the file name: the first line that is not blank or a
/// comment opens an MPS section (`NAME`, `ROWS`, `OBJSENSE`, `OBJNAME`) or an LP objective
/// (`Minimize`, `Maximize`, …). A gzip stream is recognised by its magic bytes `1f 8b`.
public enum ModelFileReader {
    /// The largest file, and the largest inflated gzip content, read (16 MiB: a sparse model of
    /// about half a million nonzeros; the parsed tokens of an LP file take some 20 times its size).
    public static let maximumBytes = 16 << 20
    /// The magnitude below which every objective and constraint coefficient and right-hand side
    /// must stay (1e20): CLP asserts `|c| < 1e25` on its scaled objective and aborts the process, so
    /// DFLKit keeps five orders of magnitude away from it, in files and in solves alike.
    public static let coefficientLimit = 1e20
    /// The largest number of entries of the dense constraint matrices built (2·10⁷, 160 MB).
    public static let maximumDenseEntries = 20_000_000

    /// The formats the reader knows.
    public enum Format: String, Sendable {
        /// Fixed or free MPS.
        case mps
        /// CPLEX LP.
        case lp
    }

    /// The model in the file at `path`.
    /// - Throws: ``ModelFileError``.
    public static func read(_ path: String) throws -> MixedIntegerProgram {
        try read(bytes: ModelFileBytes.contents(of: path, limit: maximumBytes), file: path)
    }

    /// The model in `bytes` (the content of a file, possibly gzipped); `file` names it in errors.
    /// - Throws: ``ModelFileError``.
    public static func read(bytes: [UInt8], file: String) throws -> MixedIntegerProgram {
        let (model, end) = try collect(bytes: bytes, file: file)
        return try model.program(endPlace: end)
    }

    /// What the file at `path` declares, in its own terms (``ModelOutline``): named variables in
    /// column order, named constraints with their sense, the objective sense. The model is checked
    /// as ``read(_:)`` checks it.
    /// - Throws: ``ModelFileError``.
    public static func outline(_ path: String) throws -> ModelOutline {
        try outline(bytes: ModelFileBytes.contents(of: path, limit: maximumBytes), file: path)
    }

    /// The outline of `bytes` (possibly gzipped); `file` names it in errors.
    /// - Throws: ``ModelFileError``.
    public static func outline(bytes: [UInt8], file: String) throws -> ModelOutline {
        let (model, end) = try collect(bytes: bytes, file: file)
        _ = try model.program(endPlace: end)
        return model.outline
    }

    /// The model collected from `bytes` by the reader of its format, and the place where it ends.
    private static func collect(bytes: [UInt8], file: String) throws -> (model: ModelBuilder, end: TextPlace) {
        var bytes = bytes
        if bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
            bytes = try ModelFileBytes.gunzip(bytes, limit: maximumBytes, file: file)
        }
        let text = try ModelText(bytes: bytes, file: file)
        switch try format(of: text) {
        case .mps: return try MPSReader.read(text)
        case .lp: return try LPReader.read(text)
        }
    }

    /// The model in `text`; `file` names it in errors.
    /// - Throws: ``ModelFileError``.
    public static func read(text: String, file: String) throws -> MixedIntegerProgram {
        try read(bytes: Array(text.utf8), file: file)
    }

    /// The format of `text`, from its first line that is neither blank nor a comment.
    static func format(of text: ModelText) throws -> Format {
        for index in text.lines.indices {
            let words = text.words(index, limit: 1)
            guard let first = words.first, !first.text.hasPrefix("*"), !first.text.hasPrefix("\\") else { continue }
            let word = first.text.uppercased()
            if ["NAME", "ROWS", "OBJSENSE", "OBJNAME"].contains(word) && first.place.column == 1 { return .mps }
            if ["MINIMIZE", "MINIMISE", "MINIMUM", "MIN", "MAXIMIZE", "MAXIMISE", "MAXIMUM", "MAX"].contains(word) {
                return .lp
            }
            throw ModelFileError(
                .unknownFormat,
                "'\(first.text.prefix(40))' starts neither an MPS file (NAME, ROWS) nor an LP file (Minimize, Maximize)",
                file: text.file, line: first.place.line, column: first.place.column)
        }
        throw ModelFileError(.emptyFile, "the file holds no model", file: text.file)
    }
}
