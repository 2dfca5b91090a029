import DFLErrors

/// An error type that reports vectors of the wrong length or with a NaN or infinite entry — the one
/// check behind ``SolverError/validate(costs:expected:problem:limit:)`` and the layers' input checks.
package protocol VectorValidationError: Error {
    /// The error for `what` holding `count` entries where `expected` are needed.
    static func wrongLength(_ what: String, expected: Int, count: Int) -> Self
    /// The error for entry `index` of `what` being `value` (NaN or infinite).
    static func nonFinite(_ what: String, index: Int, value: Double) -> Self
}

extension VectorValidationError {
    /// Checks that `values` has `expected` entries, all finite.
    /// - Throws: ``wrongLength(_:expected:count:)`` or ``nonFinite(_:index:value:)`` naming `what`.
    package static func validate(_ values: [Double], expected: Int, what: String) throws {
        guard values.count == expected else { throw wrongLength(what, expected: expected, count: values.count) }
        if let i = values.firstIndex(where: { !$0.isFinite }) { throw nonFinite(what, index: i, value: values[i]) }
    }
}

/// An error domain whose ``DomainError`` reports bad vectors: it words the two failures once.
package protocol VectorValidationDomain: ErrorDomain {
    /// The error for `what` holding `count` entries where `expected` are needed.
    static func wrongLength(_ what: String, expected: Int, count: Int) -> DomainError<Self>
    /// The error for entry `index` of `what` being `value` (NaN or infinite).
    static func nonFinite(_ what: String, index: Int, value: Double) -> DomainError<Self>
}

extension DomainError: VectorValidationError where Domain: VectorValidationDomain {
    package static func wrongLength(_ what: String, expected: Int, count: Int) -> Self {
        Domain.wrongLength(what, expected: expected, count: count)
    }

    package static func nonFinite(_ what: String, index: Int, value: Double) -> Self {
        Domain.nonFinite(what, index: index, value: value)
    }
}
