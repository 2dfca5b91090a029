/// What went wrong reading a paper-numbers file of `Sources/DFLReproduction/Resources/`.
public enum PaperNumbersError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The resource file is not in the module's bundle.
    case missingFile(file: String)
    /// The file has no entry at `key` (a dotted path from the file's top level, e.g. `table1.rows.KP (10).MSE`).
    case missingKey(file: String, key: String)
    /// The entry at `key` is not what the reader expects (wrong type, not JSON, …).
    case malformed(file: String, key: String, reason: String)

    /// One line naming the file and the key.
    public var description: String {
        switch self {
        case .missingFile(let file): "paper numbers: \(file) is not in the DFLReproduction resources"
        case .missingKey(let file, let key): "paper numbers: \(file) has no entry '\(key)'"
        case .malformed(let file, let key, let reason):
            "paper numbers: \(file), entry '\(key.isEmpty ? "(top level)" : key)': \(reason)"
        }
    }
}
