import DFLErrors
import DFLOptimization

/// The kinds of ``QuadraticProgramError`` (and of the layers' `LayerError`):
/// `"quadratic program error (infeasible): QP: ..."`.
public enum QuadraticProgramFailure: String, Sendable, Codable, CaseIterable, ErrorDomain {
    /// A configuration value is out of range (for example a tolerance `≤ 0`).
    case invalidConfiguration
    /// An input has the wrong size.
    case dimensionMismatch
    /// An input holds NaN or an infinity.
    case nonFiniteInput
    /// The program itself is malformed (sizes, bound order, a Hessian that is not convex).
    case invalidModel
    /// The constraints have no feasible point.
    case infeasible
    /// The interior-point method stopped at its iteration limit above its tolerance.
    case notConverged
    /// A factorization failed (a singular Newton or KKT system).
    case numericalFailure

    /// `"quadratic program"`.
    public static let name = "quadratic program"
}

/// The one error type of the quadratic-programming solver: what went wrong and where.
///
/// Every user-caused problem (sizes that disagree, a non-finite entry, an infeasible program, an
/// iteration limit, a singular system) is reported with this type rather than a crash. The layers
/// built on the solver (`DFLLayers`) turn it into their own `LayerError` with the same reason.
public typealias QuadraticProgramError = DomainError<QuadraticProgramFailure>

/// An error domain with the QP solver's reasons: a vector of the wrong length is
/// `.dimensionMismatch` and a NaN or infinite entry `.nonFiniteInput`, worded once for the solver
/// and the layers built on it.
package protocol QuadraticProgramReasoned: VectorValidationDomain where Reason == QuadraticProgramFailure {}

extension QuadraticProgramReasoned {
    package static func wrongLength(_ what: String, expected: Int, count: Int) -> DomainError<Self> {
        DomainError(.dimensionMismatch, "\(what): expected \(expected) entries, got \(count)")
    }

    package static func nonFinite(_ what: String, index: Int, value: Double) -> DomainError<Self> {
        DomainError(.nonFiniteInput, "\(what): entry \(index) = \(value) is not finite")
    }
}

extension QuadraticProgramFailure: QuadraticProgramReasoned {}
