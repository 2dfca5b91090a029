/// The reduced Newton system of one interior-point iteration,
///
/// ```
/// [ H  Aᵀ ] [dx]   [r₁]
/// [ A  0  ] [dν] = [r₂],      H = Q + Cᵀ D C,   D = diag(λ / s),
/// ```
///
/// solved by a Cholesky factorization of `H` (a diagonal when `Q` is diagonal and every inequality
/// is a bound) and of the Schur complement `A H⁻¹ Aᵀ` (`m × m`, positive definite because the
/// structure's `A` has full row rank). Both factorizations are formed once per iteration and used
/// for the predictor and the corrector solves. Storage is reused across iterations.
struct NewtonSystem {
    let structure: QPStructure
    /// `H` (dense path: Cholesky factor, lower triangle) or `H⁻¹` diagonal (diagonal path).
    private var h: [Double]
    /// `Y = H⁻¹ Aᵀ`, stored as `m` rows of length `n` (dense path only).
    private var y: [Double]
    /// Cholesky factor of `A H⁻¹ Aᵀ`.
    private var schur: [Double]
    private var scratch: [Double]

    init(structure: QPStructure) {
        self.structure = structure
        let n = structure.n, m = structure.m
        h = [Double](repeating: 0, count: structure.newtonMatrixIsDiagonal ? n : n * n)
        y = structure.newtonMatrixIsDiagonal ? [] : [Double](repeating: 0, count: m * n)
        schur = [Double](repeating: 0, count: m * m)
        scratch = [Double](repeating: 0, count: n)
    }

    /// Forms and factors `H` and `A H⁻¹ Aᵀ` for the scaling `d = λ / s`.
    /// - Returns: `false` if a factorization fails even after a tiny diagonal regularization.
    mutating func factor(scaling d: [Double]) -> Bool {
        let s = structure
        let n = s.n, m = s.m, pG = s.pG, nl = s.lowerIndex.count
        if let qd = s.hessianDiagonal, pG == 0 {
            for j in 0..<n { h[j] = qd[j] }
            for (t, j) in s.lowerIndex.enumerated() { h[j] += d[t] }
            for (t, j) in s.upperIndex.enumerated() { h[j] += d[nl + t] }
            for j in 0..<n {
                guard h[j] > 0, h[j].isFinite else { return false }
                h[j] = 1 / h[j]
            }
            // A H⁻¹ Aᵀ = Σ_j h⁻¹_j a_j a_jᵀ over the nonzeros of each column a_j.
            for i in 0..<(m * m) { schur[i] = 0 }
            for j in 0..<n {
                let w = h[j]
                for p in s.columnStart[j]..<s.columnStart[j + 1] {
                    let rp = s.columnRow[p], vp = s.columnValue[p] * w
                    for q in s.columnStart[j]..<s.columnStart[j + 1] where s.columnRow[q] <= rp {
                        schur[rp * m + s.columnRow[q]] += vp * s.columnValue[q]
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
            for k in 0..<m {
                for j in 0..<n { scratch[j] = s.A[k * n + j] }
                Cholesky.solve(h, n: n, &scratch)
                for j in 0..<n { y[k * n + j] = scratch[j] }
            }
            for r in 0..<m {
                for c in 0...r {
                    var v = 0.0
                    for j in 0..<n { v += s.A[r * n + j] * y[c * n + j] }
                    schur[r * m + c] = v
                }
            }
        }
        return factorWithRegularization(&schur, size: m)
    }

    /// Cholesky of the lower triangle, retrying with `δI` (δ growing from `1e-14·max diag`) when a
    /// pivot fails: near the end of an interior-point run `D` spans 20+ orders of magnitude.
    private func factorWithRegularization(_ a: inout [Double], size k: Int) -> Bool {
        guard k > 0 else { return true }
        let original = a
        let maxDiag = (0..<k).reduce(0.0) { max($0, abs(original[$1 * k + $1])) }
        var delta = 1e-14 * max(maxDiag, 1e-300)
        if Cholesky.factor(&a, n: k) { return true }
        for _ in 0..<6 {
            a = original
            for i in 0..<k { a[i * k + i] += delta }
            if Cholesky.factor(&a, n: k) { return true }
            delta *= 100
        }
        return false
    }

    /// Solves the system for right-hand sides `r1` (length `n`) and `r2` (length `m`).
    mutating func solve(_ r1: [Double], _ r2: [Double]) -> (dx: [Double], dnu: [Double]) {
        let s = structure
        let n = s.n, m = s.m
        // t = H⁻¹ r1
        var t = r1
        applyHInverse(&t)
        // S dν = A t − r2
        var dnu = [Double](repeating: 0, count: m)
        s.applyEqualities(t, into: &dnu)
        for k in 0..<m { dnu[k] -= r2[k] }
        Cholesky.solve(schur, n: m, &dnu)
        // dx = t − H⁻¹ Aᵀ dν
        var dx = t
        if s.newtonMatrixIsDiagonal {
            for j in 0..<n {
                var v = 0.0
                for p in s.columnStart[j]..<s.columnStart[j + 1] { v += s.columnValue[p] * dnu[s.columnRow[p]] }
                dx[j] -= h[j] * v
            }
        } else {
            for k in 0..<m where dnu[k] != 0 {
                for j in 0..<n { dx[j] -= y[k * n + j] * dnu[k] }
            }
        }
        return (dx, dnu)
    }

    private func applyHInverse(_ v: inout [Double]) {
        if structure.newtonMatrixIsDiagonal {
            for j in 0..<structure.n { v[j] *= h[j] }
        } else {
            Cholesky.solve(h, n: structure.n, &v)
        }
    }
}
