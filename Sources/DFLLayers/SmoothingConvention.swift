/// How the smoothing strength `μ` enters the quadratic regularizer of a smoothed LP.
///
/// The smoothing paper is inconsistent by a factor 2 (its Eq. 3 writes `ŷᵀv + μ‖v‖²`, App. B and
/// the DYS step `(2 − αμ)` assume `(μ/2)‖v‖²`); DFLKit follows the issue and Eq. 3 by default and
/// offers the other convention explicitly. See docs/layers.md.
public enum SmoothingConvention: String, Sendable, Codable, CaseIterable {
    /// `ŷᵀv + μ‖v‖²` (the smoothing paper's Eq. 3; Hessian `2μI`). The default.
    case squaredNorm
    /// `ŷᵀv + (μ/2)‖v‖²` (the paper's App. B; Hessian `μI`).
    case halfSquaredNorm

    /// The diagonal of the Hessian for smoothing `μ`: `2μ` or `μ`.
    public func quadraticWeight(smoothing mu: Double) -> Double {
        self == .squaredNorm ? 2 * mu : mu
    }

    /// Checks `μ > 0` and finite.
    /// - Throws: ``LayerError`` `.invalidConfiguration` naming the layer.
    static func validate(smoothing mu: Double, layer: String) throws {
        guard mu > 0, mu.isFinite else {
            throw LayerError(
                .invalidConfiguration,
                "\(layer): smoothing μ must be positive and finite, got \(mu) (μ ≤ 0 gives an LP whose solution map is piecewise constant)"
            )
        }
    }
}
