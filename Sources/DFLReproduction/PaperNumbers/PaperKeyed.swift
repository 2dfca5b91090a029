import Foundation

extension CodingUserInfoKey {
    /// The file name a ``PaperNumbers`` decoder is reading, for error messages.
    static let paperNumbersFile = CodingUserInfoKey(rawValue: "DFLReproduction.paperNumbersFile")!
}

/// A JSON object of a paper-numbers file read as a dictionary that remembers where it stands
/// (file and dotted key path), so that a lookup of an absent name is a
/// ``PaperNumbersError/missingKey(file:key:)`` naming both.
public struct PaperKeyed<Value: Decodable & Sendable>: Decodable, Sendable {
    /// The file the object was read from.
    public let file: String
    /// Dotted path of the object in the file (e.g. `table1.rows`).
    public let key: String
    /// The entries by name.
    public let entries: [String: Value]

    /// Reads a JSON object; the file name comes from the decoder's user info.
    public init(from decoder: any Decoder) throws {
        file = decoder.userInfo[.paperNumbersFile] as? String ?? "(unnamed)"
        key = PaperNumbers.dottedPath(decoder.codingPath)
        entries = try [String: Value](from: decoder)
    }

    /// The entry `name`.
    /// - Throws: ``PaperNumbersError/missingKey(file:key:)`` when the object has no such entry.
    public func value(_ name: String) throws -> Value {
        guard let value = entries[name] else {
            throw PaperNumbersError.missingKey(file: file, key: key.isEmpty ? name : key + "." + name)
        }
        return value
    }

    /// The entry `name`, or nil where the paper has none (a size the paper did not run).
    public subscript(_ name: String) -> Value? { entries[name] }
}
