import DFLOptimization
import DFLQuadraticProgramming
import DFLTensor

/// The norm-smoothed LP layer: `v*(ŷ) = argmin_v sign·ŷᵀv + τ‖v‖₂` over the LP relaxation of a
/// problem — the smoother the smoothing paper's code (`c·x + τ‖x‖₂` in cvxpylayers) and its
/// App. B / Table 2 actually used (docs/papers/smoothing.md, "Norm smoothing"), for any problem, not only Top-1.
///
/// Method. Stationarity of the norm-penalized problem at `v ≠ 0` is stationarity of the QP
/// `min qᵀx + (w/2)‖x‖²` with `w = τ/‖x‖`, and that QP's solution is `X(q/w)` with
/// `X(p) = argmin pᵀx + ½‖x‖²` (one fixed interior-point solver, Hessian `I`). So the layer finds the
/// scalar `w > 0` with `φ(w) = w‖X(q/w)‖ = τ` by a safeguarded Newton iteration in `log w`
/// (`φ` is non-decreasing: `φ'(w) = ‖x₀‖²/‖x‖ ≥ 0`, `x₀` the min-norm point of the active face's
/// affine hull), and differentiates through both the QP and the root `w(ŷ)`:
///
/// ```
/// ∂L/∂q = a/w + (aᵀq / (w² D)) Jᵀu,   a = Jᵀg,  u = x/‖x‖,  D = φ'(w) = ‖x‖ − (Jᵀu)ᵀq/w,
/// ```
///
/// with `J = ∂X/∂p` applied by the QP's exact KKT vector–Jacobian product (two per instance).
/// If `0` is feasible and `τ` exceeds what the costs can pay for, the solution is `v = 0` and the
/// layer returns it with a zero gradient (locally constant).
///
/// The norm covers all variables of the relaxation (auxiliary ones included); the output is the
/// first `costDimension` entries.
public struct NormSmoothingLayer: Sendable, SmoothedLinearProgramLayer, SmoothedLayerBatch {
    /// Layer settings.
    public struct Configuration: Sendable, Codable, Equatable {
        /// `τ`, the weight of the un-squared norm (default `1`). Must be positive.
        public var smoothing: Double
        /// Relative tolerance on `w‖x‖ = τ` (default `1e-10`).
        public var tolerance: Double
        /// Newton / bisection steps allowed for the scalar root (default `80`).
        public var maxIterations: Int
        /// Settings of the inner interior-point solver.
        public var solver: InteriorPointQPSolver.Configuration

        /// Creates a configuration; see each property for its default.
        public init(
            smoothing: Double = 1, tolerance: Double = 1e-10, maxIterations: Int = 80,
            solver: InteriorPointQPSolver.Configuration = .init()
        ) {
            self.smoothing = smoothing
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.solver = solver
        }
    }

    /// The settings.
    public let configuration: Configuration
    /// The layer's name, cost dimension and sense (``SmoothedLinearProgramLayer``).
    public let header: SmoothedLayerHeader
    /// The solver of `min pᵀx + ½‖x‖²` over the relaxation.
    let unitSolver: InteriorPointQPSolver

    /// A layer for an explicit (mixed-integer) linear program whose first `costDimension` variables
    /// carry the predicted costs (default: all); integrality is dropped.
    /// - Throws: ``LayerError`` for `τ ≤ 0`, bad settings, a malformed model or an infeasible relaxation.
    public init(
        program: MixedIntegerProgram, costDimension: Int? = nil, name: String = "LP",
        configuration: Configuration = Configuration()
    ) throws {
        let header = try SmoothedLayerHeader(
            "norm layer", program: program, costDimension: costDimension, name: name, smoothing: configuration.smoothing
        ) { layerName in
            guard configuration.tolerance > 0, configuration.maxIterations > 0 else {
                throw LayerError(
                    .invalidConfiguration,
                    "\(layerName): tolerance (\(configuration.tolerance)) and iteration limit (\(configuration.maxIterations)) must be positive"
                )
            }
        }
        let qp = DenseQuadraticProgram(smoothedRelaxationOf: program, quadraticWeight: 1)
        unitSolver = try LayerError.prefixing(header.name) {
            try InteriorPointQPSolver(program: qp, configuration: configuration.solver)
        }
        self.configuration = configuration
        self.header = header
    }

    /// Solves the norm-smoothed problem for one cost vector.
    /// - Throws: ``LayerError`` for a wrong-length or non-finite `costs`, a failing inner solve, or a
    ///   root search that does not converge (the message gives the residual).
    public func solve(_ costs: [Double]) throws -> NormSmoothingResult {
        try LayerError.validate(costs, expected: costDimension, what: "\(name) costs")
        var q = unitSolver.program.linear
        let sign = sense.sign
        for j in 0..<costDimension { q[j] = sign * costs[j] }
        let tau = configuration.smoothing
        return try LayerError.prefixing(name) {
            try NormRootSearch(solver: unitSolver, linear: q, tau: tau, configuration: configuration)
                .run(costDimension: costDimension, sign: sign)
        }
    }

    /// Solves one problem per cost vector, in parallel on all cores.
    /// - Throws: the first failing instance's ``LayerError``, naming its index.
    public func solveBatch(_ costs: [[Double]]) throws -> [NormSmoothingResult] {
        try solveEachInstance(costs)
    }

    /// The layer as a differentiable op: costs `[d]` or `[B, d]` to decisions of the same shape.
    /// - Throws: ``LayerError`` for a wrong shape, non-finite costs or a solver failure.
    public func callAsFunction(_ costs: Variable) throws -> Variable {
        try differentiableOp(costs) { result, row in try result.costGradient(row) }
    }
}
