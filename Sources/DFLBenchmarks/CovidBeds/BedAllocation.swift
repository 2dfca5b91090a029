import DFLTensor

/// The 7-day hospital-bed allocation cost (So-EBM Eq. 8), per day `i`, with `y, a` in thousands of beds:
/// ```
/// f(y, a) = Σ_i c_b [y_i − a_i]_+ + c_h [a_i − y_i]_+ + q_b ([y_i − a_i]_+)² + q_h ([a_i − y_i]_+)²
/// ```
/// The paper's constants were not recovered; defaults `c_b = 30, c_h = 10, q_b = 14, q_h = 2`
/// are DFLKit's choice (docs/papers/energy.md, "COVID-19 hospital beds").
public struct BedAllocation: Sendable, Codable, Equatable {
    /// Linear cost of a missing bed (`c_b`), of an idle bed (`c_h`).
    public var shortageCost = 30.0, idleCost = 10.0
    /// Quadratic cost of missing beds (`q_b`), of idle beds (`q_h`).
    public var shortageQuadratic = 14.0, idleQuadratic = 2.0
    /// Planning horizon in days (7).
    public var days = 7

    /// Creates the task with the documented defaults.
    public init() {}

    /// The cost of one day's decision `a` against demand `y`, its derivative in `a`, and curvature.
    @inlinable
    public func daily(demand y: Double, decision a: Double) -> (value: Double, dA: Double, d2A: Double) {
        let d = y - a
        if d > 0 {
            return (
                shortageCost * d + shortageQuadratic * d * d, -shortageCost - 2 * shortageQuadratic * d,
                2 * shortageQuadratic
            )
        }
        return (-idleCost * d + idleQuadratic * d * d, idleCost - 2 * idleQuadratic * d, 2 * idleQuadratic)
    }

    /// `f(y, a)` summed over the horizon.
    public func cost(demand y: [Double], decision a: [Double]) -> Double {
        var total = 0.0
        for i in 0..<y.count { total += daily(demand: y[i], decision: a[i]).value }
        return total
    }

    /// `argmin_{a ≥ 0} (1/S) Σ_s f(y_s, a)` for one day: the sample-average decision (exact up to
    /// 1e-12 by bisection on the monotone derivative).
    public func sampleAverageDecision(samples: [Double]) -> Double {
        guard let lo0 = samples.min(), let hi0 = samples.max() else { return 0 }
        var lo = lo0 - 1, hi = hi0 + 1
        func slope(_ a: Double) -> Double { samples.reduce(0) { $0 + daily(demand: $1, decision: a).dA } }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if slope(mid) > 0 { hi = mid } else { lo = mid }
            if hi - lo < 1e-12 { break }
        }
        var a = 0.5 * (lo + hi)
        // Snap to a kink (a sample value) when the subdifferential there contains 0: the linear
        // costs make the optimum sit exactly at a sample for a range of inputs.
        for y in samples where abs(y - a) < 1e-9 * max(1, abs(y)) {
            var left = 0.0, right = 0.0
            for v in samples {
                if v == y {
                    left -= shortageCost
                    right += idleCost
                } else {
                    let g = daily(demand: v, decision: y).dA
                    left += g
                    right += g
                }
            }
            if left <= 0 && right >= 0 { a = y }
        }
        return max(0, a)
    }

    /// The Monte-Carlo energy `E(a) = (1/S) Σ_s f(y_s, a)` at decisions `[batch, count, days]` for
    /// demand samples `[batch, S, days]` (differentiable in the samples, hence in θ through the
    /// reparameterized simulation). Returns `[batch, count]`.
    public func energy(samples y: Variable, decisions: Tensor) -> Variable {
        let B = y.shape[0], S = y.shape[1], D = y.shape[2], M = decisions.shape[1]
        precondition(decisions.shape == [B, M, D], "energy: decisions must be [\(B), count, \(D)]")
        let ys = y.value.scalars, a = decisions.scalars
        var value = [Double](repeating: 0, count: B * M)
        for b in 0..<B {
            for m in 0..<M {
                var total = 0.0
                for s in 0..<S {
                    for d in 0..<D {
                        total += daily(demand: ys[(b * S + s) * D + d], decision: a[(b * M + m) * D + d]).value
                    }
                }
                value[b * M + m] = total / Double(S)
            }
        }
        let task = self
        return Variable.record(Tensor(shape: [B, M], scalars: value), parents: [y]) { g in
            var gy = [Double](repeating: 0, count: B * S * D)
            for b in 0..<B {
                for m in 0..<M {
                    let w = g.scalars[b * M + m] / Double(S)
                    if w == 0 { continue }
                    for s in 0..<S {
                        for d in 0..<D {
                            // ∂f/∂y = −∂f/∂a (f depends on y − a).
                            gy[(b * S + s) * D + d] -=
                                w * task.daily(demand: ys[(b * S + s) * D + d], decision: a[(b * M + m) * D + d]).dA
                        }
                    }
                }
            }
            return [Tensor(shape: [B, S, D], scalars: gy)]
        }
    }

    /// Sample-average decisions `[batch, days]` from samples `[batch, S, days]`, differentiable by the
    /// implicit function theorem: `∂a/∂y_s = f''(y_s, a) / Σ_s' f''(y_s', a)` (0 where `a` is clamped at 0).
    /// This is the DFL baseline's layer (the analogue of DFL-CVX with a sample-average objective).
    public func sampleAverageLayer(samples y: Variable) -> Variable {
        let B = y.shape[0], S = y.shape[1], D = y.shape[2]
        let ys = y.value.scalars
        var a = [Double](repeating: 0, count: B * D)
        var column = [Double](repeating: 0, count: S)
        for b in 0..<B {
            for d in 0..<D {
                for s in 0..<S { column[s] = ys[(b * S + s) * D + d] }
                a[b * D + d] = sampleAverageDecision(samples: column)
            }
        }
        let decisions = a, task = self
        return Variable.record(Tensor(shape: [B, D], scalars: a), parents: [y]) { g in
            var gy = [Double](repeating: 0, count: B * S * D)
            for b in 0..<B {
                for d in 0..<D where decisions[b * D + d] > 0 {
                    // At a kink the decision equals one sample and moves with it.
                    if let s = (0..<S).first(where: { ys[(b * S + $0) * D + d] == decisions[b * D + d] }) {
                        gy[(b * S + s) * D + d] = g.scalars[b * D + d]
                        continue
                    }
                    var total = 0.0
                    var w = [Double](repeating: 0, count: S)
                    for s in 0..<S {
                        w[s] = task.daily(demand: ys[(b * S + s) * D + d], decision: decisions[b * D + d]).d2A
                        total += w[s]
                    }
                    for s in 0..<S { gy[(b * S + s) * D + d] = g.scalars[b * D + d] * w[s] / total }
                }
            }
            return [Tensor(shape: [B, S, D], scalars: gy)]
        }
    }
}
