/// One interior-point solve: the iterate, the Mehrotra predictor–corrector loop and polishing.
struct InteriorPointRun {
    let s: QPStructure
    let configuration: InteriorPointQPSolver.Configuration
    let q: [Double]
    var newton: NewtonSystem
    var x: [Double]
    var nu: [Double]
    var lambda: [Double]
    var slack: [Double]

    init(structure: QPStructure, configuration: InteriorPointQPSolver.Configuration, q: [Double]) {
        s = structure
        self.configuration = configuration
        self.q = q
        newton = NewtonSystem(structure: structure, strategy: configuration.newtonStrategy)
        x = [Double](repeating: 0, count: structure.n)
        nu = [Double](repeating: 0, count: structure.m)
        lambda = [Double](repeating: 1, count: structure.p)
        slack = [Double](repeating: 1, count: structure.p)
    }

    /// Runs the method to convergence.
    mutating func solve() throws -> QPSolution {
        let n = s.n, m = s.m, p = s.p
        try initialize()
        let qScale = 1 + q.reduce(0) { max($0, abs($1)) }
        var rd = [Double](repeating: 0, count: n)
        var rp = [Double](repeating: 0, count: m)
        var ri = [Double](repeating: 0, count: p)
        var cx = [Double](repeating: 0, count: p)
        var lastResidual = (primal: Double.infinity, dual: Double.infinity, gap: Double.infinity)
        for iteration in 0...configuration.maxIterations {
            // Residuals.
            s.applyHessian(x, into: &rd)
            for j in 0..<n { rd[j] += q[j] }
            s.addTransposedEqualities(nu, into: &rd)
            s.addTransposedInequalities(lambda, into: &rd)
            s.applyEqualities(x, into: &rp)
            for k in 0..<m { rp[k] -= s.b[k] }
            s.applyInequalities(x, into: &cx)
            for i in 0..<p { ri[i] = cx[i] + slack[i] - s.inequalityRHS[i] }
            let mu = p > 0 ? zip(slack, lambda).reduce(0) { $0 + $1.0 * $1.1 } / Double(p) : 0
            let primalRes = max(maxAbsolute(rp), maxAbsolute(ri)) / s.primalScale
            let dualRes = maxAbsolute(rd) / qScale
            let gapRes = mu / qScale
            lastResidual = (primalRes, dualRes, gapRes)
            let worst =
                [primalRes, dualRes, gapRes].allSatisfy(\.isFinite) ? max(primalRes, dualRes, gapRes) : .infinity
            guard worst.isFinite else { break }
            // A polish that cannot be formed (Q singular on the would-be free variables, as in an
            // LP whose optimum is not a vertex) is skipped: the interior-point iteration goes on.
            if configuration.polish && worst <= configuration.polishThreshold,
                let polished = try? polish(iterations: iteration)
            {
                return polished
            }
            if worst <= configuration.tolerance {
                return try finish(iterations: iteration, polished: false)
            }
            if iteration == configuration.maxIterations { break }

            // Newton step (predictor, then corrector with the same factorization).
            var d = [Double](repeating: 0, count: p)
            for i in 0..<p { d[i] = lambda[i] / slack[i] }
            guard newton.factor(scaling: d) else {
                throw QuadraticProgramError(
                    .numericalFailure, "QP: the Newton system is singular at iteration \(iteration)")
            }
            var rc = [Double](repeating: 0, count: p)
            for i in 0..<p { rc[i] = lambda[i] * slack[i] }
            let affine = direction(rd: rd, rp: rp, ri: ri, rc: rc, d: d)
            let alphaAffine = maxStep(affine.ds, affine.dlambda)
            var sigma = 0.0
            if p > 0 && mu > 0 {
                var muAffine = 0.0
                for i in 0..<p {
                    muAffine += (slack[i] + alphaAffine * affine.ds[i]) * (lambda[i] + alphaAffine * affine.dlambda[i])
                }
                muAffine /= Double(p)
                sigma = min(1, max(0, muAffine / mu))
                sigma = sigma * sigma * sigma
            }
            for i in 0..<p { rc[i] += affine.ds[i] * affine.dlambda[i] - sigma * mu }
            let step = direction(rd: rd, rp: rp, ri: ri, rc: rc, d: d)
            let alpha = min(1, 0.99 * maxStep(step.ds, step.dlambda))
            for j in 0..<n { x[j] += alpha * step.dx[j] }
            for k in 0..<m { nu[k] += alpha * step.dnu[k] }
            for i in 0..<p {
                slack[i] = max(slack[i] + alpha * step.ds[i], 1e-300)
                lambda[i] = max(lambda[i] + alpha * step.dlambda[i], 1e-300)
            }
        }
        // At the limit, a stalled but nearly optimal iterate (degenerate vertices make the Newton
        // system ill-conditioned late in the run) often still identifies the active set: polishing
        // then gives the exact solution, accepted only if it passes the same KKT checks.
        let residuals = [lastResidual.primal, lastResidual.dual, lastResidual.gap]
        let worst = residuals.allSatisfy(\.isFinite) ? residuals.max()! : .infinity
        if configuration.polish, worst.isFinite, worst <= 1e-3,
            let polished = try? polish(iterations: configuration.maxIterations)
        {
            return polished
        }
        if worst.isFinite, worst <= configuration.acceptableResidual {
            return try finish(iterations: configuration.maxIterations, polished: false)
        }
        throw QuadraticProgramError(
            .notConverged,
            worst.isFinite
                ? "QP: interior point stopped after \(configuration.maxIterations) iterations with scaled residuals primal \(lastResidual.primal), dual \(lastResidual.dual), gap \(lastResidual.gap) above tolerance \(configuration.tolerance)"
                : "QP: the interior-point iterate became non-finite (scaled residuals primal \(lastResidual.primal), dual \(lastResidual.dual), gap \(lastResidual.gap))"
        )
    }

