import DFLRandom
import DFLTensor
import Foundation

/// Hyper-parameters of So-EBM training (defaults from the authors' power-scheduling code).
public struct SoEBMConfiguration: Sendable, Codable, Equatable {
    /// How the model-distribution expectation `E_{q(ã|x)}[∂E/∂θ]` is estimated.
    public enum NegativeSampler: Sendable, Codable, Equatable {
        /// Self-normalized importance sampling with the Gaussian-mixture proposal (the paper).
        case importanceSampling
        /// Contrastive-divergence Langevin dynamics from `a*` (CD-LD ablation; the authors' code for
        /// the MLE term): `a ← a − stepSize·∇ₐE + noise·ε`, `steps` times, model frozen.
        case langevin(steps: Int, stepSize: Double, noise: Double)
    }

    /// How the oracle weights `v_m` of the KL term are formed.
    public enum OracleWeighting: String, Sendable, Codable, Equatable, CaseIterable {
        /// `v_m ∝ exp(−f(y, a_m)) / π(a_m)`: the paper's posterior `p(a|y) ∝ exp(−f(y, a))`.
        case posterior
        /// `v_m ∝ f(y, a_m) / π(a_m)`: what the authors' code computes
        /// (docs/papers/energy.md, "What the authors' code does instead").
        case referenceCode
    }

    /// Proposal samples per datum `M` (default 128).
    public var sampleCount: Int
    /// Mixture component standard deviations `σ_k` (default 0.1, 0.05, 0.02; K = 3).
    public var proposalStandardDeviations: [Double]
    /// Weight of the NLL (MLE) term (default 1; 0 for "w/o MLE").
    public var mleWeight: Double
    /// `λ`, weight of the KL term (default 0.01; 0 for "w/o KL").
    public var klWeight: Double
    /// The negative sampler (default importance sampling).
    public var negativeSampler: NegativeSampler
    /// The oracle weighting (default the paper's posterior).
    public var oracleWeighting: OracleWeighting

    /// Creates a configuration; see each property for its default.
    public init(
        sampleCount: Int = 128, proposalStandardDeviations: [Double] = [0.1, 0.05, 0.02], mleWeight: Double = 1,
        klWeight: Double = 0.01, negativeSampler: NegativeSampler = .importanceSampling,
        oracleWeighting: OracleWeighting = .posterior
    ) {
        self.sampleCount = sampleCount
        self.proposalStandardDeviations = proposalStandardDeviations
        self.mleWeight = mleWeight
        self.klWeight = klWeight
        self.negativeSampler = negativeSampler
        self.oracleWeighting = oracleWeighting
    }
}

/// The So-EBM training objective (Kong et al. 2022, Eq. 3–6): a surrogate scalar whose gradient is
/// ```
/// E[∂E(a*)/∂θ − E_q ∂E(ã)/∂θ] + λ E[E_{p(â|y)} ∂E(â)/∂θ − E_q ∂E(ã)/∂θ]
/// ```
/// with both expectations over actions estimated by self-normalized importance sampling from a
/// Gaussian mixture centred at `a*` (or Langevin dynamics for the CD-LD variant):
/// `L = mle·(E(a*) − Σ sg(w_m) E(a_m)) + λ (Σ sg(v_m) E(a_m) − Σ sg(w_m) E(a_m))`, averaged over
/// the batch. The energy itself is supplied by the application (closed form or Monte Carlo).
///
/// References: L. Kong, J. Cui, Y. Zhuang, R. Feng, B. A. Prakash, C. Zhang, "End-to-end
/// Stochastic Optimization with Energy-based Model", NeurIPS 2022.
public struct SoEBMObjective: Sendable {
    /// The hyper-parameters.
    public let configuration: SoEBMConfiguration
    /// The proposal built from the configuration.
    public let proposal: GaussianMixtureProposal

    /// Creates the objective.
    /// - Throws: ``LossError/invalidHyperparameter(_:)`` for a bad configuration.
    public init(configuration: SoEBMConfiguration = SoEBMConfiguration()) throws {
        guard configuration.sampleCount >= 1 else {
            throw LossError.invalidHyperparameter("sampleCount: must be ≥ 1, got \(configuration.sampleCount)")
        }
        guard configuration.klWeight >= 0, configuration.mleWeight >= 0 else {
            throw LossError.invalidHyperparameter("weights: mleWeight and klWeight must be ≥ 0")
        }
        if case .langevin(let steps, let step, let noise) = configuration.negativeSampler {
            guard steps >= 1, step > 0, noise >= 0 else {
                throw LossError.invalidHyperparameter("langevin: need steps ≥ 1, stepSize > 0, noise ≥ 0")
            }
        }
        self.configuration = configuration
        proposal = try GaussianMixtureProposal(standardDeviations: configuration.proposalStandardDeviations)
    }

