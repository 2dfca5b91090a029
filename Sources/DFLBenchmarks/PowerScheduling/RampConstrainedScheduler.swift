import Foundation

/// An exact solver for hour-separable convex costs under ramp constraints:
/// ```
/// min_a  Σ_h s_h(a_h) + Σ_h k_h(a_h)    s.t.  |a_h − a_{h−1}| ≤ c  (h = 2…n)
/// ```
/// where `s_h` is smooth convex (value, first and second derivative supplied) and `k_h` an optional
/// kink `k_h(a) = max(L_h (κ_h − a), R_h (a − κ_h))` (the `[·]_+` penalties of the task loss).
///
/// Method: primal log-barrier path following. Each kink is lifted to an epigraph variable `t_h`
/// (two linear constraints), each ramp to two linear constraints. Newton's system has the
/// structure `diag + Dᵀ W D`, so after eliminating the `t_h` it is tridiagonal and solved in
/// O(n) (Thomas algorithm). The barrier weight grows ×10 until the duality-gap bound `m/τ` is
/// below ``gapTolerance``; each centering uses Newton with backtracking line search.
/// This replaces Donti et al.'s SQP + qpth (same minimiser, see docs/energy.md).
public struct RampConstrainedScheduler: Sendable {
    /// A kink `max(L (κ − a), R (a − κ))` at `point` κ with slopes `left` L ≥ 0, `right` R ≥ 0.
    public struct Kink: Sendable, Equatable {
        /// The kink location κ.
        public var point: Double
        /// Slope magnitude to the left (cost per unit below κ).
        public var left: Double
        /// Slope to the right (cost per unit above κ).
        public var right: Double
        /// Creates a kink.
        public init(point: Double, left: Double, right: Double) {
            self.point = point
            self.left = left
            self.right = right
        }
    }

    /// The ramp limit `c > 0`.
    public var rampLimit: Double
    /// Stop when the duality-gap bound `m/τ` falls below this (default 1e-11).
    public var gapTolerance: Double
    /// Newton iterations allowed per centering step (default 60).
    public var maxNewtonIterations: Int

    /// Creates a solver.
    public init(rampLimit: Double, gapTolerance: Double = 1e-11, maxNewtonIterations: Int = 60) {
        self.rampLimit = rampLimit
        self.gapTolerance = gapTolerance
        self.maxNewtonIterations = maxNewtonIterations
    }

