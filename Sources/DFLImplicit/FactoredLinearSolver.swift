/// A linear solver that already holds a factorization of `A`: each solve is one back substitution.
///
/// Made by ``DenseLinearSolver/factorize(_:)`` or, for a layer that factors its own structured
/// system in the forward pass (an active-set KKT matrix, a Schur complement), by wrapping that
/// factorization's solve. The operator passed to ``solve(_:_:)`` is only checked for its size.
public struct FactoredLinearSolver: LinearSolver, Sendable {
    /// Name used in error messages.
    public let name: String
    /// The dimension of the factored system.
    public let size: Int
    private let backSubstitution: @Sendable ([Double]) throws -> [Double]

    /// A solver from a prepared `b ↦ A⁻¹ b`.
    public init(name: String, size: Int, solve: @escaping @Sendable ([Double]) throws -> [Double]) {
        self.name = name
        self.size = size
        backSubstitution = solve
    }

    /// Solves `A u = b` with the stored factorization.
    /// - Throws: ``ImplicitDifferentiationError/dimensionMismatch(what:expected:got:)`` for a wrong
    ///   size, or what the stored solve throws.
    public func solve(_ a: LinearOperator, _ b: [Double]) throws -> [Double] {
        guard a.size == size else {
            throw ImplicitDifferentiationError.dimensionMismatch(what: "\(name) operator", expected: size, got: a.size)
        }
        return try solve(b)
    }

    /// Solves `A u = b` with the stored factorization (no operator needed).
    /// - Throws: ``ImplicitDifferentiationError/dimensionMismatch(what:expected:got:)`` for a wrong
    ///   size, or what the stored solve throws.
    public func solve(_ b: [Double]) throws -> [Double] {
        guard b.count == size else {
            throw ImplicitDifferentiationError.dimensionMismatch(
                what: "\(name) right-hand side", expected: size, got: b.count)
        }
        return try backSubstitution(b)
    }
}
