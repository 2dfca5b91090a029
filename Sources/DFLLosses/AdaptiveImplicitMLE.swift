import DFLTensor
import Foundation
import Synchronization

/// Adaptive implicit MLE, AI-MLE (Minervini, Franceschi & Niepert 2023, "Adaptive perturbation-based
/// gradient estimation for discrete latent variable models", AAAI; PyEPO's `adaptiveImplicitMLE`):
/// I-MLE (``ImplicitMLE``: sum-of-gamma noise, K samples, σ, one-sided) whose step is chosen per
/// batch as `λ = α‖Ĉ‖/‖∂L/∂W̄‖` (Frobenius norms over the batch; the regret's upstream gradient is
/// the true costs), so the perturbation stays commensurate with the predictions.
///
/// The magnitude α starts at 1 and moves after every batch, as PyEPO's: the gradient's density
/// `ρ` (the fraction of its entries above 1e-8 in magnitude) enters a moving average
/// `ρ̄ ← 0.9ρ̄ + 0.1ρ` (`ρ̄₀ = 1`), and α grows by 1e-3 while `ρ̄ < 1`, else shrinks by 1e-3 (not
/// below 0). The state lives in the loss, so one instance serves one run; a resumed run restarts it.
public final class AdaptiveImplicitMLE: DecisionLoss {
    /// `"aimle"`.
    public let name = "aimle"
    /// The I-MLE settings (its `lambda` is not used: the step is adaptive).
    public let base: ImplicitMLE
    /// How much α moves per batch.
    public let step = 1e-3

    /// α and the moving average of the gradient's density.
    public struct State: Sendable, Equatable {
        /// The magnitude α.
        public var alpha = 1.0
        /// The moving average ρ̄ of the gradient's density.
        public var density = 1.0

        /// A state (default: the start, α = 1 and ρ̄ = 1).
        public init(alpha: Double = 1, density: Double = 1) {
            self.alpha = alpha
            self.density = density
        }
    }

    private let state = Mutex(State())

    /// The current α and ρ̄.
    public var current: State { state.withLock { $0 } }

    /// Creates the loss (defaults: 10 samples, σ = 1, κ = 5, as PyEPO).
    public init(samples: Int = 10, sigma: Double = 1, kappa: Double = 5) {
        base = ImplicitMLE(samples: samples, sigma: sigma, lambda: 1, kappa: kappa)
    }

    /// Batch-mean regret of the perturbed solution with AI-MLE's gradient; updates α.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let predictedNorm = rows.reduce(0) { $0 + dot($1, $1) }.squareRoot()
        let upstreamNorm = batch.costs.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let alpha = current.alpha
        let lambda = upstreamNorm > 0 && predictedNorm > 0 ? alpha * predictedNorm / upstreamNorm : 0
        guard lambda > 0 else {
            // No step (zero predictions or costs): the regret with a zero gradient, as PyEPO's `λ = 0`.
            let wBar = try base.averages(rows, batch: batch, context: context, lambda: 1).wBar
            return base.loss(predicted, batch: batch, context: context, lambda: 1, wBar: wBar, wLambda: wBar)
        }
        let (wBar, wLambda) = try base.averages(rows, batch: batch, context: context, lambda: lambda)
        var nonzero = 0
        for i in 0..<batch.count {
            for j in 0..<batch.dimension where abs(wLambda[i][j] - wBar[i][j]) / lambda > 1e-8 { nonzero += 1 }
        }
        let density = Double(nonzero) / Double(batch.count * batch.dimension)
        state.withLock { s in
            s.density = 0.9 * s.density + 0.1 * density
            s.alpha = s.density < 1 ? s.alpha + step : max(0, s.alpha - step)
        }
        return base.loss(predicted, batch: batch, context: context, lambda: lambda, wBar: wBar, wLambda: wLambda)
    }
}
