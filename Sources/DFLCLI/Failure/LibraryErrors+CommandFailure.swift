import DFLBenchmarks
import DFLData
import DFLErrors
import DFLLayers
import DFLLinearAlgebra
import DFLLosses
import DFLMetrics
import DFLModelFormats
import DFLNN
import DFLOptimization
import DFLOptimizers
import DFLReproduction
import DFLTensor
import DFLTraining

// The exit class of every library error (DFLExitCode). Enums are matched with `if case` and a
// fallback rather than an exhaustive `switch`, so a case added to a library error later lands in
// the fallback instead of breaking the tool.

/// A library error domain whose errors the tool maps to exit classes: one conformance of
/// ``DomainError`` to ``CommandFailureConvertible`` serves every domain.
public protocol ExitClassifiedDomain: ErrorDomain {
    /// The failure class and one-line message of `error`.
    static func commandFailure(_ error: DomainError<Self>) -> CommandFailure
}

extension DomainError: CommandFailureConvertible where Domain: ExitClassifiedDomain {
    /// The domain's mapping of this error.
    public var commandFailure: CommandFailure { Domain.commandFailure(self) }
}

extension SolverFailure: ExitClassifiedDomain {
    /// A malformed model is bad data (a missing model file: no input), a model too large for its
    /// method is a usage error, any other solver outcome a numerical failure.
    public static func commandFailure(_ error: SolverError) -> CommandFailure {
        switch error.reason {
        case .invalidModel where error.message.hasSuffix("no such file"):
            return CommandFailure(.noInput, error.description)
        case .invalidModel, .dimensionMismatch: return CommandFailure(.dataError, error.description)
        case .tooLarge: return CommandFailure(.usage, error.description)
        default: return CommandFailure(.software, error.description)
        }
    }
}

extension DataFailure: ExitClassifiedDomain {
    /// Unreadable files are missing input, unwritable ones I/O errors, bad arguments usage errors,
    /// everything else malformed data.
    public static func commandFailure(_ error: DataError) -> CommandFailure {
        switch error.reason {
        case .ioFailure:
            return CommandFailure(error.message.hasPrefix("cannot write") ? .ioError : .noInput, error.description)
        case .invalidParameter: return CommandFailure(.usage, error.description)
        default: return CommandFailure(.dataError, error.description)
        }
    }
}

extension LayerFailure: ExitClassifiedDomain {
    /// A bad layer setting is a usage error, a bad relaxation bad data, the rest numerical.
    public static func commandFailure(_ error: LayerError) -> CommandFailure {
        switch error.reason {
        case .invalidConfiguration: return CommandFailure(.usage, error.description)
        case .invalidModel, .infeasible, .dimensionMismatch: return CommandFailure(.dataError, error.description)
        default: return CommandFailure(.software, error.description)
        }
    }
}

extension MetricsFailure: ExitClassifiedDomain {
    /// Predictions or solutions that cannot be evaluated: a numerical failure.
    public static func commandFailure(_ error: MetricsError) -> CommandFailure {
        CommandFailure(.software, error.description)
    }
}

extension LossError: CommandFailureConvertible {
    /// An unknown method or bad hyper-parameter is a usage error, the rest numerical.
    public var commandFailure: CommandFailure {
        if case .unknownMethod = self { return CommandFailure(.usage, description) }
        if case .invalidHyperparameter = self { return CommandFailure(.usage, description) }
        if case .needsRelaxation = self { return CommandFailure(.usage, description) }
        return CommandFailure(.software, description)
    }
}

extension TrainingError: CommandFailureConvertible {
    /// Settings: usage; data: bad data; a checkpoint that cannot be written: I/O, one that cannot
    /// be used: bad data; a NaN loss or prediction: numerical.
    public var commandFailure: CommandFailure {
        if case .invalidConfiguration = self { return CommandFailure(.usage, description) }
        if case .invalidData = self { return CommandFailure(.dataError, description) }
        if case .checkpoint(let text) = self {
            return CommandFailure(text.contains("cannot write") ? .ioError : .dataError, description)
        }
        return CommandFailure(.software, description)
    }
}

extension CheckpointError: CommandFailureConvertible {
    /// A checkpoint that cannot be written: I/O; one that does not fit the model: bad data.
    public var commandFailure: CommandFailure {
        CommandFailure(message.contains("cannot write") ? .ioError : .dataError, description)
    }
}

extension BenchmarkError: CommandFailureConvertible {
    /// Missing data: no input; malformed data: bad data; bad argument: usage; the rest numerical.
    public var commandFailure: CommandFailure {
        if case .missingData = self { return CommandFailure(.noInput, description) }
        if case .malformedData = self { return CommandFailure(.dataError, description) }
        if case .invalidArgument = self { return CommandFailure(.usage, description) }
        return CommandFailure(.software, description)
    }
}

/// A library error whose every case has one exit class: conforming names the class once.
protocol SingleClassFailure: CommandFailureConvertible, CustomStringConvertible {
    /// The exit class of every case.
    static var exitClass: DFLExitCode { get }
}

extension SingleClassFailure {
    /// The error's description with the type's class.
    public var commandFailure: CommandFailure { CommandFailure(Self.exitClass, description) }
}

/// A malformed matching-instance file.
extension MatchingDataError: SingleClassFailure { static var exitClass: DFLExitCode { .dataError } }
/// Tensor data from outside that has the wrong shape or values.
extension TensorError: SingleClassFailure { static var exitClass: DFLExitCode { .dataError } }
/// An optimizer setting out of range.
extension OptimizerError: SingleClassFailure { static var exitClass: DFLExitCode { .usage } }
/// A factorization or shape failure inside a numerical routine.
extension LinearAlgebraError: SingleClassFailure { static var exitClass: DFLExitCode { .software } }
/// A fixed-point iteration that did not converge or is not contractive.
extension FixedPointError: SingleClassFailure { static var exitClass: DFLExitCode { .software } }

extension RecursiveExperimentError: CommandFailureConvertible {
    /// Every selected part of `dfl reproduce recursive` failed (the report's lines are left out).
    public var commandFailure: CommandFailure {
        CommandFailure(.software, "every selected part failed (\(failedParts.joined(separator: ", ")))")
    }
}

extension ModelFileFailure: ExitClassifiedDomain {
    /// A missing or unreadable model file is missing input; anything wrong inside it (or a path
    /// that is not a regular file) is bad data.
    public static func commandFailure(_ error: ModelFileError) -> CommandFailure {
        switch error.reason {
        case .noSuchFile, .unreadable: return CommandFailure(.noInput, "model file \(error.description)")
        default: return CommandFailure(.dataError, "model file \(error.description)")
        }
    }
}

extension SavedModelError: CommandFailureConvertible {
    /// An unreadable file: no input; an unwritable one: I/O; a file that is not a usable saved
    /// model (truncated, unknown version, weights or dimensions that do not fit): bad data.
    public var commandFailure: CommandFailure {
        switch reason {
        case .io: return CommandFailure(message.contains("cannot write") ? .ioError : .noInput, description)
        case .malformed, .unsupportedVersion, .mismatch: return CommandFailure(.dataError, description)
        }
    }
}
