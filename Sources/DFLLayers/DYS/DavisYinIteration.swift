import DFLImplicit
import Foundation

/// The Davis–Yin fixed-point iteration on plain arrays (see ``DavisYinLayer`` for the formulas).
struct DavisYinIteration {
    let form: DavisYinStandardForm
    let q: [Double]
    let curvature: [Double]
    let alpha: Double
    let maxIterations: Int
    let tolerance: Double?
    /// `d` of the decay schedule `α_k = α (1 − k/K)^{1/d}` (then one step at `α`), or `nil`.
    let stepDecay: Double?
    /// Record the `P₂` mask of every step (unrolled backward) or only the last (Jacobian-free).
    let recordAll: Bool
    let costDimension: Int
    let sign: Double

    /// Runs from `z₀ = 0`. In Jacobian-free mode one extra step is taken at the end and its mask
    /// recorded, so the returned decision is the output of that differentiable step.
    func run() -> DavisYinResult {
        let n = form.size
        var z = [Double](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n)
        var u = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        var masks: [Bool] = []
        if recordAll { masks.reserveCapacity((maxIterations + 1) * n) }
        var mask = [Bool](repeating: false, count: n)
        var stepSizes: [Double] = []

        /// x = P₂(z), with the interior mask.
        func clip(_ z: [Double], _ x: inout [Double], _ mask: inout [Bool]) {
            for j in 0..<n {
                let lo = form.lower[j], hi = form.upper[j]
                if z[j] <= lo {
                    x[j] = lo
                    mask[j] = false
                } else if z[j] >= hi {
                    x[j] = hi
                    mask[j] = false
                } else {
                    x[j] = z[j]
                    mask[j] = true
                }
            }
        }
        /// z ← z − x + P₁(2x − z − a∇f(x)) for x = P₂(z), with step `a`.
        func step(_ a: Double) {
            clip(z, &x, &mask)
            if recordAll { masks += mask }
            if stepDecay != nil { stepSizes.append(a) }
            for j in 0..<n { u[j] = (2 - a * curvature[j]) * x[j] - z[j] - a * q[j] }
            form.project(u, into: &y)
            for j in 0..<n { z[j] += y[j] - x[j] }
        }
        /// The step of iteration `k`: constant, or the authors' decay over `maxIterations` steps.
        func stepSize(_ k: Int) -> Double {
            guard let stepDecay else { return alpha }
            return alpha * Foundation.pow(1 - Double(k) / Double(maxIterations), 1 / stepDecay)
        }

        var iterations = 0
        var residual = Double.infinity
        var converged = tolerance == nil
        var previous = [Double](repeating: 0, count: n)
        clip(z, &previous, &mask)
        while iterations < maxIterations {
            step(stepSize(iterations))
            iterations += 1
            clip(z, &x, &mask)
            var change = 0.0
            for j in 0..<n { change = max(change, abs(x[j] - previous[j])) }
            residual = change
            swap(&previous, &x)
            if let tolerance, change <= tolerance {
                converged = true
                break
            }
        }
        if !recordAll || stepDecay != nil {
            // Jacobian-free: one more (differentiable) step from the fixed point; the authors'
            // schedule ends with one step at the full α too.
            step(alpha)
        }
        clip(z, &x, &mask)
        masks += mask
        let recorded = masks.count / n
        return DavisYinResult(
            decision: Array(x[0..<costDimension]), iterations: iterations, converged: converged,
            fixedPointResidual: residual, equalityViolation: form.equalityViolation(x), masks: masks,
            recordedSteps: recorded, sign: sign, stepSizes: stepSizes)
    }
}

/// Backward passes of the Davis–Yin iteration.
struct DavisYinBackward: Sendable {
    let form: DavisYinStandardForm
    let curvature: [Double]
    let alpha: Double
    /// `ω`, the smoothing's quadratic weight (`2μ` for `μ‖v‖²`): the Jacobian-free step is scaled by
    /// `1/ω`, the scale of the true layer Jacobian, not by the step size `α`.
    let quadraticWeight: Double

