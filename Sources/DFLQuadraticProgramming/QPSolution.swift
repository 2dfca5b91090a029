/// The solution of a ``DenseQuadraticProgram`` together with the factored active-set KKT system
/// that its backward pass reuses.
public struct QPSolution: Sendable {
    /// `x*`, the primal solution.
    public var primal: [Double]
    /// `ν*`, multipliers of the original equality rows (`0` for rows removed as dependent).
    public var equalityDuals: [Double]
    /// `λ*`, multipliers of the rows of `G` (non-negative).
    public var inequalityDuals: [Double]
    /// Multipliers of the lower bounds (`0` where there is none).
    public var lowerBoundDuals: [Double]
    /// Multipliers of the upper bounds (`0` where there is none).
    public var upperBoundDuals: [Double]
    /// Interior-point iterations used.
    public var iterations: Int
    /// Whether the interior-point iterate was replaced by the exact solution of the KKT system on
    /// its identified active set (accurate to rounding; otherwise accurate to the tolerance).
    public var isPolished: Bool
    /// Largest scaled KKT residual: primal infeasibility, stationarity, complementarity, dual
    /// sign (`≈ 0` at an optimum; see ``InteriorPointQPSolver/optimalityError(of:linear:)``).
    public var optimalityError: Double
    /// Inequalities that are weakly active (zero slack and zero multiplier within `1e-9`): where
    /// strict complementarity fails the solution map is not differentiable and the backward pass
    /// returns the derivative of the active set chosen by the solver (constraints with `λ ≥ s`
    /// treated as active), which is one of the one-sided derivatives.
    public var weaklyActiveCount: Int
    /// Multipliers of the kept (reduced) equality rows, including rows of fixed variables.
    let reducedEqualityDuals: [Double]
    /// Multipliers of all inequality rows `[G | lower | upper]`.
    let allInequalityDuals: [Double]
    /// The factored active-set KKT system, reused by every backward call (`nil` when `Q` is not
    /// positive definite on the free variables, so the derivative is not defined by it).
    let kkt: ActiveSetKKT?
    /// The problem structure (for mapping multipliers back to original rows).
    let structure: QPStructure

    /// Gradients of a scalar loss `L(x*)` with respect to the program's data, from `∂L/∂x*`.
    ///
    /// With `K = [[Q_FF, C_Fᵀ], [C_F, 0]]` the active-set KKT matrix and `K [u; w] = [∂L/∂x_F; 0]`:
    /// `∂L/∂q = −u` (zero on variables held at a bound), `∂L/∂b = w_eq`, `∂L/∂h = w_active`
    /// (zero on inactive rows and on rows removed as dependent).
    /// - Throws: ``QuadraticProgramError`` `.dimensionMismatch` for a wrong-length cotangent, `.numericalFailure`
    ///   when `Q` is singular on the free variables (no KKT derivative).
    public func vectorJacobianProduct(_ cotangent: [Double]) throws -> QPGradient {
        try QuadraticProgramError.validate(cotangent, expected: primal.count, what: "QP backward cotangent")
        guard hasDerivative else {
            throw QuadraticProgramError(
                .numericalFailure,
                "QP backward: Q is not positive definite on the free variables, the KKT derivative is undefined")
        }
        return uncheckedVectorJacobianProduct(cotangent)
    }

    /// Whether the backward pass is available (the active-set KKT matrix is nonsingular).
    public var hasDerivative: Bool { kkt != nil }

    /// ``vectorJacobianProduct(_:)`` without the checks (the caller guarantees them): DFLImplicit's
    /// root VJP of the active-set KKT conditions, `K z = −(∂L/∂x_F, 0)`, solved with the
    /// factorization of the forward pass.
    package func uncheckedVectorJacobianProduct(_ cotangent: [Double]) -> QPGradient {
        guard let kkt else { preconditionFailure("QP backward without a KKT factorization") }
        let rootCotangent = kkt.free.map { cotangent[$0] } + [Double](repeating: 0, count: kkt.rowCount)
        do {
            return try kkt.optimality(structure: structure).vectorJacobianProduct(
                rootCotangent, solver: kkt.factoredSolver)
        } catch {
            preconditionFailure("QP backward: the pre-factored KKT solve cannot fail (\(error))")
        }
    }
}

/// Gradients of a scalar loss with respect to the data of a ``DenseQuadraticProgram``.
public struct QPGradient: Sendable, Equatable {
    /// `∂L/∂q`.
    public var linear: [Double]
    /// `∂L/∂b` (per original equality row).
    public var equalityRHS: [Double]
    /// `∂L/∂h` (per row of `G`).
    public var inequalityRHS: [Double]
}
