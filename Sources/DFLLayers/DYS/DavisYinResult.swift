/// One Davis–Yin solve: the decision, convergence information, and what its backward pass needs.
public struct DavisYinResult: Sendable, SmoothedLayerResult {
    /// The smoothed decision `x = P₂(z)` (first `costDimension` variables).
    public let decision: [Double]
    /// Iterations run (not counting the Jacobian-free step).
    public let iterations: Int
    /// Whether the fixed-point residual reached the tolerance (always `true` in fixed-iteration mode).
    public let converged: Bool
    /// Last fixed-point residual `‖x_{k+1} − x_k‖∞`.
    public let fixedPointResidual: Double
    /// `max |A x − b|` of the returned point (it lies in the box exactly, on the affine set only in
    /// the limit).
    public let equalityViolation: Double
    /// The layer's residual: `max(fixedPointResidual, equalityViolation)`.
    public var optimalityError: Double { max(fixedPointResidual, equalityViolation) }

    /// Box-interior masks of `P₂` per recorded step (row-major `steps × size`): all iterations for
    /// the unrolled backward, the final step only for the Jacobian-free one.
    let masks: [Bool]
    /// Number of recorded steps in `masks` (the final output projection included).
    let recordedSteps: Int
    /// `+1` (minimize) or `−1` (maximize).
    let sign: Double
    /// The step size of each recorded step when it varies (the authors' decay schedule); empty for
    /// the constant step.
    var stepSizes: [Double] = []
}