    /// Starting point from the Newton system with `D = I`: `(Q + CᵀC) x + Aᵀν = −q + Cᵀd`,
    /// `A x = b`; then `λ₀ = Cx − d` and `s₀ = d − Cx`, each shifted to be at least 1 where needed.
    private mutating func initialize() throws {
        let p = s.p
        guard newton.factor(scaling: [Double](repeating: 1, count: p)) else {
            throw QuadraticProgramError(
                .numericalFailure,
                "QP: the initial Newton system is singular (is Q ⪰ 0 and every free direction bounded?)")
        }
        var r1 = q.map { -$0 }
        s.addTransposedInequalities(s.inequalityRHS, into: &r1)
        (x, nu) = newton.solve(r1, s.b)
        guard p > 0 else { return }
        var z = [Double](repeating: 0, count: p)
        s.applyInequalities(x, into: &z)
        for i in 0..<p { z[i] -= s.inequalityRHS[i] }
        let minSlack = z.reduce(Double.infinity) { min($0, -$1) }
        let minDual = z.reduce(Double.infinity) { min($0, $1) }
        for i in 0..<p {
            slack[i] = minSlack > 0 ? -z[i] : -z[i] + 1 - minSlack
            lambda[i] = minDual > 0 ? z[i] : z[i] + 1 - minDual
        }
    }

    /// Newton direction for residuals `rd, rp, ri` and complementarity right-hand side `rc`.
    private mutating func direction(
        rd: [Double], rp: [Double], ri: [Double], rc: [Double], d: [Double]
    ) -> (dx: [Double], dnu: [Double], ds: [Double], dlambda: [Double]) {
        let p = s.p
        var t = [Double](repeating: 0, count: p)
        for i in 0..<p { t[i] = (lambda[i] * ri[i] - rc[i]) / slack[i] }
        var r1 = rd.map { -$0 }
        s.addTransposedInequalities(t.map { -$0 }, into: &r1)
        let (dx, dnu) = newton.solve(r1, rp.map { -$0 })
        var cdx = [Double](repeating: 0, count: p)
        s.applyInequalities(dx, into: &cdx)
        var ds = [Double](repeating: 0, count: p)
        var dl = [Double](repeating: 0, count: p)
        for i in 0..<p {
            ds[i] = -ri[i] - cdx[i]
            dl[i] = d[i] * cdx[i] + t[i]
        }
        return (dx, dnu, ds, dl)
    }

    /// Largest `α ≤ 1` keeping `s + α ds ≥ 0` and `λ + α dλ ≥ 0`.
    private func maxStep(_ ds: [Double], _ dl: [Double]) -> Double {
        var alpha = 1.0
        for i in 0..<s.p {
            if ds[i] < 0 { alpha = min(alpha, -slack[i] / ds[i]) }
            if dl[i] < 0 { alpha = min(alpha, -lambda[i] / dl[i]) }
        }
        return alpha
    }

