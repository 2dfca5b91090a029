import DFLImplicit
import DFLLinearAlgebra

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
///
/// The backward pass is DFLImplicit's root VJP of the active-set KKT conditions
/// (``optimality(structure:)``, the map of `QuadraticProgramKKT.activeSetOptimality(active:)`
/// restricted to the free variables) with this factorization as a pre-factored linear solver
/// (``factoredSolver``): the Schur-complement factorization exploits a diagonal `Q`, drops dependent
/// rows, and is already paid for by the forward pass's polish, so a generic dense factorization of
/// `K` would only repeat the work.
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
    /// - Throws: ``QuadraticProgramError`` `.numericalFailure` when `Q_FF` is not positive definite.
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
                    throw QuadraticProgramError(
                        .numericalFailure,
                        "QP: Q[\(j),\(j)] = \(d[j]) on a free variable; the KKT derivative needs Q ≻ 0 on free variables"
                    )
                }
                return 1 / d[j]
            }
        } else {
            factor = [Double](repeating: 0, count: nf * nf)
            for (a, i) in free.enumerated() {
                for (b, j) in free.enumerated() { factor[a * nf + b] = s.hessian[i * n + j] }
            }
            guard Cholesky.factor(&factor, n: nf) else {
                throw QuadraticProgramError(
                    .numericalFailure,
                    "QP: Q restricted to the \(nf) free variables is not positive definite; the KKT derivative needs Q ≻ 0 there"
                )
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
        let schurMatrix = symmetricRowProduct(rows, inverseRows, count: k, width: nf)
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

extension ActiveSetKKT {
    /// This factorization as DFLImplicit's pre-factored solver of `K [u; w] = [g; e]`
    /// (unknowns: the free variables, then the constraint rows).
    var factoredSolver: FactoredLinearSolver {
        let nf = free.count
        return FactoredLinearSolver(name: "QP active-set KKT", size: nf + rowCount) { [self] b in
            let (u, w) = solve(top: Array(b[0..<nf]), bottom: Array(b[nf...]))
            return u + w
        }
    }

    /// The KKT conditions on the active set in the unknowns `z = (x_F, w)`, with parameters
    /// `θ = (q, b, h)`: `F = [Q_FF x_F + q_F + C_Fᵀw; C_F x_F − (b, h)_rows]`, so
    /// `(∂F/∂z)ᵀ = K` (symmetric) and `(∂F/∂θ)ᵀ(u, w) = (u on F, −w on the kept rows)`.
    /// The root's cotangent is `(∂L/∂x_F, 0)`.
    func optimality(structure s: QPStructure) -> ImplicitRoot<QPGradient> {
        let nf = free.count, k = rowCount, n = self.n
        let free = self.free, rows = self.rows, origin = rowOrigin
        return ImplicitRoot(
            size: nf + k,
            solutionTransposedJacobian: { v in
                // K v, from Q restricted to F and the kept rows (only used by generic solvers).
                var hessian = Matrix(rows: nf, columns: nf)
                for (a, i) in free.enumerated() {
                    for (b, j) in free.enumerated() { hessian[a, b] = s.hessian[i * n + j] }
                }
                let kkt = QuadraticProgramKKT(
                    hessian: hessian, equalityMatrix: Matrix(rows: k, columns: nf, elements: rows))
                return try kkt.activeSetOptimality(active: []).solutionTransposedJacobian(v)
            },
            parameterTransposedJacobian: { z in
                var dq = [Double](repeating: 0, count: n)
                for (a, j) in free.enumerated() { dq[j] = z[a] }
                var db = [Double](repeating: 0, count: s.originalEqualityCount)
                var dh = [Double](repeating: 0, count: s.pG)
                for (r, o) in origin.enumerated() {
                    if o < s.m {
                        let original = s.equalityOrigin[o]
                        if original >= 0 { db[original] = -z[nf + r] }
                    } else {
                        dh[o - s.m] = -z[nf + r]
                    }
                }
                return QPGradient(linear: dq, equalityRHS: db, inequalityRHS: dh)
            })
    }
}