    /// Reverse-mode sweep: with `z̄ = mask_K ∘ ḡ` at the output, each step back applies
    /// `ū = Π z̄`, `q̄ −= α ū`, `x̄ = −z̄ + (2 − αω w)∘ū`, `z̄ ← z̄ − ū + mask_k ∘ x̄`. In
    /// Jacobian-free mode the masks hold only the last step, so the sweep is one step long, the
    /// fixed point is treated as a constant, and the result is rescaled from `α` to `1/ω`:
    /// `q̄ = −(1/ω) Π z̄`, which is the exact layer Jacobian when no bound is active and the
    /// program has no slack columns (`x* = P_{Ax=b}(−q/ω)`), and its first-order approximation
    /// otherwise (the smoothing paper's Eq. 12 at its true weight).
    func costGradient(_ result: DavisYinResult, cotangent: [Double], costDimension: Int) -> [Double] {
        let n = form.size
        let steps = result.recordedSteps
        var zBar = [Double](repeating: 0, count: n)
        let outMask = (steps - 1) * n
        for j in 0..<costDimension where result.masks[outMask + j] { zBar[j] = cotangent[j] }
        var qBar = [Double](repeating: 0, count: n)
        var uBar = [Double](repeating: 0, count: n)
        if steps == 1 {
            // Jacobian-free: output = P₂(T(z*)), z* constant ⇒ q̄ = −α Π z̄ — DFLImplicit's
            // fixed-point VJP with (I − Jᵀ)⁻¹ ≈ I — then rescaled by 1/(αω) to the layer's scale.
            let mask = Array(result.masks[outMask..<(outMask + n)])
            do {
                qBar = try fixedPoint(mask: mask).vectorJacobianProduct(zBar, solver: JacobianFreeApproximation())
            } catch {
                preconditionFailure("DYS backward: the Jacobian-free approximation cannot fail (\(error))")
            }
            let scale = 1 / (alpha * quadraticWeight)
            for j in 0..<n { qBar[j] *= scale }
        } else {
            for k in stride(from: steps - 2, through: 0, by: -1) {
                form.projectDirection(zBar, into: &uBar)
                let base = k * n
                let a = result.stepSizes.isEmpty ? alpha : result.stepSizes[k]
                for j in 0..<n {
                    qBar[j] -= a * uBar[j]
                    let xBar = -zBar[j] + (2 - a * curvature[j]) * uBar[j]
                    zBar[j] = zBar[j] - uBar[j] + (result.masks[base + j] ? xBar : 0)
                }
            }
        }
        return (0..<costDimension).map { result.sign * qBar[$0] }
    }

    /// One Davis–Yin step `T(z, q)` at the fixed point as DFLImplicit's fixed-point map, with `mask`
    /// the interior mask `D` of `P₂(z*)`: `Jᵀv = v − Πv + D((2 − αω w)∘Πv − v)` (one step of the
    /// reverse sweep above) and `(∂T/∂q)ᵀv = −α Π v`. The Jacobian-free backward uses it with
    /// ``JacobianFreeApproximation``; `Jᵀ` is there for exact (Neumann, GMRES) solves.
    func fixedPoint(mask: [Bool]) -> ImplicitFixedPoint<[Double]> {
        let n = form.size
        let form = self.form, alpha = self.alpha
        let twoMinus = curvature.map { 2 - alpha * $0 }
        return ImplicitFixedPoint(
            size: n,
            mapTransposedJacobian: { v in
                var pv = [Double](repeating: 0, count: n)
                form.projectDirection(v, into: &pv)
                return (0..<n).map { j in v[j] - pv[j] + (mask[j] ? -v[j] + twoMinus[j] * pv[j] : 0) }
            },
            parameterTransposedJacobian: { v in
                var pv = [Double](repeating: 0, count: n)
                form.projectDirection(v, into: &pv)
                return pv.map { -alpha * $0 }
            })
    }
}