    /// Active set of the current iterate: rows with `λᵢ > sᵢ` (a variable with both bounds marked
    /// keeps the one with the larger ratio).
    private func activeSet() -> [Bool] {
        var active = (0..<s.p).map { lambda[$0] > slack[$0] }
        let nl = s.lowerIndex.count
        var lowerRow: [Int: Int] = [:]
        for (t, j) in s.lowerIndex.enumerated() { lowerRow[j] = s.pG + t }
        for (t, j) in s.upperIndex.enumerated() {
            let u = s.pG + nl + t
            if let l = lowerRow[j], active[l], active[u] {
                if lambda[l] / slack[l] >= lambda[u] / slack[u] { active[u] = false } else { active[l] = false }
            }
        }
        return active
    }

    /// Solves the KKT system on the current active set exactly and returns that solution when it
    /// is primal feasible with non-negative multipliers (within `1e-9`, scaled), else `nil`.
    ///
    /// The active set is guessed from `λᵢ > sᵢ`. Late in a run a variable that is free at the
    /// optimum but close to its bound (a slack of 3e-5, say) can still carry a multiplier above its
    /// slack: the averaged complementarity has met the tolerance while that pair has not. Its bound
    /// then comes out of the solve with a negative multiplier that stationarity determines; such
    /// bounds are released and the solve repeated (a few rounds of a primal–dual active-set
    /// correction), so the answer is the exact optimum and not the unpolished iterate.
    private mutating func polish(iterations: Int) throws -> QPSolution? {
        var active = activeSet()
        for _ in 0..<Self.polishRounds {
            switch try polish(active: active, iterations: iterations) {
            case .accepted(let solution): return solution
            case .rejected: return nil
            case .release(let constraints):
                for i in constraints { active[i] = false }
            }
        }
        return nil
    }

    /// Active-set corrections tried by ``polish(iterations:)`` before it gives up.
    private static let polishRounds = 4

    /// What one polishing solve concluded.
    private enum PolishOutcome {
        /// The exact solution on this active set passed every check.
        case accepted(QPSolution)
        /// Not optimal, and no active-set correction applies.
        case rejected
        /// These active constraints have negative multipliers fixed by stationarity: release them.
        case release([Int])
    }