    /// Minimises `Σ s_h(a_h) + Σ k_h(a_h)` under the ramp constraints.
    ///
    /// - Parameters:
    ///   - n: Number of variables (hours).
    ///   - smooth: `(h, a) → (s_h(a), s_h'(a), s_h''(a))`, convex in `a`.
    ///   - kinks: Optional kink per hour (`nil` or empty for none).
    ///   - start: A strictly feasible start (default: all equal to the mean of the kink points, or 0).
    /// - Returns: The minimiser.
    /// - Throws: ``BenchmarkError`` for bad sizes, a non-positive ramp limit, or non-finite values.
    public func minimize(
        hours n: Int, smooth: (Int, Double) -> (Double, Double, Double), kinks: [Kink]? = nil, start: [Double]? = nil
    ) throws -> [Double] {
        guard n >= 1 else { throw BenchmarkError.invalidArgument(name: "hours", reason: "must be ≥ 1, got \(n)") }
        guard rampLimit > 0 else {
            throw BenchmarkError.invalidArgument(name: "rampLimit", reason: "must be > 0, got \(rampLimit)")
        }
        let kinks = (kinks?.isEmpty ?? true) ? nil : kinks
        if let kinks, kinks.count != n {
            throw BenchmarkError.invalidArgument(name: "kinks", reason: "expected \(n) kinks, got \(kinks.count)")
        }
        let c = rampLimit
        var a: [Double]
        if let start {
            guard start.count == n else {
                throw BenchmarkError.invalidArgument(name: "start", reason: "expected \(n) values, got \(start.count)")
            }
            a = start
            for h in 1..<max(n, 1) where abs(a[h] - a[h - 1]) >= c {
                a = [Double](repeating: start.reduce(0, +) / Double(n), count: n)
                break
            }
        } else {
            let m = kinks.map { $0.reduce(0) { $0 + $1.point } / Double(n) } ?? 0
            a = [Double](repeating: m, count: n)
        }
        // Shortcut: when the unconstrained minimiser (separable, found per hour) satisfies the ramps,
        // it is the constrained minimiser too.
        if let free = try? unconstrainedMinimizer(hours: n, smooth: smooth, kinks: kinks, start: a),
            zip(free.dropFirst(), free).allSatisfy({ abs($0 - $1) < c * (1 - 1e-9) })
        {
            return free
        }
        var t = [Double](repeating: 0, count: kinks == nil ? 0 : n)
        if let kinks {
            for h in 0..<n { t[h] = kinkValue(kinks[h], a[h]) + 1 }
        }
        let constraintCount = Double(2 * (n - 1) + (kinks == nil ? 0 : 2 * n))
        guard constraintCount > 0 else {
            // One unconstrained smooth variable: plain damped Newton.
            return try newtonUnconstrained(smooth: smooth, start: a[0])
        }
        var tau = 1.0
        // Scratch buffers reused across iterations.
        var diag = [Double](repeating: 0, count: n), off = [Double](repeating: 0, count: max(n - 1, 0))
        var rhs = [Double](repeating: 0, count: n), ga = rhs, gt = t, hat = t, htt = t
        var da = rhs, dt = t
        while true {
            for _ in 0..<maxNewtonIterations {
                // Gradient and Hessian of τ F + Φ.
                for h in 0..<n {
                    let s = smooth(h, a[h])
                    ga[h] = tau * s.1
                    diag[h] = tau * s.2
                }
                for j in 0..<max(n - 1, 0) {
                    let d = a[j + 1] - a[j]
                    let rp = c - d, rm = c + d
                    let g = 1 / rp - 1 / rm
                    let w = 1 / (rp * rp) + 1 / (rm * rm)
                    ga[j + 1] += g
                    ga[j] -= g
                    diag[j] += w
                    diag[j + 1] += w
                    off[j] = -w
                }
                if let kinks {
                    for h in 0..<n {
                        let k = kinks[h]
                        let e1 = t[h] - k.left * (k.point - a[h]), e2 = t[h] - k.right * (a[h] - k.point)
                        let i1 = 1 / e1, i2 = 1 / e2
                        ga[h] += -k.left * i1 + k.right * i2
                        gt[h] = tau - i1 - i2
                        diag[h] += k.left * k.left * i1 * i1 + k.right * k.right * i2 * i2
                        hat[h] = k.left * i1 * i1 - k.right * i2 * i2
                        htt[h] = i1 * i1 + i2 * i2
                        // Schur complement eliminating t_h.
                        diag[h] -= hat[h] * hat[h] / htt[h]
                        rhs[h] = -(ga[h] - hat[h] / htt[h] * gt[h])
                    }
                } else {
                    for h in 0..<n { rhs[h] = -ga[h] }
                }
                try solveTridiagonal(diag: diag, off: off, rhs: rhs, into: &da)
                var decrement = 0.0
                for h in 0..<n { decrement -= ga[h] * da[h] }
                if kinks != nil {
                    for h in 0..<n {
                        dt[h] = -(gt[h] + hat[h] * da[h]) / htt[h]
                        decrement -= gt[h] * dt[h]
                    }
                }
                guard decrement.isFinite else {
                    throw BenchmarkError.numerical(
                        routine: "RampConstrainedScheduler", reason: "non-finite Newton step (τ = \(tau))")
                }
                if decrement / 2 < 1e-12 { break }
                // Backtracking line search on the barrier merit, staying strictly feasible.
                let merit0 = merit(a: a, t: t, tau: tau, smooth: smooth, kinks: kinks)
                var step = 1.0
                var accepted = false
                var trialA = a, trialT = t
                for _ in 0..<60 {
                    for h in 0..<n { trialA[h] = a[h] + step * da[h] }
                    for h in 0..<t.count { trialT[h] = t[h] + step * dt[h] }
                    let m = merit(a: trialA, t: trialT, tau: tau, smooth: smooth, kinks: kinks)
                    if m.isFinite && m <= merit0 - 0.25 * step * decrement {
                        accepted = true
                        break
                    }
                    step *= 0.5
                }
                if !accepted { break }
                a = trialA
                t = trialT
            }
            if constraintCount / tau < gapTolerance { break }
            tau *= 40
        }
        return a
    }

    /// `argmin_a f(y, a)` s.t. ramp: the ground-truth decision for an observed load `y`.
    public func optimalSchedule(for task: PowerScheduling, load y: [Double]) throws -> [Double] {
        let kinks = y.map { Kink(point: $0, left: task.underGenerationPenalty, right: task.overGenerationPenalty) }
        return try minimize(
            hours: y.count,
            smooth: { h, a in
                let d = a - y[h]
                return (0.5 * d * d, d, 1)
            }, kinks: kinks)
    }

    /// `argmin_a E_{y∼N(μ,σ²)} f(y, a)` s.t. ramp (the closed-form expected cost, Eq. 9).
    public func optimalSchedule(for task: PowerScheduling, mean mu: [Double], standardDeviation sigma: [Double]) throws
        -> [Double]
    {
        guard mu.count == sigma.count else {
            throw BenchmarkError.invalidArgument(
                name: "standardDeviation", reason: "expected \(mu.count) values, got \(sigma.count)")
        }
        guard sigma.allSatisfy({ $0 > 0 && $0.isFinite }), mu.allSatisfy(\.isFinite) else {
            throw BenchmarkError.invalidArgument(
                name: "forecast", reason: "means must be finite and standard deviations > 0")
        }
        let sorted = mu.sorted()
        let median = sorted[sorted.count / 2]
        return try minimize(
            hours: mu.count,
            smooth: { h, a in
                let e = task.hourlyExpectedCost(decision: a, mean: mu[h], standardDeviation: sigma[h])
                return (e.value, e.dA, e.d2A)
            }, start: [Double](repeating: median, count: mu.count))
    }

