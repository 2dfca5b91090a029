/// The norm-penalized smoothing of Top-1 selection, `argmax_v yᵀv − τ‖v‖₂` s.t. `1ᵀv ≤ 1, v ≥ 0`
/// (the smoothing paper's App. B / Table 2 as the authors' code computed it;
/// docs/papers/smoothing.md, "Norm smoothing").
///
/// Closed form: stationarity gives `v/‖v‖₂ = (y − λ)₊/τ`, so with `λ ≥ 0` solving
/// `‖(y − λ)₊‖₂ = τ` the solution is `v = (y − λ)₊ / 1ᵀ(y − λ)₊` when `‖y₊‖₂ > τ` (the budget is
/// spent), and `v = 0` otherwise (then `yᵀv − τ‖v‖₂ ≤ (‖y₊‖₂ − τ)‖v‖₂ ≤ 0`). `λ` is found exactly by
/// sorting `y` and solving one quadratic per candidate support size.
public enum NormSmoothedTopOne {
    /// The solution `v(y, τ)`.
    /// - Throws: ``LayerError`` for `τ ≤ 0`, an empty or a non-finite `y`.
    public static func solve(_ y: [Double], tau: Double) throws -> [Double] {
        guard tau > 0, tau.isFinite else {
            throw LayerError(.invalidConfiguration, "norm-smoothed Top-1: τ must be positive and finite, got \(tau)")
        }
        guard !y.isEmpty else { throw LayerError(.dimensionMismatch, "norm-smoothed Top-1: y is empty") }
        try LayerError.validate(y, expected: y.count, what: "norm-smoothed Top-1 values")
        let positiveNorm = y.reduce(0) { $0 + max($1, 0) * max($1, 0) }.squareRoot()
        if positiveNorm <= tau { return [Double](repeating: 0, count: y.count) }
        let sorted = y.sorted(by: >)
        // With support = the k largest values, ‖(y − λ)₊‖² = Σ (y_i − λ)² = τ² is
        // kλ² − 2Sλ + (Q − τ²) = 0; on λ < y_(k) ≤ S/k the left side decreases, so the smaller root
        // is the candidate, kept if y_(k+1) ≤ λ < y_(k).
        var lambda = 0.0
        var sum = 0.0, squares = 0.0
        for k in 1...sorted.count {
            let value = sorted[k - 1]
            sum += value
            squares += value * value
            let kk = Double(k)
            let disc = sum * sum - kk * (squares - tau * tau)
            guard disc >= 0 else { continue }
            let root = (sum - disc.squareRoot()) / kk
            let next = k < sorted.count ? sorted[k] : -Double.infinity
            if root < value, root >= next {
                lambda = root
                break
            }
        }
        lambda = max(lambda, 0)
        let shifted = y.map { max($0 - lambda, 0) }
        let total = shifted.reduce(0, +)
        return shifted.map { $0 / total }
    }
}