    /// One polishing solve on the given active set.
    private mutating func polish(active: [Bool], iterations: Int) throws -> PolishOutcome {
        let kkt = try ActiveSetKKT(structure: s, active: active)
        let n = s.n, pG = s.pG, nl = s.lowerIndex.count
        var xp = [Double](repeating: 0, count: n)
        var isFree = [Bool](repeating: false, count: n)
        for j in kkt.free { isFree[j] = true }
        for (t, j) in s.lowerIndex.enumerated() where active[pG + t] { xp[j] = s.lowerValue[t] }
        for (t, j) in s.upperIndex.enumerated() where active[pG + nl + t] { xp[j] = s.upperValue[t] }
        // q̃_F = q_F + Q_{F,fixed} x_fixed; d_F = rhs − C_fixed x_fixed.
        var qx = [Double](repeating: 0, count: n)
        s.applyHessian(xp, into: &qx)
        var top = kkt.free.map { -(q[$0] + qx[$0]) }
        // Rows the rank-revealing factorization drops as dependent on the free variables (one
        // per connected component of free arcs on a grid) have undetermined multipliers: pin them
        // to the interior-point estimates (moving their terms to the right-hand side) instead of
        // zero, so the bound multipliers derived below keep their sign and the projection of
        // `projectedDuals` is rarely needed.
        let pinned = kkt.schur.dropped
        var pinnedValue = [Double](repeating: 0, count: pinned.count)
        for (t, r) in pinned.enumerated() {
            let origin = kkt.rowOrigin[r]
            let value = origin < s.m ? nu[origin] : max(lambda[origin - s.m], 0)
            pinnedValue[t] = value
            for a in 0..<kkt.free.count { top[a] -= kkt.rows[r * kkt.free.count + a] * value }
        }
        var bottom = [Double](repeating: 0, count: kkt.rowCount)
        for (r, origin) in kkt.rowOrigin.enumerated() {
            var fixedPart = 0.0
            if origin < s.m {
                for j in 0..<n where !isFree[j] { fixedPart += s.A[origin * n + j] * xp[j] }
                bottom[r] = s.b[origin] - fixedPart
            } else {
                let i = origin - s.m
                for j in 0..<n where !isFree[j] { fixedPart += s.G[i * n + j] * xp[j] }
                bottom[r] = s.inequalityRHS[i] - fixedPart
            }
        }
        let (u, solvedMultipliers) = kkt.solve(top: top, bottom: bottom)
        var w = solvedMultipliers
        for (t, r) in pinned.enumerated() { w[r] = pinnedValue[t] }
        for (a, j) in kkt.free.enumerated() { xp[j] = u[a] }
        var nuP = [Double](repeating: 0, count: s.m)
        var lambdaP = [Double](repeating: 0, count: s.p)
        // Rows that vanish on the free variables are not in the KKT system and do not enter
        // stationarity on them: their multipliers keep the interior-point estimates, which make the
        // bound multipliers below nonnegative far more often than zeros would (a grid node no free
        // arc touches keeps its potential) and so spare the projection of `projectedDuals`.
        for k in 0..<s.m { nuP[k] = nu[k] }
        for i in 0..<pG where active[i] { lambdaP[i] = max(lambda[i], 0) }
        for (r, origin) in kkt.rowOrigin.enumerated() {
            if origin < s.m { nuP[origin] = w[r] } else { lambdaP[origin - s.m] = w[r] }
        }
        // Bound multipliers from stationarity on the fixed variables.
        var grad = [Double](repeating: 0, count: n)
        s.applyHessian(xp, into: &grad)
        for j in 0..<n { grad[j] += q[j] }
        s.addTransposedEqualities(nuP, into: &grad)
        s.addTransposedInequalities(lambdaP, into: &grad)
        for (t, j) in s.lowerIndex.enumerated() where active[pG + t] { lambdaP[pG + t] = grad[j] }
        for (t, j) in s.upperIndex.enumerated() where active[pG + nl + t] { lambdaP[pG + nl + t] = -grad[j] }
        // Acceptance: finite, feasible, dual feasible, equalities (incl. dropped dependent rows)
        // satisfied. (NaN passes every `>` test below, hence the explicit finiteness check.)
        guard xp.allSatisfy(\.isFinite), nuP.allSatisfy(\.isFinite), lambdaP.allSatisfy(\.isFinite) else {
            return .rejected
        }
        let qScale = 1 + q.reduce(0) { max($0, abs($1)) }
        let tolerance = 1e-9
        var cx = [Double](repeating: 0, count: s.p)
        s.applyInequalities(xp, into: &cx)
        for i in 0..<s.p where cx[i] - s.inequalityRHS[i] > tolerance * s.primalScale { return .rejected }
        var ax = [Double](repeating: 0, count: s.m)
        s.applyEqualities(xp, into: &ax)
        for k in 0..<s.m where abs(ax[k] - s.b[k]) > tolerance * s.primalScale { return .rejected }
        if lambdaP.contains(where: { $0 < -tolerance * qScale }) {
            // Dependent active constraints (a degenerate vertex): the multipliers are not unique and
            // zero on the dropped rows may have the wrong sign. Project the interior-point
            // multipliers, which lie near the relative interior of the optimal dual face, onto the
            // affine set of multipliers that make this point stationary, and use them if signed.
            // With independent rows on the free variables, a negative multiplier that no omitted
            // row can change is determined by stationarity: it means a wrong active set, which no
            // projection can fix.
            let negative = (0..<s.p).filter { lambdaP[$0] < -tolerance * qScale }
            guard
                kkt.schur.rank < kkt.rowCount
                    || !negativeMultipliersAreDetermined(
                        kkt: kkt, active: active, lambda: lambdaP, below: -tolerance * qScale)
            else { return .release(negative) }
            guard
                let (nuC, lambdaC) = projectedDuals(active: active, nuPolished: nuP, lambdaPolished: lambdaP),
                !lambdaC.contains(where: { $0 < -tolerance * qScale })
            else { return .release(negative) }
            guard nuC.allSatisfy(\.isFinite), lambdaC.allSatisfy(\.isFinite) else { return .rejected }
            nuP = nuC
            lambdaP = lambdaC
        }
        for i in 0..<s.p { lambdaP[i] = max(lambdaP[i], 0) }
        x = xp
        nu = nuP
        lambda = lambdaP
        for i in 0..<s.p { slack[i] = max(s.inequalityRHS[i] - cx[i], 0) }
        return .accepted(makeSolution(kkt: kkt, iterations: iterations, polished: true))
    }

