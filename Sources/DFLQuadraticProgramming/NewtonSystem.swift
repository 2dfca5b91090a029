import DFLLinearAlgebra

/// The reduced Newton system of one interior-point iteration,
///
/// ```
/// [ H  Aᵀ ] [dx]   [r₁]
/// [ A  0  ] [dν] = [r₂],      H = Q + Cᵀ D C,   D = diag(λ / s),
/// ```
///
/// solved through `H⁻¹` and a Cholesky factorization of the Schur complement `A H⁻¹ Aᵀ` (`m × m`,
/// positive definite because the structure's `A` has full row rank). Three ways to apply `H⁻¹`:
///
/// - **diagonal**: `Q` diagonal and every inequality a bound, so `H` is a diagonal;
/// - **low rank**: `Q` diagonal with `p_G` general rows. With the diagonal `H₀ = Q + (bound terms)`
///   the rows split by their scaling: rows with `λᵢ ≤ sᵢ` (`dᵢ ≤ 1`, "inactive") enter by the
///   Woodbury identity, `H₁ = H₀ + R_Iᵀ R_I`, `R_I = D_I^{1/2} G_I`,
///   `H₁⁻¹ = H₀⁻¹ − H₀⁻¹ R_Iᵀ (I + R_I H₀⁻¹ R_Iᵀ)⁻¹ R_I H₀⁻¹` (a factor `⪰ I`, well conditioned
///   because `dᵢ ≤ 1`); rows with `dᵢ > 1` ("active") enter in augmented form,
///   `H⁻¹v = H₁⁻¹(v − G_Aᵀ y)`, `(G_A H₁⁻¹ G_Aᵀ + D_A⁻¹) y = G_A H₁⁻¹ v`, where `D_A⁻¹ < 1` stays
///   bounded and an error of `y` along dependent active rows (a perfect matching's row and
///   column sums) is annihilated by `G_Aᵀ`. Huge `dᵢ` never multiply anything, unlike a plain
///   Woodbury form, which stalls on such degenerate vertices; each solve is refined iteratively
///   against the explicitly applied `H`. Cost `O(p_G² n)` instead of `O(n³)`: the 900-variable,
///   61-row matching QP factors a `61 × 61` matrix instead of a `900 × 900` one;
/// - **dense**: Cholesky of the `n × n` matrix `H`.
///
/// All factorizations are formed once per iteration and serve the predictor and the corrector
/// solves.
struct NewtonSystem {
    /// How `H⁻¹` is applied (see the type's documentation).
    enum Path: Equatable { case diagonal, lowRank, dense }

    let structure: QPStructure
    let path: Path
    /// `H` (dense path: Cholesky factor, lower triangle) or `H⁻¹` / `H₀⁻¹` diagonal.
    private var h: [Double]
    /// `Y = H⁻¹ Aᵀ`, stored as `m` rows of length `n` (dense and low-rank paths).
    private var y: [Double]
    /// Low-rank path: the inactive and active general rows of the current scaling.
    private var inactiveRows: [Int] = [], activeRows: [Int] = []
    /// Low-rank path: `R_I = D_I^{1/2} G_I` and `R_I H₀⁻¹` (`p_I × n`), and the Cholesky factor of
    /// `K = I + R_I H₀⁻¹ R_Iᵀ`.
    private var r: [Double] = [], rScaled: [Double] = [], k: [Double] = []
    /// Low-rank path: `H₁⁻¹ G_Aᵀ` (`p_A × n`) and the Cholesky factor of `G_A H₁⁻¹ G_Aᵀ + D_A⁻¹`.
    private var activeSolved: [Double] = [], activeSchur: [Double] = []
    /// Cholesky factor of `A H⁻¹ Aᵀ`.
    private var schur: [Double]
    private var scratch: [Double]
    /// The scaling `d` of the last factorization (low-rank path, for iterative refinement).
    private var scaling: [Double] = []

    /// Picks the path for `structure` under `strategy`.
    static func path(for structure: QPStructure, strategy: InteriorPointQPSolver.NewtonStrategy) -> Path {
        let s = structure
        if s.newtonMatrixIsDiagonal { return .diagonal }
        guard let qd = s.hessianDiagonal else { return .dense }
        // H₀ must be positive definite for every scaling: each variable needs curvature or a bound.
        var hasBound = [Bool](repeating: false, count: s.n)
        for j in s.lowerIndex { hasBound[j] = true }
        for j in s.upperIndex { hasBound[j] = true }
        guard (0..<s.n).allSatisfy({ qd[$0] > 0 || hasBound[$0] }) else { return .dense }
        switch strategy {
        case .dense: return .dense
        case .lowRank: return .lowRank
        case .automatic: return s.n >= 100 && 4 * s.pG <= s.n ? .lowRank : .dense
        }
    }

