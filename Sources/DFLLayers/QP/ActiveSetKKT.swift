/// The equality-constrained KKT system of a QP on a fixed active set,
///
/// ```
/// [ Q_FF  C_Fᵀ ] [u]   [g]
/// [ C_F   0    ] [w] = [e],
/// ```
///
/// where `F` are the variables not held at an active bound and `C_F` stacks the (reduced)
/// equality rows and the active rows of `G`, restricted to `F` (rows that vanish on `F` are left
/// out; their multipliers are zero). It is factored once — `Q_FF` by
/// Cholesky (or an inverted diagonal) and the Schur complement `C_F Q_FF⁻¹ C_Fᵀ` by a
/// rank-revealing pivoted Cholesky that drops dependent active rows (degenerate vertices, the
/// redundant flow row) — and then serves both the polishing solve of the forward pass and every
/// vector–Jacobian product of the backward pass.
struct ActiveSetKKT: Sendable {
    /// Number of variables of the full problem.
    let n: Int
    /// Free variables (not at an active bound).
    let free: [Int]
    /// For each free position, `1 / Q_jj` when `Q_FF` is diagonal; empty otherwise.
    let hessianInverseDiagonal: [Double]
    /// Cholesky factor of `Q_FF` (dense path), `|F| × |F|`.
    let hessianFactor: [Double]
    /// Constraint rows restricted to `F`, `k × |F|` row-major.
    let rows: [Double]
    /// For each row: `0..<m` a reduced equality row, `m + i` the inequality row `i` of `G`.
    let rowOrigin: [Int]
    /// `Q_FF⁻¹ C_Fᵀ` stored as `k` rows of length `|F|`.
    let hessianInverseRows: [Double]
    /// Rank-revealing factor of the Schur complement.
    let schur: PivotedCholesky

    /// Factors the system for the inequality rows marked `active` (indexing `[G | lower | upper]`).
    /// - Throws: ``LayerError`` `.numericalFailure` when `Q_FF` is not positive definite.
    init(structure s: QPStructure, active: [Bool]) throws {
        let n = s.n, pG = s.pG, nl = s.lowerIndex.count
        var isFixed = [Bool](repeating: false, count: n)
        for (t, j) in s.lowerIndex.enumerated() where active[pG + t] { isFixed[j] = true }
        for (t, j) in s.upperIndex.enumerated() where active[pG + nl + t] { isFixed[j] = true }
        let free = (0..<n).filter { !isFixed[$0] }
        let nf = free.count
        self.n = n
        self.free = free

        var inverseDiagonal: [Double] = []
        var factor: [Double] = []
        if let d = s.hessianDiagonal {
            inverseDiagonal = try free.map { j in
                guard d[j] > 0 else {
                    throw LayerError(
                        .numericalFailure,
                        "QP: Q[\(j),\(j)] = \(d[j]) on a free variable; the KKT derivative needs Q ≻ 0 on free variables")
                }
                return 1 / d[j]
            }
        } else {
            factor = [Double](repeating: 0, count: nf * nf)
            for (a, i) in free.enumerated() {
                for (b, j) in free.enumerated() { factor[a * nf + b] = s.hessian[i * n + j] }
            }
            guard Cholesky.factor(&factor, n: nf) else {
                throw LayerError(
                    .numericalFailure,
                    "QP: Q restricted to the \(nf) free variables is not positive definite; the KKT derivative needs Q ≻ 0 there")
            }
        }
        hessianInverseDiagonal = inverseDiagonal
        hessianFactor = factor

        // Rows that vanish on the free variables (a flow row of a node no free arc touches) carry
        // no information: they are left out, so the Schur complement is formed over the rows that
        // matter (on a 30×30 grid a few dozen instead of 899) and their multipliers are zero.
        var rows: [Double] = []
        var origin: [Int] = []
        for k in 0..<s.m {
            let restricted = free.map { s.A[k * n + $0] }
            guard restricted.contains(where: { $0 != 0 }) else { continue }
            rows += restricted
            origin.append(k)
        }
        for i in 0..<pG where active[i] {
            let restricted = free.map { s.G[i * n + $0] }
            guard restricted.contains(where: { $0 != 0 }) else { continue }
            rows += restricted
            origin.append(s.m + i)
        }
        let k = origin.count
        self.rows = rows
        rowOrigin = origin

        var inverseRows = rows
        for r in 0..<k {
            if !inverseDiagonal.isEmpty {
                for a in 0..<nf { inverseRows[r * nf + a] *= inverseDiagonal[a] }
            } else if nf > 0 {
                var v = Array(rows[(r * nf)..<((r + 1) * nf)])
                Cholesky.solve(factor, n: nf, &v)
                for a in 0..<nf { inverseRows[r * nf + a] = v[a] }
            }
        }
        hessianInverseRows = inverseRows
        var schurMatrix = [Double](repeating: 0, count: k * k)
        for r in 0..<k {
            for c in 0...r where c < k {
                var v = 0.0
                for a in 0..<nf { v += rows[r * nf + a] * inverseRows[c * nf + a] }
                schurMatrix[r * k + c] = v
                schurMatrix[c * k + r] = v
            }
        }
        schur = PivotedCholesky(schurMatrix, size: k)
    }

    /// Number of constraint rows (equalities plus active `G` rows).
    var rowCount: Int { rowOrigin.count }

    /// Solves the KKT system for `g` (length `|F|`) and `e` (length `rowCount`).
    func solve(top g: [Double], bottom e: [Double]) -> (u: [Double], w: [Double]) {
        let nf = free.count, k = rowCount
        var t = g
        applyHessianInverse(&t)
        var rhs = [Double](repeating: 0, count: k)
        for r in 0..<k {
            var v = 0.0
            for a in 0..<nf { v += rows[r * nf + a] * t[a] }
            rhs[r] = v - e[r]
        }
        let w = schur.solve(rhs)
        var u = t
        for r in 0..<k where w[r] != 0 {
            let wr = w[r]
            for a in 0..<nf { u[a] -= hessianInverseRows[r * nf + a] * wr }
        }
        return (u, w)
    }

    private func applyHessianInverse(_ v: inout [Double]) {
        if !hessianInverseDiagonal.isEmpty {
            for a in 0..<v.count { v[a] *= hessianInverseDiagonal[a] }
        } else {
            Cholesky.solve(hessianFactor, n: free.count, &v)
        }
    }
}
