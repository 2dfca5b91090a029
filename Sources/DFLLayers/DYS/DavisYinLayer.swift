import DFLOptimization
import DFLQuadraticProgramming
import DFLTensor

/// DYS-Net: the QP-smoothed LP `argmin_v sign·ŷᵀv + μ‖v‖²` over `{A v = b} ∩ box` approximated by
/// Davis–Yin three-operator splitting, with either an unrolled or a Jacobian-free backward pass.
///
/// With `P₁` the projection onto the affine set (pseudo-inverse, precomputed once), `P₂` the
/// projection onto the box and `∇f(x) = q + ω w∘x` (`ω = 2μ` or `μ`, `w = 1` on the problem's
/// variables and `0` on the slack columns of inequalities), one step is
///
/// ```
/// x_k = P₂(z_k),   z_{k+1} = z_k − x_k + P₁(2x_k − z_k − α ∇f(x_k)),
/// ```
///
/// the form of the smoothing paper (gradient at `x = P₂(z)`, unlike fpo-dys which evaluates it at
/// `z`). The output is `P₂(z_K)`. Iterations stop when `‖x_{k+1} − x_k‖∞ ≤ tolerance` per instance,
/// or after exactly `maxIterations` when `tolerance` is `nil`.
///
/// Backward passes: `.unrolled` differentiates every step exactly (the derivative of the computed
/// map; the smoothing paper's authors differentiate this way); `.jacobianFree` differentiates only
/// one extra step at the (approximate) fixed point and drops `(I − J)⁻¹`, scaled to the layer's
/// Jacobian (`∂L/∂ŷ ≈ −(sign/ω)·Π(mask ∘ ∂L/∂x)`, Eq. 12's weight `1/(2μ)` for `μ‖v‖²`): cheap, exact
/// when no bound is active and the program has no inequality slacks, approximate otherwise.
///
/// Misbehaves: slack columns are not strongly convex, so programs with many inequalities converge
/// slowly (thousands of steps for knapsack); prefer ``QPSmoothingLayer`` there.
///
/// References: D. Davis and W. Yin (2017), doi:10.1007/s11228-017-0421-z; D. McKenzie, S. W. Fung
/// and H. Heaton, "Differentiating through integer linear programs with quadratic regularization
/// and Davis–Yin splitting" (TMLR 2024); J. Mandi et al. (2025), arXiv:2508.11365.
public struct DavisYinLayer: Sendable, SmoothedLinearProgramLayer, SmoothedLayerBatch {
    /// How the backward pass is computed.
    public enum Backward: String, Sendable, Codable, CaseIterable {
        /// Reverse mode through every iteration (exact derivative of the unrolled map).
        case unrolled
        /// One differentiable step at the fixed point (Jacobian-free backpropagation).
        case jacobianFree
    }

    /// What to do when the tolerance is not met within `maxIterations`.
    public enum NonConvergencePolicy: String, Sendable, Codable, CaseIterable {
        /// Throw ``LayerError`` `.notConverged` with the residual.
        case error
        /// Return the last iterate; ``DavisYinResult/converged`` is `false` and the residual is
        /// reported in ``DavisYinResult/fixedPointResidual``.
        case returnWithResidual
    }

    /// Layer settings; every field has a documented default.
    public struct Configuration: Sendable, Codable, Equatable {
        /// `μ`, the smoothing strength (default `1`). Must be positive.
        public var smoothing: Double
        /// How `μ` enters the regularizer (default ``SmoothingConvention/squaredNorm``: `μ‖v‖²`).
        public var convention: SmoothingConvention
        /// Step size `α` (default `nil`: `1/ω`, the inverse Lipschitz constant of `∇f`).
        public var stepSize: Double?
        /// Iteration limit, or the exact iteration count when `tolerance` is `nil` (default `1000`).
        public var maxIterations: Int
        /// Stopping tolerance on `‖x_{k+1} − x_k‖∞` (default `1e-10`; `nil` = fixed iterations).
        public var tolerance: Double?
        /// The smoothing paper's authors' step schedule (DYS-NET-SCE, `pyepo/func/dys.py`): `d` in
        /// `α_k = α (1 − k/K)^{1/d}` over exactly `K = maxIterations` steps, then one more step at
        /// `α`; they use `d = 10`. Default `nil`: a constant step. Needs `tolerance = nil`.
        public var stepDecay: Double?
        /// Backward mode (default ``Backward/jacobianFree``).
        public var backward: Backward
        /// Behaviour at the iteration limit (default ``NonConvergencePolicy/error``).
        public var onNonConvergence: NonConvergencePolicy

        /// Creates a configuration; see each property for its default.
        public init(
            smoothing: Double = 1, convention: SmoothingConvention = .squaredNorm, stepSize: Double? = nil,
            maxIterations: Int = 1000, tolerance: Double? = 1e-10, stepDecay: Double? = nil,
            backward: Backward = .jacobianFree,
            onNonConvergence: NonConvergencePolicy = .error
        ) {
            self.smoothing = smoothing
            self.convention = convention
            self.stepSize = stepSize
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.stepDecay = stepDecay
            self.backward = backward
            self.onNonConvergence = onNonConvergence
        }
    }