    init(structure: QPStructure, strategy: InteriorPointQPSolver.NewtonStrategy = .automatic) {
        self.structure = structure
        let n = structure.n, m = structure.m
        path = Self.path(for: structure, strategy: strategy)
        h = [Double](repeating: 0, count: path == .dense ? n * n : n)
        y = path == .diagonal ? [] : [Double](repeating: 0, count: m * n)
        schur = [Double](repeating: 0, count: m * m)
        scratch = [Double](repeating: 0, count: n)
    }

    /// Forms and factors `H` and `A H⁻¹ Aᵀ` for the scaling `d = λ / s`.
    /// - Returns: `false` if a factorization fails even after a tiny diagonal regularization.
    mutating func factor(scaling d: [Double]) -> Bool {
        let s = structure
        let n = s.n, m = s.m, pG = s.pG, nl = s.lowerIndex.count
        if path == .lowRank {
            scaling = d
            guard factorLowRank(scaling: d) else { return false }
            formEqualitySchur()
        } else if let qd = s.hessianDiagonal, pG == 0 {
            for j in 0..<n { h[j] = qd[j] }
            for (t, j) in s.lowerIndex.enumerated() { h[j] += d[t] }
            for (t, j) in s.upperIndex.enumerated() { h[j] += d[nl + t] }
            for j in 0..<n {
                guard h[j] > 0, h[j].isFinite else { return false }
                h[j] = 1 / h[j]
            }
            // A H⁻¹ Aᵀ = Σ_j h⁻¹_j a_j a_jᵀ over the nonzeros of each column a_j.
            for i in 0..<(m * m) { schur[i] = 0 }
            let a = s.equalityColumns
            for j in 0..<n {
                let w = h[j]
                for p in a.start[j]..<a.start[j + 1] {
                    let rp = a.row[p], vp = a.value[p] * w
                    for q in a.start[j]..<a.start[j + 1] where a.row[q] <= rp {
                        schur[rp * m + a.row[q]] += vp * a.value[q]
                    }
                }
            }
        } else {
            for i in 0..<(n * n) { h[i] = s.hessian[i] }
            for i in 0..<pG where d[i] != 0 {
                let di = d[i]
                for r in 0..<n {
                    let gr = s.G[i * n + r] * di
                    if gr == 0 { continue }
                    for c in 0...r { h[r * n + c] += gr * s.G[i * n + c] }
                }
            }
            for (t, j) in s.lowerIndex.enumerated() { h[j * n + j] += d[pG + t] }
            for (t, j) in s.upperIndex.enumerated() { h[j * n + j] += d[pG + nl + t] }
            guard factorWithRegularization(&h, size: n) else { return false }
            formEqualitySchur()
        }
        return factorWithRegularization(&schur, size: m, bandwidth: schurBandwidth)
    }

    /// Bandwidth used for `A H⁻¹ Aᵀ`: the structure's on the diagonal path when it is narrow (grid
    /// flow rows), else `nil` (dense).
    private var schurBandwidth: Int? {
        path == .diagonal && 3 * structure.equalityBandwidth < structure.m ? structure.equalityBandwidth : nil
    }