    // MARK: - Internals

    private func kinkValue(_ k: Kink, _ a: Double) -> Double { max(k.left * (k.point - a), k.right * (a - k.point)) }

    private func merit(
        a: [Double], t: [Double], tau: Double, smooth: (Int, Double) -> (Double, Double, Double), kinks: [Kink]?
    ) -> Double {
        let n = a.count
        var value = 0.0
        for h in 0..<n { value += tau * smooth(h, a[h]).0 }
        for j in 0..<max(n - 1, 0) {
            let d = a[j + 1] - a[j]
            let rp = rampLimit - d, rm = rampLimit + d
            if rp <= 0 || rm <= 0 { return .infinity }
            value -= log(rp) + log(rm)
        }
        if let kinks {
            for h in 0..<n {
                let k = kinks[h]
                let e1 = t[h] - k.left * (k.point - a[h]), e2 = t[h] - k.right * (a[h] - k.point)
                if e1 <= 0 || e2 <= 0 { return .infinity }
                value += tau * t[h] - log(e1) - log(e2)
            }
        }
        return value
    }

    /// Per-hour minimiser of `s_h + k_h` (safeguarded Newton / bisection on the monotone slope).
    private func unconstrainedMinimizer(
        hours n: Int, smooth: (Int, Double) -> (Double, Double, Double), kinks: [Kink]?, start: [Double]
    ) throws -> [Double] {
        var out = [Double](repeating: 0, count: n)
        for h in 0..<n {
            // Subgradient bounds at a: slope(a) ∈ [s'(a) + kink left-derivative, s'(a) + kink right-derivative].
            func slopes(_ a: Double) -> (Double, Double) {
                let s = smooth(h, a).1
                guard let k = kinks?[h] else { return (s, s) }
                if a < k.point { return (s - k.left, s - k.left) }
                if a > k.point { return (s + k.right, s + k.right) }
                return (s - k.left, s + k.right)
            }
            if let k = kinks?[h] {
                let (lo, hi) = slopes(k.point)
                if lo <= 0 && hi >= 0 {
                    out[h] = k.point
                    continue
                }
            }
            // Bracket the root of the slope, then bisect with Newton steps.
            var lo = start[h] - 1, hi = start[h] + 1
            var grow = 0
            while slopes(lo).1 > 0 && grow < 60 {
                lo -= Double(1 << min(grow, 30))
                grow += 1
            }
            grow = 0
            while slopes(hi).0 < 0 && grow < 60 {
                hi += Double(1 << min(grow, 30))
                grow += 1
            }
            var a = 0.5 * (lo + hi)
            for _ in 0..<200 {
                let (sl, sh) = slopes(a)
                if sl <= 0 && sh >= 0 && sl == sh && abs(sl) < 1e-14 { break }
                if sh < 0 { lo = a } else if sl > 0 { hi = a } else { break }
                let curvature = smooth(h, a).2
                var next = curvature > 0 ? a - sl / curvature : 0.5 * (lo + hi)
                if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
                if abs(next - a) < 1e-15 * max(1, abs(a)) || hi - lo < 1e-14 {
                    a = next
                    break
                }
                a = next
            }
            out[h] = a
        }
        return out
    }

    private func newtonUnconstrained(smooth: (Int, Double) -> (Double, Double, Double), start: Double) throws
        -> [Double]
    {
        var a = start
        for _ in 0..<200 {
            let s = smooth(0, a)
            guard s.2 > 0 else {
                throw BenchmarkError.numerical(routine: "RampConstrainedScheduler", reason: "non-positive curvature")
            }
            let step = s.1 / s.2
            a -= step
            if abs(step) < 1e-14 { break }
        }
        return [a]
    }
}

/// Solves the symmetric tridiagonal system with diagonal `diag` and off-diagonal `off` (Thomas
/// algorithm; the matrix must be positive definite).
func solveTridiagonal(diag: [Double], off: [Double], rhs: [Double], into x: inout [Double]) throws {
    let n = diag.count
    var c = [Double](repeating: 0, count: n)
    var d = [Double](repeating: 0, count: n)
    var pivot = diag[0]
    guard pivot > 0 else {
        throw BenchmarkError.numerical(routine: "solveTridiagonal", reason: "non-positive pivot at row 0")
    }
    if n > 1 { c[0] = off[0] / pivot }
    d[0] = rhs[0] / pivot
    for i in 1..<n {
        pivot = diag[i] - off[i - 1] * c[i - 1]
        guard pivot > 0 else {
            throw BenchmarkError.numerical(routine: "solveTridiagonal", reason: "non-positive pivot at row \(i)")
        }
        if i < n - 1 { c[i] = off[i] / pivot }
        d[i] = (rhs[i] - off[i - 1] * d[i - 1]) / pivot
    }
    x[n - 1] = d[n - 1]
    var i = n - 2
    while i >= 0 {
        x[i] = d[i] - c[i] * x[i + 1]
        i -= 1
    }
}