    /// The settings.
    public let configuration: Configuration
    /// The layer's name, cost dimension and sense (``SmoothedLinearProgramLayer``).
    public let header: SmoothedLayerHeader
    /// The step size actually used.
    public let stepSize: Double
    let form: DavisYinStandardForm
    /// Linear term of the auxiliary variables (from the program) and zeros for slacks.
    private let baseLinear: [Double]
    /// `ω w`: the Hessian diagonal.
    private let curvature: [Double]
    /// `ω`, the smoothing's quadratic weight.
    private let quadraticWeight: Double

    /// A layer for an explicit (mixed-integer) linear program whose first `costDimension` variables
    /// carry the predicted costs (default: all); integrality is dropped.
    /// - Throws: ``LayerError`` for bad settings, a malformed model or an infeasible relaxation.
    public init(
        program: MixedIntegerProgram, costDimension: Int? = nil, name: String = "LP",
        configuration: Configuration = Configuration()
    ) throws {
        let omega = configuration.convention.quadraticWeight(smoothing: configuration.smoothing)
        let alpha = configuration.stepSize ?? 1 / omega
        let header = try SmoothedLayerHeader(
            "DYS layer", program: program, costDimension: costDimension, name: name, smoothing: configuration.smoothing
        ) { layerName in
            if let decay = configuration.stepDecay {
                guard decay > 0, decay.isFinite, configuration.tolerance == nil else {
                    throw LayerError(
                        .invalidConfiguration,
                        "\(layerName): stepDecay (\(decay)) must be positive and finite, with tolerance nil (the schedule runs exactly maxIterations steps)"
                    )
                }
            }
            guard alpha > 0, alpha.isFinite, configuration.maxIterations > 0, (configuration.tolerance ?? 1) > 0 else {
                throw LayerError(
                    .invalidConfiguration,
                    "\(layerName): stepSize (\(alpha)), maxIterations (\(configuration.maxIterations)) and tolerance must be positive"
                )
            }
        }
        form = try LayerError.prefixing(header.name) {
            let form = try DavisYinStandardForm(program)
            try FeasibilityCheck.verify(DenseQuadraticProgram(smoothedRelaxationOf: program, quadraticWeight: omega))
            return form
        }
        let slackCount = form.size - program.variableCount
        baseLinear = program.objective.map { program.sense.sign * $0 } + [Double](repeating: 0, count: slackCount)
        curvature = [Double](repeating: omega, count: program.variableCount) + [Double](repeating: 0, count: slackCount)
        self.configuration = configuration
        self.header = header
        self.stepSize = alpha
        self.quadraticWeight = omega
    }

    /// The backward pass with this layer's form, curvature, step and weight.
    var backward: DavisYinBackward {
        DavisYinBackward(form: form, curvature: curvature, alpha: stepSize, quadraticWeight: quadraticWeight)
    }

    /// Rows of the original equality matrix removed as linearly dependent.
    public var droppedEqualityRows: [Int] { form.droppedEqualityRows }

    /// Runs the iteration for one cost vector.
    /// - Throws: ``LayerError`` for bad costs, or `.notConverged` (with the residual) when the
    ///   tolerance is not met and the policy is ``NonConvergencePolicy/error``.
    public func solve(_ costs: [Double]) throws -> DavisYinResult {
        try LayerError.validate(costs, expected: costDimension, what: "\(name) costs")
        var q = baseLinear
        for j in 0..<costDimension { q[j] = sense.sign * costs[j] }
        let result = DavisYinIteration(
            form: form, q: q, curvature: curvature, alpha: stepSize, maxIterations: configuration.maxIterations,
            tolerance: configuration.tolerance, stepDecay: configuration.stepDecay,
            recordAll: configuration.backward == .unrolled,
            costDimension: costDimension, sign: sense.sign
        ).run()
        if !result.converged && configuration.onNonConvergence == .error {
            throw LayerError(
                .notConverged,
                "\(name): Davis–Yin stopped after \(result.iterations) iterations with fixed-point residual \(result.fixedPointResidual) > tolerance \(configuration.tolerance ?? 0) (equality violation \(result.equalityViolation)); raise maxIterations, adjust stepSize, or set onNonConvergence = .returnWithResidual"
            )
        }
        return result
    }

    /// Runs one iteration per cost vector, in parallel on all cores.
    /// - Throws: the first failing instance's ``LayerError``, naming its index.
    public func solveBatch(_ costs: [[Double]]) throws -> [DavisYinResult] {
        try solveEachInstance(costs)
    }

    /// `∂L/∂ŷ` from `∂L/∂x` by the configured backward mode.
    /// - Throws: ``LayerError`` for a cotangent of the wrong length or with non-finite entries.
    public func costGradient(of result: DavisYinResult, cotangent: [Double]) throws -> [Double] {
        try LayerError.validate(cotangent, expected: costDimension, what: "\(name) cotangent")
        return backward.costGradient(result, cotangent: cotangent, costDimension: costDimension)
    }

    /// The layer as a differentiable op: costs of shape `[d]` or `[B, d]` to decisions of the same
    /// shape, with the configured backward pass.
    /// - Throws: ``LayerError`` for a wrong shape, non-finite costs or non-convergence.
    public func callAsFunction(_ costs: Variable) throws -> Variable {
        let backward = self.backward
        let d = costDimension
        return try differentiableOp(costs) { result, row in
            backward.costGradient(result, cotangent: row, costDimension: d)
        }
    }
}
