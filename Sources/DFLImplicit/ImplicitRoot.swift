/// Implicit differentiation of a root `x*(θ)` of an optimality map, `F(x*(θ), θ) = 0` (jaxopt's
/// `custom_root` / `root_vjp`).
///
/// The map is given only through its two vector–Jacobian products at the solution:
/// `u ↦ (∂F/∂x)ᵀu` and `u ↦ (∂F/∂θ)ᵀu`. By the implicit function theorem
/// `∂x*/∂θ = −(∂F/∂x)⁻¹ ∂F/∂θ`, so for a cotangent `ḡ = ∂L/∂x*`
///
/// ```
/// (∂F/∂x)ᵀ u = −ḡ,        ∂L/∂θ = (∂F/∂θ)ᵀ u,
/// ```
///
/// one linear solve (the adjoint equation) and one parameter VJP. `Cotangent` is whatever the
/// parameter VJP returns (an array, a struct of named gradients, …).
public struct ImplicitRoot<Cotangent> {
    /// The dimension of `x` (and of `F`).
    public let size: Int
    /// `u ↦ (∂F/∂x)ᵀ u` at the solution.
    public let solutionTransposedJacobian: ([Double]) throws -> [Double]
    /// `u ↦ (∂F/∂θ)ᵀ u` at the solution.
    public let parameterTransposedJacobian: ([Double]) throws -> Cotangent

    /// An optimality map given by its vector–Jacobian products at the solution.
    public init(
        size: Int, solutionTransposedJacobian: @escaping ([Double]) throws -> [Double],
        parameterTransposedJacobian: @escaping ([Double]) throws -> Cotangent
    ) {
        self.size = size
        self.solutionTransposedJacobian = solutionTransposedJacobian
        self.parameterTransposedJacobian = parameterTransposedJacobian
    }

    /// The adjoint operator `(∂F/∂x)ᵀ`.
    public var adjointOperator: LinearOperator { LinearOperator(size: size, apply: solutionTransposedJacobian) }

    /// The adjoint `u` solving `(∂F/∂x)ᵀ u = −ḡ`.
    /// - Throws: ``ImplicitDifferentiationError``, or what the VJPs throw.
    public func adjoint(_ cotangent: [Double], solver: some LinearSolver) throws -> [Double] {
        guard cotangent.count == size else {
            throw ImplicitDifferentiationError.dimensionMismatch(
                what: "root cotangent", expected: size, got: cotangent.count)
        }
        return try solver.solve(adjointOperator, cotangent.map { -$0 })
    }

    /// `∂L/∂θ = (∂F/∂θ)ᵀ u` with `(∂F/∂x)ᵀ u = −ḡ`, for the cotangent `ḡ = ∂L/∂x*`.
    /// - Throws: ``ImplicitDifferentiationError``, or what the VJPs throw.
    public func vectorJacobianProduct(_ cotangent: [Double], solver: some LinearSolver) throws -> Cotangent {
        try parameterTransposedJacobian(adjoint(cotangent, solver: solver))
    }
}

/// Implicit differentiation of a fixed point `x*(θ) = T(x*(θ), θ)` (jaxopt's `custom_fixed_point`),
/// the root of `F(x, θ) = T(x, θ) − x`.
///
/// With `J = ∂T/∂x` at the fixed point the adjoint equation `(Jᵀ − I) u' = −ḡ` is written in its
/// natural form `(I − Jᵀ) u = ḡ` (the same `u`), and `∂L/∂θ = (∂T/∂θ)ᵀ u`. The operator is
/// ``LinearOperator/identityMinus(size:_:)`` of `Jᵀ`, so ``NeumannSeries`` iterates `u ← ḡ + Jᵀu`
/// directly and ``JacobianFreeApproximation`` gives Jacobian-free backpropagation (`u = ḡ`).
public struct ImplicitFixedPoint<Cotangent> {
    /// The dimension of `x`.
    public let size: Int
    /// `u ↦ Jᵀ u = (∂T/∂x)ᵀ u` at the fixed point.
    public let mapTransposedJacobian: ([Double]) throws -> [Double]
    /// `u ↦ (∂T/∂θ)ᵀ u` at the fixed point.
    public let parameterTransposedJacobian: ([Double]) throws -> Cotangent

    /// A fixed-point map given by its vector–Jacobian products at the fixed point.
    public init(
        size: Int, mapTransposedJacobian: @escaping ([Double]) throws -> [Double],
        parameterTransposedJacobian: @escaping ([Double]) throws -> Cotangent
    ) {
        self.size = size
        self.mapTransposedJacobian = mapTransposedJacobian
        self.parameterTransposedJacobian = parameterTransposedJacobian
    }

    /// The adjoint operator `I − Jᵀ`.
    public var adjointOperator: LinearOperator { .identityMinus(size: size, mapTransposedJacobian) }

    /// The adjoint `u` solving `(I − Jᵀ) u = ḡ`.
    /// - Throws: ``ImplicitDifferentiationError``, or what the VJPs throw.
    public func adjoint(_ cotangent: [Double], solver: some LinearSolver) throws -> [Double] {
        guard cotangent.count == size else {
            throw ImplicitDifferentiationError.dimensionMismatch(
                what: "fixed-point cotangent", expected: size, got: cotangent.count)
        }
        return try solver.solve(adjointOperator, cotangent)
    }

    /// `∂L/∂θ = (∂T/∂θ)ᵀ u` with `(I − Jᵀ) u = ḡ`, for the cotangent `ḡ = ∂L/∂x*`.
    /// - Throws: ``ImplicitDifferentiationError``, or what the VJPs throw.
    public func vectorJacobianProduct(_ cotangent: [Double], solver: some LinearSolver) throws -> Cotangent {
        try parameterTransposedJacobian(adjoint(cotangent, solver: solver))
    }

    /// The same map as a root of `F(x, θ) = T(x, θ) − x`: `(∂F/∂x)ᵀu = Jᵀu − u`, `(∂F/∂θ)ᵀu = (∂T/∂θ)ᵀu`.
    public var root: ImplicitRoot<Cotangent> {
        let jt = mapTransposedJacobian
        return ImplicitRoot(
            size: size,
            solutionTransposedJacobian: { u in
                let ju = try jt(u)
                return (0..<u.count).map { ju[$0] - u[$0] }
            },
            parameterTransposedJacobian: parameterTransposedJacobian)
    }
}
