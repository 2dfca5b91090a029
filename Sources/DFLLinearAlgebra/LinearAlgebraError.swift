/// Failures of the linear-algebra routines: which LAPACK routine, which `info` code, what it means.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A LAPACK routine returned a non-zero `info`.
    case lapack(routine: String, info: Int32, meaning: String)
    /// Operand shapes do not fit (`operation`, expected, got).
    case dimensionMismatch(operation: String, expected: String, got: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .lapack(let r, let info, let meaning): return "LAPACK \(r) failed (info = \(info)): \(meaning)"
        case .dimensionMismatch(let op, let e, let g): return "\(op): expected \(e), got \(g)"
        }
    }
}