    /// Low-rank path: `H₀⁻¹`, the Woodbury factor of the inactive rows and the augmented Schur
    /// factor of the active rows.
    private mutating func factorLowRank(scaling d: [Double]) -> Bool {
        let s = structure
        let n = s.n, pG = s.pG, nl = s.lowerIndex.count
        guard let qd = s.hessianDiagonal else { return false }
        for j in 0..<n { h[j] = qd[j] }
        for (t, j) in s.lowerIndex.enumerated() { h[j] += d[pG + t] }
        for (t, j) in s.upperIndex.enumerated() { h[j] += d[pG + nl + t] }
        for j in 0..<n {
            guard h[j] > 0, h[j].isFinite else { return false }
            h[j] = 1 / h[j]
        }
        for i in 0..<pG { guard d[i] >= 0, d[i].isFinite else { return false } }
        inactiveRows = (0..<pG).filter { d[$0] <= 1 }
        activeRows = (0..<pG).filter { d[$0] > 1 }
        // Inactive rows: K = I + (R_I H₀⁻¹) R_Iᵀ.
        let pI = inactiveRows.count
        r = [Double](repeating: 0, count: pI * n)
        rScaled = r
        for (a, i) in inactiveRows.enumerated() {
            let w = d[i].squareRoot()
            for j in 0..<n {
                let v = w * s.G[i * n + j]
                r[a * n + j] = v
                rScaled[a * n + j] = v * h[j]
            }
        }
        k = [Double](repeating: 0, count: pI * pI)
        if pI > 0 {
            rScaled.withUnsafeBufferPointer { a in
                r.withUnsafeBufferPointer { b in
                    k.withUnsafeMutableBufferPointer { c in
                        gemm(
                            transposeB: true, m: pI, n: pI, k: n, a: a.baseAddress!, b: b.baseAddress!,
                            c: c.baseAddress!)
                    }
                }
            }
            for a in 0..<pI { k[a * pI + a] += 1 }
            guard Cholesky.factor(&k, n: pI) else { return false }
        }
        // Active rows: H₁⁻¹ G_Aᵀ and G_A H₁⁻¹ G_Aᵀ + D_A⁻¹.
        let pA = activeRows.count
        activeSolved = [Double](repeating: 0, count: pA * n)
        for (a, i) in activeRows.enumerated() {
            for j in 0..<n { scratch[j] = s.G[i * n + j] }
            applyH1Inverse(&scratch)
            for j in 0..<n { activeSolved[a * n + j] = scratch[j] }
        }
        activeSchur = [Double](repeating: 0, count: pA * pA)
        for (a, i) in activeRows.enumerated() {
            for c in 0...a where c < pA {
                var v = 0.0
                for j in 0..<n { v += s.G[i * n + j] * activeSolved[c * n + j] }
                activeSchur[a * pA + c] = v
            }
            activeSchur[a * pA + a] += 1 / d[i]
        }
        return factorWithRegularization(&activeSchur, size: pA)
    }

    /// `v ← H₁⁻¹ v` on the low-rank path (Woodbury over the inactive rows).
    private func applyH1Inverse(_ v: inout [Double]) {
        let n = structure.n, pI = inactiveRows.count
        var z = [Double](repeating: 0, count: pI)
        for a in 0..<pI {
            var acc = 0.0
            for j in 0..<n { acc += rScaled[a * n + j] * v[j] }
            z[a] = acc
        }
        Cholesky.solve(k, n: pI, &z)
        for j in 0..<n { v[j] *= h[j] }
        for a in 0..<pI where z[a] != 0 {
            let za = z[a]
            for j in 0..<n { v[j] -= rScaled[a * n + j] * za }
        }
    }

    /// `Y = H⁻¹ Aᵀ` (row by row) and the lower triangle of `A Y`, for the dense and low-rank paths.
    private mutating func formEqualitySchur() {
        let s = structure
        let n = s.n, m = s.m
        for row in 0..<m {
            for j in 0..<n { scratch[j] = s.A[row * n + j] }
            applyHInverse(&scratch)
            for j in 0..<n { y[row * n + j] = scratch[j] }
        }
        for r in 0..<m {
            for c in 0...r {
                var v = 0.0
                for j in 0..<n { v += s.A[r * n + j] * y[c * n + j] }
                schur[r * m + c] = v
            }
        }
    }

    /// Cholesky of the lower triangle, retrying with `δI` (δ growing from `1e-14·max diag`) when a
    /// pivot fails: near the end of an interior-point run `D` spans 20+ orders of magnitude.
    private func factorWithRegularization(_ a: inout [Double], size k: Int, bandwidth: Int? = nil) -> Bool {
        guard k > 0 else { return true }
        let original = a
        let maxDiag = (0..<k).reduce(0.0) { max($0, abs(original[$1 * k + $1])) }
        var delta = 1e-14 * max(maxDiag, 1e-300)
        if Cholesky.factor(&a, n: k, bandwidth: bandwidth) { return true }
        for _ in 0..<6 {
            a = original
            for i in 0..<k { a[i * k + i] += delta }
            if Cholesky.factor(&a, n: k, bandwidth: bandwidth) { return true }
            delta *= 100
        }
        return false
    }

