import DFLOptimization
import DFLTensor

/// A result of a smoothed LP layer: the decision `v*(ŷ)` over the first `costDimension` variables.
protocol SmoothedLayerResult: Sendable {
    /// The decision (first `costDimension` variables).
    var decision: [Double] { get }
}

/// The batch entry points shared by the smoothed LP layers (``QPSmoothingLayer``,
/// ``DavisYinLayer``, ``NormSmoothingLayer``): the parallel batch solve that names the failing
/// instance, and the differentiable op that checks the cost shape, solves every row and records the
/// per-row vector–Jacobian products. Each layer supplies only its single solve and its backward row.
protocol SmoothedLayerBatch: Sendable {
    /// What one solve returns.
    associatedtype Result: SmoothedLayerResult
    /// Number of cost coefficients.
    var costDimension: Int { get }
    /// Name used in error messages.
    var name: String { get }
    /// Solves for one cost vector.
    func solve(_ costs: [Double]) throws -> Result
}

extension SmoothedLayerBatch {
    /// One ``solve(_:)`` per cost vector, in parallel; a ``LayerError`` gets `[instance i]` appended.
    func solveEachInstance(_ costs: [[Double]]) throws -> [Result] {
        try parallelMap(costs.count) { i in
            do { return try solve(costs[i]) } catch let e as LayerError {
                throw LayerError(e.reason, "\(e.message) [instance \(i)]")
            }
        }
    }

    /// The layer as a differentiable op on costs of shape `[d]` or `[B, d]`: solves every row with
    /// ``solveEachInstance(_:)`` and records a pullback that maps each row's cotangent by `rowGradient` (in
    /// parallel; a failing row gives an empty gradient, as before).
    /// - Throws: ``LayerError`` `.dimensionMismatch` for a wrong shape, or what a row's solve throws.
    func differentiableOp(
        _ costs: Variable, rowGradient: @escaping @Sendable (Result, [Double]) throws -> [Double]
    ) throws -> Variable {
        let shape = costs.shape
        guard shape.count == 1 || shape.count == 2, shape.last == costDimension else {
            throw LayerError(
                .dimensionMismatch,
                "\(name): costs must have shape [\(costDimension)] or [B, \(costDimension)], got \(shape)")
        }
        let batch = shape.count == 2 ? shape[0] : 1
        let d = costDimension
        let results = try solveEachInstance((0..<batch).map { Array(costs.value.scalars[($0 * d)..<(($0 + 1) * d)]) })
        let value = Tensor(shape: shape, scalars: results.flatMap(\.decision))
        return Variable.record(value, parents: [costs]) { cotangent in
            let grads =
                (try? parallelMap(batch) { i in
                    try rowGradient(results[i], Array(cotangent.scalars[(i * d)..<((i + 1) * d)]))
                }) ?? []
            return [Tensor(shape: shape, scalars: grads.flatMap { $0 })]
        }
    }
}
