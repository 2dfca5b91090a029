import DFLRandom
import DFLTensor
import Foundation

/// Implicit maximum-likelihood estimation I-MLE (Niepert et al. 2021, NeurIPS), with PyEPO's
/// defaults: sum-of-gamma noise (κ = 5, 10 terms), K = 10 samples, σ = 1, λ = 10, one-sided.
///
/// Forward `w̄ = (1/K) Σ_k w*(ĉ + σε_k)`, task loss the regret of `w̄`. Backward (minimization form):
/// `w̄_λ` is the same average at `ĉ + λ ∂L/∂w̄` under the same noise, and the gradient is `(w̄_λ − w̄)/λ`.
public struct ImplicitMLE: DecisionLoss {
    /// `"imle"`.
    public let name = "imle"
    /// Samples K.
    public var samples: Int
    /// Noise scale σ.
    public var sigma: Double
    /// Finite-difference step λ.
    public var lambda: Double
    /// Sum-of-gamma shape κ.
    public var kappa: Double
    /// Terms of the sum-of-gamma noise.
    public var noiseTerms: Int = 10

    /// Creates the loss.
    public init(samples: Int = 10, sigma: Double = 1, lambda: Double = 10, kappa: Double = 5) {
        self.samples = samples
        self.sigma = sigma
        self.lambda = lambda
        self.kappa = kappa
    }

    /// Sum-of-gamma noise: `(Σ_{i=1..T} Gamma(1/κ, κ/i) − log T) / κ`, whose sum over κ draws is Gumbel.
    public static func sumOfGamma(kappa: Double, terms: Int, rng: inout SeededGenerator) -> Double {
        var s = 0.0
        for i in 1...terms { s += rng.gamma(shape: 1 / kappa) * kappa / Double(i) }
        return (s - log(Double(terms))) / kappa
    }

    /// Batch-mean regret of the perturbed solution with I-MLE's gradient.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let (wBar, wLambda) = try averages(rows, batch: batch, context: context, lambda: lambda)
        return loss(predicted, batch: batch, context: context, lambda: lambda, wBar: wBar, wLambda: wLambda)
    }

    /// The noisy averages under one draw of the noise: `w̄` at `ĉ` and `w̄_λ` at `ĉ + λc` (minimization
    /// form; the upstream gradient of the regret is `c`).
    func averages(_ rows: [[Double]], batch: LossBatch, context: LossContext, lambda: Double) throws -> (
        wBar: [[Double]], wLambda: [[Double]]
    ) {
        let s = context.oracle.sense.sign
        let d = batch.dimension
        var rng = SeededGenerator(seed: context.seed)
        let noise = (0..<batch.count).map { _ in
            (0..<samples).map { _ in
                (0..<d).map { _ in ImplicitMLE.sumOfGamma(kappa: kappa, terms: noiseTerms, rng: &rng) }
            }
        }
        func average(_ base: [[Double]]) throws -> [[Double]] {
            let q = (0..<batch.count).flatMap { i in
                noise[i].map { e in (0..<d).map { base[i][$0] + s * sigma * e[$0] } }
            }
            let sols = try context.oracle.solveBatch(q)
            return (0..<batch.count).map { i in
                (0..<d).map { j in
                    (0..<samples).map { sols[i * samples + $0].decision[j] }.reduce(0, +) / Double(samples)
                }
            }
        }
        let shifted = (0..<batch.count).map { i in zip(rows[i], batch.cost(i)).map { $0 + lambda * $1 } }
        return (try average(rows), try average(shifted))
    }

    /// The batch-mean regret of `w̄` with the gradient `(w̄_λ − w̄)/λ`.
    func loss(
        _ predicted: Variable, batch: LossBatch, context: LossContext, lambda: Double, wBar: [[Double]],
        wLambda: [[Double]]
    ) -> Variable {
        let s = context.oracle.sense.sign
        return meanLoss(predicted, count: batch.count) { i in
            let value = regretValue(batch.cost(i), wBar[i], batch.objectives[i], s)
            return (value, (0..<batch.dimension).map { s * (wLambda[i][$0] - wBar[i][$0]) / lambda })
        }
    }
}
