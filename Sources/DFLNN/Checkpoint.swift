import DFLTensor
import Foundation

/// Errors of saving and loading parameters.
public struct CheckpointError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file and parameter.
    public var message: String
    /// A one-line description.
    public var description: String { "checkpoint error: \(message)" }
}

/// Saving and loading named parameters (a model's checkpoint) as JSON.
public enum ParameterStore {
    /// The named values of `parameters`.
    public static func snapshot(_ parameters: [Parameter]) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.value) })
    }

    /// Copies `values` into `parameters` by name.
    /// - Throws: ``CheckpointError`` when a name is missing or a shape differs.
    public static func restore(_ parameters: [Parameter], from values: [String: Tensor], source: String = "snapshot") throws {
        for p in parameters {
            guard let v = values[p.name] else {
                throw CheckpointError(message: "\(source): no value for parameter '\(p.name)'")
            }
            guard v.shape == p.value.shape else {
                throw CheckpointError(
                    message: "\(source): parameter '\(p.name)' has shape \(v.shape), model expects \(p.value.shape)")
            }
            p.value = v
        }
    }

    /// Writes the parameters to a JSON file (atomically).
    public static func save(_ parameters: [Parameter], to path: String) throws {
        let data = try JSONEncoder().encode(snapshot(parameters))
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads parameters back from a JSON file written by ``save(_:to:)``.
    /// - Throws: ``CheckpointError`` for an unreadable file, a missing name or a shape mismatch.
    public static func load(_ parameters: [Parameter], from path: String) throws {
        let values: [String: Tensor]
        do {
            values = try JSONDecoder().decode([String: Tensor].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CheckpointError(message: "\(path): cannot read parameters (\(error))")
        }
        try restore(parameters, from: values, source: path)
    }
}
