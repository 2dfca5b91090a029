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
    /// - Precondition: the names are unique (``save(_:to:)`` reports duplicates as an error).
    public static func snapshot(_ parameters: [Parameter]) -> [String: Tensor] {
        Dictionary(parameters.map { ($0.name, $0.value) }) { first, _ in
            preconditionFailure("ParameterStore.snapshot: two parameters share a name (shapes \(first.shape))")
        }
    }

    /// Throws ``CheckpointError`` naming the first parameter name used twice.
    static func checkUniqueNames(_ parameters: [Parameter], source: String) throws {
        var seen = Set<String>()
        for p in parameters where !seen.insert(p.name).inserted {
            throw CheckpointError(message: "\(source): two parameters are named '\(p.name)'")
        }
    }

    /// Copies `values` into `parameters` by name. Every name and shape is checked before any
    /// parameter changes, so a failed restore leaves the model untouched. Extra names in `values`
    /// are ignored (a snapshot may hold more than one model).
    /// - Throws: ``CheckpointError`` when a name is missing or a shape differs.
    public static func restore(_ parameters: [Parameter], from values: [String: Tensor], source: String = "snapshot")
        throws
    {
        for p in parameters {
            guard let v = values[p.name] else {
                throw CheckpointError(message: "\(source): no value for parameter '\(p.name)'")
            }
            guard v.shape == p.value.shape, v.scalarCount == p.value.scalarCount else {
                throw CheckpointError(
                    message: "\(source): parameter '\(p.name)' has shape \(v.shape), model expects \(p.value.shape)")
            }
        }
        for p in parameters {
            if let v = values[p.name] { p.value = v }
        }
    }

    /// Writes the parameters to a JSON file (atomically).
    /// - Throws: ``CheckpointError`` for a repeated parameter name or an unwritable file.
    public static func save(_ parameters: [Parameter], to path: String) throws {
        try checkUniqueNames(parameters, source: path)
        do {
            let data = try JSONEncoder().encode(snapshot(parameters))
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CheckpointError(message: "\(path): cannot write parameters (\(error.localizedDescription))")
        }
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
