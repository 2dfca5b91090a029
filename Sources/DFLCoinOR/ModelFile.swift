import DFLModelFormats
import DFLOptimization
import Foundation

/// Reading a user's model from an MPS or LP file (optionally gzipped) into a
/// ``MixedIntegerProgram``, and the problem type `dfl train --model` trains on. The file is parsed
/// in Swift by `DFLModelFormats`; CBC and CLP only ever receive the matrices.
public enum ModelFile {
    /// Reads `path` (MPS or LP, told by its content; gzipped or not).
    /// - Throws: `ModelFileError` naming the file, line and column.
    public static func read(_ path: String) throws -> MixedIntegerProgram {
        try ModelFileReader.read(path)
    }
}

/// A user's model as a training problem: every variable's objective coefficient is predicted.
public struct UserModel: ProgramBackedProblem {
    /// The model as read.
    public let program: MixedIntegerProgram
    /// Label for messages (the file name).
    public let name: String

    /// Wraps a program.
    public init(program: MixedIntegerProgram, name: String) {
        self.program = program
        self.name = name
    }

    /// Reads a model file.
    /// - Throws: `ModelFileError` naming the file, line and column.
    public init(path: String) throws {
        self.init(program: try ModelFile.read(path), name: (path as NSString).lastPathComponent)
    }

    /// The variables' names in column order, as CSV cost columns may name them (`c_<name>`); the
    /// positions' names `x0, x1, …` for a program without names.
    public var costColumnNames: [String] {
        program.variableNames.count == costDimension ? program.variableNames : (0..<costDimension).map { "x\($0)" }
    }
}
