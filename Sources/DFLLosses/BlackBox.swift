import DFLTensor

/// Regret of a decision: `s·(cᵀw − z*)` (≥ 0), with `s` = +1 for minimization and −1 for maximization.
@inline(__always) func regretValue(_ c: [Double], _ w: [Double], _ zStar: Double, _ s: Double) -> Double {
    s * (dot(c, w) - zStar)
}

/// Differentiable black-box optimization DBB (Vlastelica et al. 2020, "Differentiation of blackbox
/// combinatorial solvers", ICLR), with PyEPO's task loss, the regret `|cᵀŵ − z*|` of `ŵ = w*(ĉ)`.
///
/// Backward: in minimization form, `w_λ = argmin (ĉ + λ ∂L/∂ŵ)ᵀw` and the gradient is
/// `(w_λ − ŵ)/λ` (maximization: the same on negated costs). Two solves per instance. λ = 10 (PyEPO).
public struct DifferentiableBlackBox: DecisionLoss {
    /// `"dbb"`.
    public let name = "dbb"
    /// Interpolation strength λ.
    public var lambda: Double

    /// Creates the loss (λ = 10).
    public init(lambda: Double = 10) { self.lambda = lambda }

    /// Batch-mean regret with DBB's gradient.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let solved = try SolvedPredictions(predicted, batch, context)
        let s = solved.sign
        // ∂L/∂ŵ = s·c; in minimization form the shifted costs s·ĉ + λ s c map back to ĉ + λc.
        let shifted = (0..<batch.count).map { i in zip(solved.rows[i], batch.cost(i)).map { $0 + lambda * $1 } }
        let lambdaSols = try context.oracle.solveBatch(shifted)
        return meanLoss(predicted, count: batch.count) { i in
            let w = solved.decisions[i], wl = lambdaSols[i].decision
            let value = regretValue(batch.cost(i), w, batch.objectives[i], s)
            return (value, (0..<batch.dimension).map { s * (wl[$0] - w[$0]) / lambda })
        }
    }
}

/// Negative identity NID (Sahoo et al. 2023, "Backpropagation through combinatorial algorithms:
/// identity with projection works", ICLR): the solver's Jacobian is replaced by `−I` in
/// minimization form. With the regret task loss the gradient is `−c` for either sense. One solve.
public struct NegativeIdentity: DecisionLoss {
    /// `"nid"`.
    public let name = "nid"
    /// Creates the loss.
    public init() {}

    /// Batch-mean regret with the negative-identity gradient.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        try SolvedPredictions.meanLoss(predicted, batch, context) { i, solved in
            let c = batch.cost(i)
            let value = regretValue(c, solved.decisions[i], batch.objectives[i], solved.sign)
            // dL/dŵ = s·c; NID in minimization form: dL/d(sĉ) = −dL/dŵ; so dL/dĉ = s·(−s c) = −c.
            return (value, c.map { -$0 })
        }
    }
}

/// Differentiable perturbed optimizer DPO (Berthet et al. 2020): `ŵ = (1/K) Σ_k w*(ĉ + σξ_k)`,
/// trained with the squared decision error `mean((ŵ − w*)²)` (PyEPO's tutorial). Backward: the
/// Gaussian-smoothing estimator `J ≈ (1/(Kσ)) Σ_k w_k ξ_kᵀ` with a leave-one-out baseline on
/// `gᵀw_k` for variance reduction. K solves per instance (PyEPO: K = 10, σ = 1).
///
/// DPOMul (`multiplicative`; Dalle et al. 2022, PyEPO's `perturbedOptMul`) solves at
/// `ĉ ⊙ exp(σξ_k − σ²/2)`, which keeps each cost's sign; the score of that log-normal law gives
/// the estimator `J_{·j} ≈ (1/(Kσĉ_j)) Σ_k w_k ξ_kj` (`|σĉ_j|` kept ≥ 1e-8 with its sign, as PyEPO).
public struct PerturbedOptimizer: DecisionLoss {
    /// `"dpo"`, or `"dpomul"` for multiplicative noise.
    public var name: String { multiplicative ? "dpomul" : "dpo" }
    /// Samples K.
    public var samples: Int
    /// Noise scale σ.
    public var sigma: Double
    /// Multiplicative (sign-preserving) instead of additive noise.
    public var multiplicative: Bool

    /// Creates the loss (defaults: 10 samples, σ = 1, additive noise).
    public init(samples: Int = 10, sigma: Double = 1, multiplicative: Bool = false) {
        self.samples = samples
        self.sigma = sigma
        self.multiplicative = multiplicative
    }

    /// Batch-mean squared error of the perturbed solution, with the smoothing estimator's gradient.
    public func callAsFunction(_ predicted: Variable, batch: LossBatch, context: LossContext) throws -> Variable {
        let rows = try validatedRows(predicted, batch)
        let d = batch.dimension
        let perturbed = try PerturbedSolutions(
            rows: rows, samples: samples,
            perturbation: multiplicative ? .multiplicative(sigma: sigma) : .additive(scale: sigma), context: context)
        let K = Double(samples)
        return meanLoss(predicted, count: batch.count) { i in
            let wStar = batch.solution(i)
            let wBar = perturbed.meanDecision(i)
            let value = (0..<d).map { (wBar[$0] - wStar[$0]) * (wBar[$0] - wStar[$0]) }.reduce(0, +) / Double(d)
            let g = (0..<d).map { 2 * (wBar[$0] - wStar[$0]) / Double(d) }
            let proj = (0..<samples).map { dot(g, perturbed.decision(i, $0)) }
            let total = proj.reduce(0, +)
            // The score's scale: σ (additive), or σĉ_j kept away from zero with its sign (multiplicative).
            let scale = (0..<d).map { j -> Double in
                guard multiplicative else { return sigma }
                let raw = sigma * rows[i][j]
                return abs(raw) < 1e-8 ? (raw >= 0 ? 1e-8 : -1e-8) : raw
            }
            var grad = [Double](repeating: 0, count: d)
            for k in 0..<samples {
                let baseline = samples > 1 ? (total - proj[k]) / (K - 1) : 0
                for j in 0..<d { grad[j] += (proj[k] - baseline) * perturbed.noise[i][k][j] / (K * scale[j]) }
            }
            return (value, grad)
        }
    }
}
