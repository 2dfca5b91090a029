import DFLQuadraticProgramming

/// One solution of a ``NormSmoothingLayer`` with its backward pass.
public struct NormSmoothingResult: Sendable, SmoothedLayerResult {
    /// The solution of the equivalent QP `min (q/w)ᵀx + ½‖x‖²` (all variables); `nil` for `v = 0`.
    public let solution: QPSolution?
    /// The QP weight `w = τ/‖v*‖` at the solution.
    public let weight: Double
    /// Number of cost coefficients.
    public let costDimension: Int
    /// QP solves spent by the root search (bracketing and Newton steps).
    public let rootSteps: Int
    /// The decision `v*(ŷ)` (first `costDimension` variables).
    public let decision: [Double]
    let linear: [Double]
    let sign: Double
    /// `Jᵀu`, `u = x/‖x‖`.
    let normalDirectionPullback: [Double]
    /// `φ'(w)` at the root.
    let slope: Double

    init(
        solution: QPSolution, weight: Double, linear: [Double], costDimension: Int, sign: Double,
        normalDirectionPullback: [Double], slope: Double, rootSteps: Int
    ) {
        self.solution = solution
        self.weight = weight
        self.linear = linear
        self.costDimension = costDimension
        self.sign = sign
        self.normalDirectionPullback = normalDirectionPullback
        self.slope = slope
        self.rootSteps = rootSteps
        decision = Array(solution.primal[0..<costDimension])
    }

    private init(costDimension d: Int, variableCount n: Int, weight: Double, sign: Double) {
        solution = nil
        self.weight = weight
        linear = [Double](repeating: 0, count: n)
        costDimension = d
        self.sign = sign
        normalDirectionPullback = []
        slope = 0
        rootSteps = 0
        decision = [Double](repeating: 0, count: d)
    }

    /// The solution `v = 0` (locally constant, zero gradient).
    static func zero(costDimension d: Int, variableCount n: Int, weight: Double, sign: Double) -> NormSmoothingResult {
        NormSmoothingResult(costDimension: d, variableCount: n, weight: weight, sign: sign)
    }

    /// `∂L/∂ŷ` from `∂L/∂v*`: the vector–Jacobian product through the QP and the root `w(ŷ)`,
    /// `∂L/∂q = a/w + (aᵀq/(w²φ'(w))) Jᵀu` with `a = Jᵀg`. Where `φ'(w) = 0` (a plateau of
    /// solutions, the norm problem's optimum is not unique) the `w`-term is dropped.
    /// - Throws: ``LayerError`` for a wrong-length or non-finite cotangent.
    public func costGradient(_ g: [Double]) throws -> [Double] {
        try LayerError.validate(g, expected: costDimension, what: "norm layer cotangent")
        guard let solution else { return [Double](repeating: 0, count: costDimension) }
        var full = [Double](repeating: 0, count: solution.primal.count)
        for j in 0..<costDimension { full[j] = g[j] }
        let a = try LayerError.lifting { try solution.vectorJacobianProduct(full).linear }
        let w = weight
        var aq = 0.0
        for j in 0..<a.count { aq += a[j] * linear[j] }
        let normX = solution.primal.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let coefficient = slope > 1e-12 * max(normX, 1e-300) ? aq / (w * w * slope) : 0
        return (0..<costDimension).map { sign * (a[$0] / w + coefficient * normalDirectionPullback[$0]) }
    }
}
