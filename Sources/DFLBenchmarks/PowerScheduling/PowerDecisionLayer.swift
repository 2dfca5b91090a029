import DFLImplicit
import DFLLinearAlgebra
import DFLOptimization
import DFLTensor
import Foundation

/// The DFL-QP baseline's differentiable decision layer (Donti et al. 2017, "DFL-QPTH").
///
/// Forward: `a*(μ, σ) = argmin_a Σ_h E_{N(μ_h, σ_h²)} f(y_h, a_h)` s.t. ramps, solved exactly by
/// ``RampConstrainedScheduler`` (the fixed point of Donti's SQP). Backward: the KKT sensitivity of
/// the *last* SQP subproblem `min ½ zᵀQz + pᵀz, Gz ≤ h` with `Q = diag((γ_u+γ_o)φ(z₀) + 1)`,
/// `p = (γ_u+γ_o)Φ(z₀) − γ_u − (Q − I)z₀ − μ` and `z₀ = a*` held constant — OptNet's
/// `∇_p ℓ = d_z`, `∇_Q ℓ = ½(d_z zᵀ + z d_zᵀ)` on the active ramp constraints, chained to `μ, σ`.
/// At the SQP fixed point this equals the implicit-function gradient of the argmin.
public struct PowerDecisionLayer: Sendable {
    /// The task.
    public let task: PowerScheduling
    /// The constrained solver.
    public let scheduler: RampConstrainedScheduler
    /// A ramp constraint counts as active when its slack is below this (default 1e-7).
    public var activeTolerance: Double = 1e-7

    /// Creates the layer.
    public init(task: PowerScheduling) {
        self.task = task
        scheduler = RampConstrainedScheduler(rampLimit: task.rampLimit)
    }

    /// Optimal decisions `[batch, hours]` for forecasts `[batch, hours]`, differentiable in both.
    /// - Throws: ``BenchmarkError`` when a forecast is invalid or a solve fails.
    public func callAsFunction(mean: Variable, standardDeviation: Variable) throws -> Variable {
        let B = mean.shape[0], H = mean.shape[1]
        let mu = mean.value.scalars, sigma = standardDeviation.value.scalars
        let scheduler = self.scheduler, task = self.task
        let decisions = try parallelMap(B) { b in
            try scheduler.optimalSchedule(
                for: task, mean: Array(mu[(b * H)..<((b + 1) * H)]),
                standardDeviation: Array(sigma[(b * H)..<((b + 1) * H)]))
        }
        let flat = decisions.flatMap { $0 }
        let tolerance = activeTolerance
        return Variable.record(Tensor(shape: [B, H], scalars: flat), parents: [mean, standardDeviation]) { g in
            var gm = [Double](repeating: 0, count: B * H), gs = gm
            for b in 0..<B {
                let range = (b * H)..<((b + 1) * H)
                let r = PowerDecisionLayer.pullback(
                    task: task, decision: decisions[b], mean: Array(mu[range]), standardDeviation: Array(sigma[range]),
                    cotangent: Array(g.scalars[range]), activeTolerance: tolerance)
                for h in 0..<H {
                    gm[b * H + h] = r.mean[h]
                    gs[b * H + h] = r.standardDeviation[h]
                }
            }
            return [Tensor(shape: [B, H], scalars: gm), Tensor(shape: [B, H], scalars: gs)]
        }
    }

