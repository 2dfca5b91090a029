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
///
/// When `Q` is diagonal but there are general rows `G` (knapsack, TSP, matching relaxations), `H`
/// is a diagonal `H₀` plus `Gᵀ D_G G`, and forming it densely would cost `O(n³)`. Instead the
/// system is augmented with `w = D_G G dx`, and `[A; G]` is eliminated against the diagonal `H₀`:
///
/// ```
/// ( [A; G] H₀⁻¹ [A; G]ᵀ + diag(0, D_G⁻¹) ) [dν; w] = [A t − r₂; G t],   t = H₀⁻¹ r₁,
/// dx = t − H₀⁻¹ (Aᵀ dν + Gᵀ w),
/// ```
///
/// an `(m + p_G)`-sized positive definite system formed from the sparse columns of `[A; G]`. It is
/// used when `Q`'s diagonal is strictly positive and well conditioned (smoothing `μI`); otherwise
/// (zero or tiny curvature, where `H₀⁻¹` would blow up) the dense path is kept.
struct NewtonSystem {
    /// Smallest variable count that takes the augmented path.
    static let augmentedMinimumSize = 200
    let structure: QPStructure
    /// Diagonal `Q` with general rows: the augmented Schur path above.
    private let augmented: Bool
    /// Size of the Schur system (`m`, or `m + p_G` on the augmented path).
    private let schurSize: Int
    /// Column-compressed nonzeros of `[A; G]` (augmented path only).
    private let stackedStart: [Int], stackedRow: [Int], stackedValue: [Double]
    /// `H` (dense path: Cholesky factor, lower triangle) or `H⁻¹` diagonal (diagonal path).
    private var h: [Double]
    /// `Y = H⁻¹ Aᵀ`, stored as `m` rows of length `n` (dense path only).
    private var y: [Double]
    /// Cholesky factor of `A H⁻¹ Aᵀ`.
    private var schur: [Double]
    private var scratch: [Double]

    init(structure: QPStructure) {
        self.structure = structure
        let n = structure.n, m = structure.m, pG = structure.pG
        // Only for a well-conditioned strictly positive diagonal (smoothing μI, γI): with zero or tiny
        // entries (e.g. the elastic feasibility program) H₀⁻¹ blows up and the dense path is safer.
        // And only when the Schur system (m + p_G) is smaller than H (n): with many general rows
        // (TSP subtour rows) the dense path is both cheaper and better conditioned.
        // It is reserved for large programs (n ≥ 200, e.g. the 900-variable matching QP, where the dense
        // path is infeasible): on a 40-item knapsack relaxation in training one stalled instance was
        // seen on it (dual residual 0.18 at the limit) that the dense path solves, and the cause is not
        // yet found (docs/layers.md, known gaps).
        if let qd = structure.hessianDiagonal, pG > 0, m + pG < n, n >= Self.augmentedMinimumSize,
            let low = qd.min(), let high = qd.max()
        {
            augmented = low > 0 && low >= 1e-6 * high
        } else {
            augmented = false
        }
        let diagonalH = structure.newtonMatrixIsDiagonal || augmented
        schurSize = augmented ? m + pG : m
        var start = [0], rows: [Int] = [], values: [Double] = []
        if augmented {
            for j in 0..<n {
                for p in structure.columnStart[j]..<structure.columnStart[j + 1] {
                    rows.append(structure.columnRow[p])
                    values.append(structure.columnValue[p])
                }
                for i in 0..<pG where structure.G[i * n + j] != 0 {
                    rows.append(m + i)
                    values.append(structure.G[i * n + j])
                }
                start.append(rows.count)
            }
        }
        stackedStart = start
        stackedRow = rows
        stackedValue = values
        h = [Double](repeating: 0, count: diagonalH ? n : n * n)
        y = diagonalH ? [] : [Double](repeating: 0, count: m * n)
        schur = [Double](repeating: 0, count: schurSize * schurSize)
        scratch = [Double](repeating: 0, count: n)
    }

    /// Forms and factors `H` and `A H⁻¹ Aᵀ` for the scaling `d = λ / s`.
    /// - Returns: `false` if a factorization fails even after a tiny diagonal regularization.
    mutating func factor(scaling d: [Double]) -> Bool {
        let s = structure
        let n = s.n, m = s.m, pG = s.pG, nl = s.lowerIndex.count
        if augmented, let qd = s.hessianDiagonal {
            let k = schurSize
            for j in 0..<n { h[j] = qd[j] }
            for (t, j) in s.lowerIndex.enumerated() { h[j] += d[pG + t] }
            for (t, j) in s.upperIndex.enumerated() { h[j] += d[pG + nl + t] }
            for j in 0..<n {
                guard h[j] > 0, h[j].isFinite else { return false }
                h[j] = 1 / h[j]
            }
            for i in 0..<(k * k) { schur[i] = 0 }
            for j in 0..<n {
                let w = h[j]
                for p in stackedStart[j]..<stackedStart[j + 1] {
                    let rp = stackedRow[p], vp = stackedValue[p] * w
                    for q in stackedStart[j]..<stackedStart[j + 1] where stackedRow[q] <= rp {
                        schur[rp * k + stackedRow[q]] += vp * stackedValue[q]
                    }
                }
            }
            // D_G⁻¹ = s/λ on the general rows (huge for inactive rows, which decouples them; capped
            // so the matrix stays within 1e14 of its own scale). Regularization, if a pivot fails
            // (dependent active rows), is relative to the un-augmented diagonal, not to the caps.
            var scale = 0.0
            for i in 0..<k { scale = max(scale, schur[i * k + i]) }
            scale = max(scale, 1e-300)
            for i in 0..<pG {
                guard d[i] >= 0, !d[i].isNaN else { return false }
                schur[(m + i) * k + m + i] += min(1 / max(d[i], 1e-300), 1e14 * scale)
            }
            return factorWithRegularization(&schur, size: k, scale: scale)
        }
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
    private func factorWithRegularization(_ a: inout [Double], size k: Int, scale: Double? = nil) -> Bool {
        guard k > 0 else { return true }
        let original = a
        let maxDiag = scale ?? (0..<k).reduce(0.0) { max($0, abs(original[$1 * k + $1])) }
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
        if augmented {
            var t = r1
            for j in 0..<n { t[j] *= h[j] }
            var rhs = [Double](repeating: 0, count: schurSize)
            for j in 0..<n where t[j] != 0 {
                for p in stackedStart[j]..<stackedStart[j + 1] { rhs[stackedRow[p]] += stackedValue[p] * t[j] }
            }
            for k in 0..<m { rhs[k] -= r2[k] }
            Cholesky.solve(schur, n: schurSize, &rhs)
            var dx = t
            for j in 0..<n {
                var v = 0.0
                for p in stackedStart[j]..<stackedStart[j + 1] { v += stackedValue[p] * rhs[stackedRow[p]] }
                dx[j] -= h[j] * v
            }
            return (dx, Array(rhs[0..<m]))
        }
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
        if structure.newtonMatrixIsDiagonal || augmented {
            for j in 0..<structure.n { v[j] *= h[j] }
        } else {
            Cholesky.solve(h, n: structure.n, &v)
        }
    }
}