    /// Solves the system for right-hand sides `r1` (length `n`) and `r2` (length `m`).
    ///
    /// On the low-rank path the result is improved by iterative refinement against the explicitly
    /// applied system (up to ``refinementSteps`` corrections while the residual shrinks): late in a
    /// run `D` spans 20+ orders of magnitude and, unlike a Cholesky factor of `H` itself, the
    /// Woodbury/augmented solve is not backward stable in that regime — without refinement the
    /// dual residual stalls (seen: 0.46 on a perfect matching, where the dense path converges).
    mutating func solve(_ r1: [Double], _ r2: [Double]) -> (dx: [Double], dnu: [Double]) {
        var (dx, dnu) = solveOnce(r1, r2)
        guard path == .lowRank else { return (dx, dnu) }
        let s = structure
        let n = s.n, m = s.m
        func residual(_ dx: [Double], _ dnu: [Double]) -> (top: [Double], bottom: [Double], size: Double) {
            var top = applyH(dx)
            s.addTransposedEqualities(dnu, into: &top)
            for j in 0..<n { top[j] = r1[j] - top[j] }
            var bottom = [Double](repeating: 0, count: m)
            s.applyEqualities(dx, into: &bottom)
            for k in 0..<m { bottom[k] = r2[k] - bottom[k] }
            let size = max(maxAbsolute(top), maxAbsolute(bottom))
            return (top, bottom, size)
        }
        var current = residual(dx, dnu)
        for _ in 0..<Self.refinementSteps where current.size > 0 {
            let (cx, cnu) = solveOnce(current.top, current.bottom)
            let tx = zip(dx, cx).map { $0 + $1 }, tnu = zip(dnu, cnu).map { $0 + $1 }
            let next = residual(tx, tnu)
            guard next.size < current.size else { break }
            (dx, dnu, current) = (tx, tnu, next)
        }
        return (dx, dnu)
    }

    /// Iterative-refinement corrections on the low-rank path.
    static let refinementSteps = 3

    /// `H v = Q v + Cᵀ D C v` for the scaling of the last ``factor(scaling:)``.
    private func applyH(_ v: [Double]) -> [Double] {
        let s = structure
        var out = [Double](repeating: 0, count: s.n)
        s.applyHessian(v, into: &out)
        var cv = [Double](repeating: 0, count: s.p)
        s.applyInequalities(v, into: &cv)
        for i in 0..<s.p { cv[i] *= scaling[i] }
        s.addTransposedInequalities(cv, into: &out)
        return out
    }

    /// One solve with the current factorization (no refinement).
    private func solveOnce(_ r1: [Double], _ r2: [Double]) -> (dx: [Double], dnu: [Double]) {
        let s = structure
        let n = s.n, m = s.m
        // t = H⁻¹ r1
        var t = r1
        applyHInverse(&t)
        // S dν = A t − r2
        var dnu = [Double](repeating: 0, count: m)
        s.applyEqualities(t, into: &dnu)
        for k in 0..<m { dnu[k] -= r2[k] }
        Cholesky.solve(schur, n: m, &dnu, bandwidth: schurBandwidth)
        // dx = t − H⁻¹ Aᵀ dν
        var dx = t
        if path == .diagonal {
            for j in 0..<n { dx[j] -= h[j] * s.equalityColumns.columnDot(j, dnu) }
        } else {
            for k in 0..<m where dnu[k] != 0 {
                for j in 0..<n { dx[j] -= y[k * n + j] * dnu[k] }
            }
        }
        return (dx, dnu)
    }

    private func applyHInverse(_ v: inout [Double]) {
        let n = structure.n
        switch path {
        case .diagonal:
            for j in 0..<n { v[j] *= h[j] }
        case .dense:
            Cholesky.solve(h, n: n, &v)
        case .lowRank:
            // H⁻¹v = H₁⁻¹v − (H₁⁻¹ G_Aᵀ) y,  (G_A H₁⁻¹ G_Aᵀ + D_A⁻¹) y = G_A H₁⁻¹ v.
            applyH1Inverse(&v)
            let pA = activeRows.count
            guard pA > 0 else { return }
            var y = [Double](repeating: 0, count: pA)
            for (a, i) in activeRows.enumerated() {
                var acc = 0.0
                for j in 0..<n { acc += structure.G[i * n + j] * v[j] }
                y[a] = acc
            }
            Cholesky.solve(activeSchur, n: pA, &y)
            for a in 0..<pA where y[a] != 0 {
                let ya = y[a]
                for j in 0..<n { v[j] -= activeSolved[a * n + j] * ya }
            }
        }
    }
}