    /// Whether every multiplier below `threshold` is fixed by stationarity on the free variables:
    /// a general row in the KKT system (independent rows), or a bound of a variable that no
    /// omitted row (one vanishing on the free variables, whose multiplier is still free) touches.
    private func negativeMultipliersAreDetermined(
        kkt: ActiveSetKKT, active: [Bool], lambda: [Double], below threshold: Double
    ) -> Bool {
        let n = s.n, pG = s.pG, nl = s.lowerIndex.count
        var included = [Bool](repeating: false, count: s.m + pG)
        for origin in kkt.rowOrigin { included[origin] = true }
        func touchedByOmittedRow(_ j: Int) -> Bool {
            for p in s.equalityColumns.start[j]..<s.equalityColumns.start[j + 1]
            where !included[s.equalityColumns.row[p]] { return true }
            for i in 0..<pG where active[i] && !included[s.m + i] && s.G[i * n + j] != 0 { return true }
            return false
        }
        for i in 0..<s.p where lambda[i] < threshold {
            if i < pG { continue }
            let j = i < pG + nl ? s.lowerIndex[i - pG] : s.upperIndex[i - pG - nl]
            if touchedByOmittedRow(j) { return false }
        }
        return true
    }

    /// The point of `{(ν, λ) : Aᵀν + C_actᵀλ_act = Aᵀν_P + C_actᵀλ_P, λ_inactive = 0}` nearest the
    /// current interior-point multipliers.
    ///
    /// The bound multipliers are eliminated first: with `w' = (ν, λ_G,act)`, `N = [Aᵀ G_actᵀ]` and
    /// the target `τ = N w'_P + σ∘λ_P` (`σ = ∓1` for an active lower/upper bound), a fixed variable's
    /// multiplier is `λ_j = σ_j(τ − N w')_j` and a free one imposes `(N w')_j = τ_j`. So
    ///
    /// ```
    /// min ½‖w' − w'_I‖² + ½‖N_B w' − t_B‖²  s.t.  N_F w' = τ_F,     t = τ − σ∘λ_I,
    /// ```
    ///
    /// solved with `P = I + N_Bᵀ N_B` (`k' × k'`, `k' = m + p_G,act`) and a rank-revealing factor
    /// of `N_F P⁻¹ N_Fᵀ` (`|F| × |F|`) — instead of an `n × n` Gram matrix over all variables
    /// (61 + |F| instead of 900 on the 30×30 matching QP).
    private func projectedDuals(
        active: [Bool], nuPolished: [Double], lambdaPolished: [Double]
    ) -> ([Double], [Double])? {
        let n = s.n, m = s.m, p = s.p, pG = s.pG, nl = s.lowerIndex.count
        let activeG = (0..<pG).filter { active[$0] }
        let k = m + activeG.count
        // For each variable: the λ index and sign of its active bound (−1 lower, +1 upper), if fixed.
        var boundIndex = [Int](repeating: -1, count: n)
        var sign = [Double](repeating: 0, count: n)
        for (t, j) in s.lowerIndex.enumerated() where active[pG + t] {
            boundIndex[j] = pG + t
            sign[j] = -1
        }
        for (t, j) in s.upperIndex.enumerated() where active[pG + nl + t] {
            boundIndex[j] = pG + nl + t
            sign[j] = 1
        }
        // Rows of N (one per variable) as sparse (index in w', value) lists.
        var rowIndex = [[Int]](repeating: [], count: n)
        var rowValue = [[Double]](repeating: [], count: n)
        for j in 0..<n {
            for q in s.equalityColumns.start[j]..<s.equalityColumns.start[j + 1] {
                rowIndex[j].append(s.equalityColumns.row[q])
                rowValue[j].append(s.equalityColumns.value[q])
            }
            for (a, i) in activeG.enumerated() where s.G[i * n + j] != 0 {
                rowIndex[j].append(m + a)
                rowValue[j].append(s.G[i * n + j])
            }
        }
        func rowTimes(_ j: Int, _ w: [Double]) -> Double {
            var v = 0.0
            for (e, idx) in rowIndex[j].enumerated() { v += rowValue[j][e] * w[idx] }
            return v
        }
        let wP = nuPolished + activeG.map { lambdaPolished[$0] }
        let wI = Array(nu[0..<m]) + activeG.map { lambda[$0] }
        var tau = [Double](repeating: 0, count: n)
        for j in 0..<n {
            tau[j] = rowTimes(j, wP)
            if boundIndex[j] >= 0 { tau[j] += sign[j] * lambdaPolished[boundIndex[j]] }
        }
        let free = (0..<n).filter { boundIndex[$0] < 0 }
        // P = I + N_Bᵀ N_B and rhs = w'_I + N_Bᵀ t_B.
        var pMatrix = [Double](repeating: 0, count: k * k)
        for i in 0..<k { pMatrix[i * k + i] = 1 }
        var rhs = wI
        for j in 0..<n where boundIndex[j] >= 0 {
            let t = tau[j] - sign[j] * lambda[boundIndex[j]]
            for (e, r) in rowIndex[j].enumerated() {
                let vr = rowValue[j][e]
                rhs[r] += vr * t
                for (f, c) in rowIndex[j].enumerated() { pMatrix[r * k + c] += vr * rowValue[j][f] }
            }
        }
        // P couples rows that share a fixed variable: on a grid (nodes in row order) it is banded,
        // and the band makes its factor and the |F| solves below O(k·b²) and O(k·b) instead of
        // O(k³) and O(k²) (the same numbers: the skipped entries are exact zeros).
        let band = Cholesky.bandwidth(of: pMatrix, n: k)
        guard Cholesky.factor(&pMatrix, n: k, bandwidth: band) else { return nil }
        // Y = P⁻¹ N_Fᵀ (one column per free variable), S = N_F Y, and P⁻¹ rhs.
        var y: [[Double]] = []
        y.reserveCapacity(free.count)
        for j in free {
            var column = [Double](repeating: 0, count: k)
            for (e, r) in rowIndex[j].enumerated() { column[r] = rowValue[j][e] }
            Cholesky.solve(pMatrix, n: k, &column, bandwidth: band)
            y.append(column)
        }
        var base = rhs
        Cholesky.solve(pMatrix, n: k, &base, bandwidth: band)
        let nf = free.count
        var schurMatrix = [Double](repeating: 0, count: nf * nf)
        var schurRHS = [Double](repeating: 0, count: nf)
        for (a, j) in free.enumerated() {
            for b in 0..<nf { schurMatrix[a * nf + b] = rowTimes(j, y[b]) }
            schurRHS[a] = rowTimes(j, base) - tau[j]
        }
        let factor = PivotedCholesky(schurMatrix, size: nf)
        let mu = factor.solve(schurRHS)
        var w = base
        for b in 0..<nf where mu[b] != 0 {
            for r in 0..<k { w[r] -= y[b][r] * mu[b] }
        }
        // The result must satisfy stationarity on the free variables (else the target is unreachable).
        let scale = 1 + tau.reduce(0) { max($0, abs($1)) }
        for j in free where abs(rowTimes(j, w) - tau[j]) > 1e-9 * scale { return nil }
        let nuC = Array(w[0..<m])
        var lambdaC = [Double](repeating: 0, count: p)
        for (a, i) in activeG.enumerated() { lambdaC[i] = w[m + a] }
        for j in 0..<n where boundIndex[j] >= 0 { lambdaC[boundIndex[j]] = sign[j] * (tau[j] - rowTimes(j, w)) }
        return (nuC, lambdaC)
    }

