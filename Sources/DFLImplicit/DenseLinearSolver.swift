import DFLLinearAlgebra

/// Dense solution of `A u = b`: the operator is materialized (`n` applications to unit vectors, see
/// ``LinearOperator/materialize()``) or given as a matrix, factorized once by LAPACK, and solved.
/// Suited to small systems and to systems solved for many right-hand sides
/// (``factorize(_:)`` returns a reusable ``FactoredLinearSolver``).
public struct DenseLinearSolver: LinearSolver, Sendable {
    /// The factorization.
    public enum Factorization: String, Sendable, Codable, CaseIterable {
        /// LU with partial pivoting (`dgetrf`): any nonsingular `A`.
        case lu
        /// Cholesky (`dpotrf`): symmetric positive definite `A` (only the lower triangle is read).
        case cholesky
        /// Bunch–Kaufman `LDLᵀ` (`dsytrf`): symmetric, possibly indefinite `A`, such as a KKT matrix.
        case ldlt
    }

    /// The factorization used.
    public var factorization: Factorization

    /// A dense solver (default LU).
    public init(_ factorization: Factorization = .lu) {
        self.factorization = factorization
    }

    /// Factorizes the materialized operator.
    /// - Throws: ``ImplicitDifferentiationError/factorizationFailed(solver:reason:)``, or what the operator throws.
    public func factorize(_ a: LinearOperator) throws -> FactoredLinearSolver {
        try factorize(matrix: a.materialize())
    }

    /// Factorizes an explicit square matrix.
    /// - Throws: ``ImplicitDifferentiationError/factorizationFailed(solver:reason:)`` when the
    ///   matrix is not square or the factorization fails.
    public func factorize(matrix m: Matrix) throws -> FactoredLinearSolver {
        let name = "dense \(factorization.rawValue)"
        guard m.rows == m.columns else {
            throw ImplicitDifferentiationError.factorizationFailed(
                solver: name, reason: "matrix is \(m.rows)×\(m.columns), not square")
        }
        @Sendable func wrap(_ error: Error) -> ImplicitDifferentiationError {
            .factorizationFailed(solver: name, reason: "\(error)")
        }
        do {
            switch factorization {
            case .lu:
                let f = try LUFactorization(m)
                return FactoredLinearSolver(name: name, size: m.rows) { b in
                    do { return try f.solve(b) } catch { throw wrap(error) }
                }
            case .cholesky:
                let f = try CholeskyFactorization(m)
                return FactoredLinearSolver(name: name, size: m.rows) { b in
                    do { return try f.solve(b) } catch { throw wrap(error) }
                }
            case .ldlt:
                let f = try LDLTFactorization(m)
                return FactoredLinearSolver(name: name, size: m.rows) { b in
                    do { return try f.solve(b) } catch { throw wrap(error) }
                }
            }
        } catch let e as ImplicitDifferentiationError {
            throw e
        } catch {
            throw wrap(error)
        }
    }

    /// Materializes, factorizes and solves `A u = b`.
    /// - Throws: ``ImplicitDifferentiationError``, or what the operator throws.
    public func solve(_ a: LinearOperator, _ b: [Double]) throws -> [Double] {
        try factorize(a).solve(b)
    }

    /// Factorizes `m` and solves `m u = b`.
    /// - Throws: ``ImplicitDifferentiationError``.
    public func solve(matrix m: Matrix, _ b: [Double]) throws -> [Double] {
        try factorize(matrix: m).solve(b)
    }
}
