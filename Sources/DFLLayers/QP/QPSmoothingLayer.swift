import DFLOptimization
import DFLQuadraticProgramming
import DFLTensor

/// The QP-smoothed LP layer: `v*(ŷ) = argmin_v sign·ŷᵀv + μ‖v‖²` over the LP relaxation of a
/// problem (`A v = b`, `G v ≤ h`, bounds), solved to high accuracy by ``InteriorPointQPSolver`` and
/// differentiated by the implicit function theorem on the KKT system of the identified active set.
///
/// `sign` is `+1` for minimization and `−1` for maximization (then `v* = argmax ŷᵀv − μ‖v‖²`). The
/// regularizer covers all variables of the relaxation (auxiliary ones included); the layer's output
/// is the first `costDimension` entries. The constraint structure is validated, reduced to full row
/// rank and checked for feasibility once at construction; each call only changes the costs.
///
/// When to use: smooth (non-zero) gradients of a decision with respect to predicted costs, with
/// exact solutions (`~1e-12`) and exact derivatives. Misbehaves: as `μ → 0` the map approaches the
/// piecewise-constant LP map and gradients vanish almost everywhere; at points where strict
/// complementarity fails the derivative is one-sided (``QPSolution/weaklyActiveCount``).
///
/// References: J. Mandi et al., "Minimizing Surrogate Losses for Decision-Focused Learning using
/// Differentiable Optimization" (2025), arXiv:2508.11365; B. Amos and J. Z. Kolter, "OptNet" (2017).
public struct QPSmoothingLayer: Sendable, SmoothedLinearProgramLayer, SmoothedLayerBatch {
    /// Layer settings; every field has a documented default.
    public struct Configuration: Sendable, Codable, Equatable {
        /// `μ`, the smoothing strength (default `1`). Must be positive.
        public var smoothing: Double
        /// How `μ` enters the regularizer (default ``SmoothingConvention/squaredNorm``: `μ‖v‖²`).
        public var convention: SmoothingConvention
        /// Interior-point settings (defaults: tolerance `1e-10`, 60 iterations, polishing on).
        public var solver: InteriorPointQPSolver.Configuration

        /// Creates a configuration; see each property for its default.
        public init(
            smoothing: Double = 1, convention: SmoothingConvention = .squaredNorm,
            solver: InteriorPointQPSolver.Configuration = .init()
        ) {
            self.smoothing = smoothing
            self.convention = convention
            self.solver = solver
        }
    }

    /// The settings.
    public let configuration: Configuration
    /// The layer's name, cost dimension and sense (``SmoothedLinearProgramLayer``).
    public let header: SmoothedLayerHeader
    /// The smoothed relaxation's solver.
    public let solver: InteriorPointQPSolver

    /// A layer for an explicit (mixed-integer) linear program whose first `costDimension` variables
    /// carry the predicted costs (default: all variables); integrality is dropped.
    /// - Throws: ``LayerError`` for `μ ≤ 0`, a malformed model or an infeasible relaxation.
    public init(
        program: MixedIntegerProgram, costDimension: Int? = nil, name: String = "LP",
        configuration: Configuration = Configuration()
    ) throws {
        let header = try SmoothedLayerHeader(
            "QP layer", program: program, costDimension: costDimension, name: name, smoothing: configuration.smoothing)
        let qp = DenseQuadraticProgram(
            smoothedRelaxationOf: program,
            quadraticWeight: configuration.convention.quadraticWeight(smoothing: configuration.smoothing))
        solver = try LayerError.prefixing(header.name) {
            try InteriorPointQPSolver(program: qp, configuration: configuration.solver)
        }
        self.configuration = configuration
        self.header = header
    }

    /// The linear term `q = sign·[ŷ; c_aux]` of the QP for predicted costs `ŷ`.
    private func linearTerm(_ costs: [Double]) -> [Double] {
        var q = solver.program.linear
        let sign = sense.sign
        for j in 0..<costDimension { q[j] = sign * costs[j] }
        return q
    }

    /// Solves the smoothed problem for one cost vector.
    /// - Throws: ``LayerError`` for a wrong-length or non-finite `costs`, or a solver failure.
    public func solve(_ costs: [Double]) throws -> QPSmoothingResult {
        try LayerError.validate(costs, expected: costDimension, what: "\(name) costs")
        let solution = try LayerError.prefixing(name) { try solver.solve(linear: linearTerm(costs)) }
        return QPSmoothingResult(solution: solution, costDimension: costDimension, sign: sense.sign)
    }

    /// Solves one smoothed problem per cost vector, in parallel on all cores.
    /// - Throws: the first failing instance's ``LayerError``, naming its index.
    public func solveBatch(_ costs: [[Double]]) throws -> [QPSmoothingResult] {
        try solveEachInstance(costs)
    }

    /// The scaled KKT residual of a result (`≈ 1e-12` at an exact solution).
    public func optimalityError(of result: QPSmoothingResult, costs: [Double]) -> Double {
        solver.optimalityError(of: result.solution, linear: linearTerm(costs))
    }

    /// The layer as a differentiable op: costs of shape `[d]` or `[B, d]` to decisions of the same
    /// shape. The backward pass reuses each instance's factored KKT system (in parallel).
    /// - Throws: ``LayerError`` for a wrong shape, non-finite costs or a solver failure.
    public func callAsFunction(_ costs: Variable) throws -> Variable {
        try differentiableOp(costs) { result, row in result.uncheckedCostGradient(row) }
    }
}

/// One solution of a ``QPSmoothingLayer`` with its backward pass.
public struct QPSmoothingResult: Sendable, SmoothedLayerResult {
    /// The full QP solution (primal, multipliers, iterations, residuals).
    public let solution: QPSolution
    /// Number of cost coefficients.
    public let costDimension: Int
    /// `+1` (minimize) or `−1` (maximize).
    let sign: Double

    /// The smoothed decision `v*(ŷ)` (first `costDimension` variables).
    public var decision: [Double] { Array(solution.primal[0..<costDimension]) }

    /// `∂L/∂ŷ` from `∂L/∂v*`: the exact vector–Jacobian product of the solution map.
    /// - Throws: ``LayerError`` `.dimensionMismatch` or `.nonFiniteInput` for a bad cotangent.
    public func costGradient(_ decisionCotangent: [Double]) throws -> [Double] {
        try LayerError.validate(decisionCotangent, expected: costDimension, what: "QP layer cotangent")
        return uncheckedCostGradient(decisionCotangent)
    }

    func uncheckedCostGradient(_ g: [Double]) -> [Double] {
        var full = [Double](repeating: 0, count: solution.primal.count)
        for j in 0..<costDimension { full[j] = g[j] }
        let dq = solution.uncheckedVectorJacobianProduct(full).linear
        return (0..<costDimension).map { sign * dq[$0] }
    }
}