    /// Returns the converged interior-point iterate with the KKT system of its active set.
    private mutating func finish(iterations: Int, polished: Bool) throws -> QPSolution {
        let kkt = try? ActiveSetKKT(structure: s, active: activeSet())
        return makeSolution(kkt: kkt, iterations: iterations, polished: polished)
    }

    private func makeSolution(kkt: ActiveSetKKT?, iterations: Int, polished: Bool) -> QPSolution {
        let n = s.n, pG = s.pG, nl = s.lowerIndex.count
        var equalityDuals = [Double](repeating: 0, count: s.originalEqualityCount)
        for (k, o) in s.equalityOrigin.enumerated() where o >= 0 { equalityDuals[o] = nu[k] }
        var lower = [Double](repeating: 0, count: n)
        var upper = [Double](repeating: 0, count: n)
        for (t, j) in s.lowerIndex.enumerated() { lower[j] = lambda[pG + t] }
        for (t, j) in s.upperIndex.enumerated() { upper[j] = lambda[pG + nl + t] }
        let qScale = 1 + q.reduce(0) { max($0, abs($1)) }
        var weak = 0
        for i in 0..<s.p where slack[i] <= 1e-9 * s.primalScale && lambda[i] <= 1e-9 * qScale { weak += 1 }
        return QPSolution(
            primal: x, equalityDuals: equalityDuals, inequalityDuals: Array(lambda[0..<pG]),
            lowerBoundDuals: lower, upperBoundDuals: upper, iterations: iterations, isPolished: polished,
            optimalityError: KKTResidual.evaluate(structure: s, q: q, x: x, nu: nu, lambda: lambda),
            weaklyActiveCount: weak, reducedEqualityDuals: nu, allInequalityDuals: lambda, kkt: kkt,
            structure: s)
    }
}