    /// The surrogate loss for a batch.
    ///
    /// - Parameters:
    ///   - optimalDecisions: `a*_b` for each datum, row-major `[batch × dimension]`.
    ///   - D: Decision dimension.
    ///   - energy: Maps decisions `[batch, count, D]` to energies `[batch, count]` (differentiable in θ).
    ///   - taskLoss: `f(y_b, a)` for datum `b` (oracle weights).
    ///   - decisionGradient: `∂E/∂a` at `[batch, count, D]` (needed only for Langevin).
    ///   - rng: Source of the proposal samples.
    /// - Returns: A scalar variable whose gradient is the So-EBM estimator.
    /// - Throws: ``LossError`` for sizes that disagree, a missing `decisionGradient` under Langevin
    ///   dynamics, or a non-finite energy; whatever `energy` throws.
    public func loss(
        optimalDecisions: [Double], dimension D: Int, energy: (Tensor) throws -> Variable,
        taskLoss: (Int, [Double]) -> Double,
        decisionGradient: ((Tensor) -> Tensor)? = nil, rng: inout SeededGenerator
    ) throws -> Variable {
        guard D >= 1, optimalDecisions.count % D == 0, !optimalDecisions.isEmpty else {
            throw LossError.invalidHyperparameter(
                "optimalDecisions: count \(optimalDecisions.count) is not a positive multiple of \(D)")
        }
        let B = optimalDecisions.count / D
        let M = configuration.sampleCount
        var langevin: [Double]? = nil
        if case .langevin(let steps, let stepSize, let noise) = configuration.negativeSampler {
            guard let decisionGradient else {
                throw LossError.invalidHyperparameter("decisionGradient: Langevin dynamics needs ∂E/∂a")
            }
            var a = optimalDecisions
            for _ in 0..<steps {
                let g = decisionGradient(Tensor(shape: [B, 1, D], scalars: a)).scalars
                for i in 0..<a.count { a[i] += -stepSize * g[i] + noise * rng.normal() }
            }
            langevin = a
        }
        let extra = 1 + (langevin == nil ? 0 : 1)
        let N = extra + M
        var decisions: [Double] = []
        decisions.reserveCapacity(B * N * D)
        var logProposal = [[Double]](repeating: [], count: B)
        for b in 0..<B {
            let center = Array(optimalDecisions[(b * D)..<((b + 1) * D)])
            decisions += center
            if let langevin { decisions += langevin[(b * D)..<((b + 1) * D)] }
            logProposal[b] = proposal.sample(around: center, count: M, rng: &rng, into: &decisions)
        }
        let decisionTensor = Tensor(shape: [B, N, D], scalars: decisions)
        let energies = try energy(decisionTensor)
        guard energies.shape == [B, N] else {
            throw LossError.invalidHyperparameter("energy: expected shape [\(B), \(N)], got \(energies.shape)")
        }
        guard energies.value.isFinite else { throw LossError.numericalFailure("SoEBMObjective: non-finite energy") }
        let mle = configuration.mleWeight, lambda = configuration.klWeight
        var coefficients = [Double](repeating: 0, count: B * N)
        for b in 0..<B {
            let e = Array(energies.value.scalars[(b * N + extra)..<((b + 1) * N)])
            let model = selfNormalizedWeights(logTarget: e.map { -$0 }, logProposal: logProposal[b])
            var oracleLog = [Double](repeating: 0, count: M)
            for m in 0..<M {
                let start = (b * N + extra + m) * D
                let f = taskLoss(b, Array(decisions[start..<(start + D)]))
                switch configuration.oracleWeighting {
                case .posterior: oracleLog[m] = -f
                case .referenceCode: oracleLog[m] = log(max(f, 1e-300))
                }
            }
            let oracle = selfNormalizedWeights(logTarget: oracleLog, logProposal: logProposal[b])
            coefficients[b * N] = mle
            if langevin != nil {
                coefficients[b * N + 1] = -mle - lambda
                for m in 0..<M { coefficients[b * N + extra + m] = lambda * oracle[m] }
            } else {
                for m in 0..<M { coefficients[b * N + extra + m] = -mle * model[m] + lambda * (oracle[m] - model[m]) }
            }
        }
        return sum(energies * Tensor(shape: [B, N], scalars: coefficients)) / Double(B)
    }
}