    /// The last-QP KKT pullback for one day: maps `∂ℓ/∂z` to `(∂ℓ/∂μ, ∂ℓ/∂σ)`.
    public static func pullback(
        task: PowerScheduling, decision z: [Double], mean mu: [Double], standardDeviation sigma: [Double],
        cotangent gz: [Double], activeTolerance: Double = 1e-7
    ) -> (mean: [Double], standardDeviation: [Double]) {
        let H = z.count
        let g = task.underGenerationPenalty + task.overGenerationPenalty
        var q = [Double](repeating: 0, count: H)
        var u = q, phi = q
        for h in 0..<H {
            u[h] = (z[h] - mu[h]) / sigma[h]
            phi[h] = exp(-0.5 * u[h] * u[h]) * 0.3989422804014327
            q[h] = g * phi[h] / sigma[h] + 1
        }
        // Active ramp rows s_j (e_{j+1} − e_j).
        var active: [(Int, Double)] = []
        for j in 0..<(H - 1) {
            let d = z[j + 1] - z[j]
            if task.rampLimit - abs(d) <= activeTolerance { active.append((j, d >= 0 ? 1 : -1)) }
        }
        // The last subproblem's KKT conditions on the active rows, F = [Qz + p + G_Aᵀλ; G_A z − h_A],
        // differentiated by DFLImplicit's root VJP: K (dz, dλ) = −(gz, 0) with K = [[Q, G_Aᵀ], [G_A, 0]],
        // solved by its Schur complement S = G_A Q⁻¹ G_Aᵀ (Q diagonal), LU-factorized once.
        let k = active.count
        let activeRows = active, diagonal = q
        @Sendable func row(_ r: Int) -> [(Int, Double)] {
            let (j, sg) = activeRows[r]
            return [(j + 1, sg), (j, -sg)]
        }
        var s = [Double](repeating: 0, count: k * k)
        for r in 0..<k {
            for c in 0..<k {
                var total = 0.0
                for (i, gi) in row(r) { for (i2, gc) in row(c) where i == i2 { total += gi * gc / q[i] } }
                s[r * k + c] = total
            }
        }
        let schur =
            k == 0 ? nil : try? DenseLinearSolver(.lu).factorize(matrix: Matrix(rows: k, columns: k, elements: s))
        let kkt = FactoredLinearSolver(name: "ramp KKT (Schur complement)", size: H + k) { b in
            let q = diagonal
            // dz = Q⁻¹(b_z − G_Aᵀλ) with S λ = G_A Q⁻¹ b_z − b_λ; the λ correction is skipped when S is singular.
            var dz = [Double](repeating: 0, count: H)
            for h in 0..<H { dz[h] = b[h] / q[h] }
            guard let schur else { return dz + [Double](repeating: 0, count: k) }
            var rhs = [Double](repeating: 0, count: k)
            for r in 0..<k {
                for (i, gi) in row(r) { rhs[r] += gi * b[i] / q[i] }
                rhs[r] -= b[H + r]
            }
            guard let lambda = try? schur.solve(rhs) else { return dz + [Double](repeating: 0, count: k) }
            for r in 0..<k { for (i, gi) in row(r) { dz[i] -= gi * lambda[r] / q[i] } }
            return dz + lambda
        }
        // (∂F/∂(z, λ))ᵀ = K (symmetric); (∂F/∂p)ᵀ(u, v) = u, and ∂ℓ/∂Q_hh = u_h z_h below.
        let root = ImplicitRoot(
            size: H + k,
            solutionTransposedJacobian: { v in
                var out = (0..<H).map { q[$0] * v[$0] } + [Double](repeating: 0, count: k)
                for r in 0..<k {
                    for (i, gi) in row(r) {
                        out[i] += gi * v[H + r]
                        out[H + r] += gi * v[i]
                    }
                }
                return out
            },
            parameterTransposedJacobian: { Array($0[0..<H]) })
        let dz: [Double]
        do { dz = try root.vectorJacobianProduct(gz + [Double](repeating: 0, count: k), solver: kkt) } catch {
            preconditionFailure("PowerDecisionLayer: the KKT solve has the right sizes (\(error))")
        }
        // ∂ℓ/∂Q_hh = dz_h z_h, ∂ℓ/∂p_h = dz_h; chain through Q(μ, σ), p(μ, σ) with z₀ = z fixed.
        var gm = [Double](repeating: 0, count: H), gs = gm
        for h in 0..<H {
            let s = sigma[h], uh = u[h], ph = phi[h], z0 = z[h]
            let dQdMu = g * uh * ph / (s * s), dQdSigma = g * (uh * uh - 1) * ph / (s * s)
            let dPdMu = -g * ph / s - z0 * dQdMu - 1
            let dPdSigma = -g * uh * ph / s - z0 * dQdSigma
            let gq = dz[h] * z[h], gp = dz[h]
            gm[h] = gq * dQdMu + gp * dPdMu
            gs[h] = gq * dQdSigma + gp * dPdSigma
        }
        return (gm, gs)
    }
}

extension PowerScheduling {
    /// The mean daily task loss `mean_b f(y_b, a_b)` of decisions `[batch, hours]` as a variable.
    public func taskLoss(decisions a: Variable, loads y: Tensor) -> Variable {
        let d = Variable(y) - a
        let perEntry = underGenerationPenalty * relu(d) + overGenerationPenalty * relu(-d) + 0.5 * square(d)
        return sum(perEntry) / Double(a.shape[0])
    }
}
