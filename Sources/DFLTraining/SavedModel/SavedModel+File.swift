import Foundation

extension SavedModel {
    /// The file's JSON: pretty-printed with sorted keys, weights as shortest round-trip decimals (a
    /// model read back predicts bit for bit the same costs).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return try encoder.encode(self) } catch {
            throw SavedModelError(.malformed, "cannot encode (\(error))")
        }
    }

    /// Writes the model to `path` atomically.
    /// - Throws: ``SavedModelError`` `.io` when the file cannot be written.
    public func write(to path: String) throws {
        do { try encoded().write(to: URL(fileURLWithPath: path), options: .atomic) } catch let e as SavedModelError {
            throw e
        } catch {
            throw SavedModelError(.io, "\(path): cannot write (\(error.localizedDescription))")
        }
    }

    /// Reads and checks a saved model: the format name, the format version, and that the weights
    /// fit the architecture.
    /// - Throws: ``SavedModelError``: `.io` (unreadable), `.malformed` (not JSON, truncated, not
    ///   a saved model, a missing field), `.unsupportedVersion`, `.mismatch` (weights and
    ///   architecture disagree).
    public static func read(from path: String) throws -> SavedModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SavedModelError(.io, "\(path): cannot read (\(error.localizedDescription))")
        }
        return try decode(data, source: path)
    }

    /// Decodes and checks the JSON of a saved model; `source` names it in errors.
    /// - Throws: as ``read(from:)``.
    public static func decode(_ data: Data, source: String) throws -> SavedModel {
        struct Header: Decodable {
            var format: String?
            var formatVersion: Int?
        }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch {
            throw SavedModelError(.malformed, "\(source): not a complete JSON object (truncated or not a saved model)")
        }
        guard header.format == formatName else {
            throw SavedModelError(
                .malformed,
                "\(source): not a saved model (format is \(header.format.map { "'\($0)'" } ?? "missing"), expected '\(formatName)')"
            )
        }
        guard header.formatVersion == currentFormatVersion else {
            throw SavedModelError(
                .unsupportedVersion,
                "\(source): format version \(header.formatVersion.map(String.init) ?? "missing"); this DFLKit reads version \(currentFormatVersion)"
            )
        }
        let model: SavedModel
        do { model = try JSONDecoder().decode(SavedModel.self, from: data) } catch let DecodingError.keyNotFound(
            key, context)
        {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw SavedModelError(.malformed, "\(source): missing field '\(path)'")
        } catch {
            throw SavedModelError(
                .malformed, "\(source): a field has the wrong type or value (\(Self.summary(of: error)))")
        }
        _ = try model.makePredictor(source: source)
        return model
    }

    /// The coding path of a decoding error, or its description.
    package static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "at '\(path)'"
        default: return "\(error)"
        }
    }
}
