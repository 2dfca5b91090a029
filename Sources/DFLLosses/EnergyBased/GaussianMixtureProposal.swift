import DFLRandom
import Foundation

/// The So-EBM proposal `π(a | x) = (1/K) Σ_k N(a; a*, σ_k² I)`: an equal-weight mixture of
/// isotropic Gaussians centred at the optimal decision (contrastive-divergence-like: samples
/// start at the data). One component is drawn per sample.
public struct GaussianMixtureProposal: Sendable, Equatable {
    /// The component standard deviations `σ_k` (So-EBM's power code: 0.1, 0.05, 0.02).
    public var standardDeviations: [Double]

    /// Creates a proposal.
    /// - Throws: ``LossError/invalidHyperparameter(_:)`` when empty or a `σ_k ≤ 0`.
    public init(standardDeviations: [Double]) throws {
        guard !standardDeviations.isEmpty, standardDeviations.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw LossError.invalidHyperparameter(
                "standardDeviations: need at least one positive σ_k, got \(standardDeviations)")
        }
        self.standardDeviations = standardDeviations
    }

    /// Draws `count` samples around `center` into `out` (appended, row-major `count × D`) and
    /// returns their log densities.
    public func sample(around center: [Double], count: Int, rng: inout SeededGenerator, into out: inout [Double])
        -> [Double]
    {
        var logDensities = [Double](repeating: 0, count: count)
        var point = [Double](repeating: 0, count: center.count)
        for s in 0..<count {
            let k = rng.integer(in: 0..<standardDeviations.count)
            let sd = standardDeviations[k]
            for d in 0..<center.count { point[d] = center[d] + sd * rng.normal() }
            out += point
            logDensities[s] = logDensity(point, center: center)
        }
        return logDensities
    }

    /// `log π(a | x)` for the mixture centred at `center`.
    public func logDensity(_ a: [Double], center: [Double]) -> Double {
        var squared = 0.0
        for d in 0..<a.count {
            let r = a[d] - center[d]
            squared += r * r
        }
        let dim = Double(a.count)
        var terms = standardDeviations.map { sd in -dim * log(sd) - squared / (2 * sd * sd) }
        let top = terms.max() ?? 0
        for i in 0..<terms.count { terms[i] = exp(terms[i] - top) }
        return top + log(terms.reduce(0, +) / Double(standardDeviations.count)) - 0.5 * dim * log(2 * Double.pi)
    }
}

/// Self-normalized importance weights `w_m ∝ exp(logTarget_m − logProposal_m)` (summing to 1).
public func selfNormalizedWeights(logTarget: [Double], logProposal: [Double]) -> [Double] {
    precondition(logTarget.count == logProposal.count, "selfNormalizedWeights: length mismatch")
    var w = zip(logTarget, logProposal).map { $0 - $1 }
    let top = w.max() ?? 0
    var total = 0.0
    for i in 0..<w.count {
        w[i] = exp(w[i] - top)
        total += w[i]
    }
    return w.map { $0 / total }
}
