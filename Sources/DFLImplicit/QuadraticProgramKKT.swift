import DFLLinearAlgebra

/// The KKT optimality conditions of a convex quadratic program (jaxopt's `make_kkt_optimality_fun`)
///
/// ```
/// min_x ½ xᵀQx + qᵀx   s.t.   A x = b,   G x ≤ h,
/// ```
///
/// with parameters `θ = (q, b, h)`, as residuals and as optimality maps for ``ImplicitRoot``:
/// - stationarity `Qx + q + Aᵀν + Gᵀλ = 0`;
/// - primal feasibility `Ax − b = 0` (and `Gx ≤ h`);
/// - complementary slackness `λ ∘ (Gx − h) = 0` (with `λ ≥ 0`).
///
/// ``activeSetOptimality(active:)`` writes complementary slackness on an active set `𝒜` as the
/// equalities `G_𝒜 x = h_𝒜` (and `λ = 0` off `𝒜`), which gives the symmetric KKT matrix
/// `K = [[Q, Aᵀ, G_𝒜ᵀ], [A, 0, 0], [G_𝒜, 0, 0]]` that the QP layers factor (exact where strict
/// complementarity holds). ``complementarityOptimality(primal:inequalityDuals:inequalityRHS:)``
/// keeps the product form `λ ∘ (Gx − h)` (OptNet's non-symmetric system; needs no active set).
public struct QuadraticProgramKKT: Sendable {
    /// `Q`, `n × n` (symmetric positive semidefinite).
    public let hessian: Matrix
    /// `A`, `m × n` (may have zero rows).
    public let equalityMatrix: Matrix
    /// `G`, `p × n` (may have zero rows).
    public let inequalityMatrix: Matrix

    /// The conditions of a QP with these matrices.
    /// - Precondition: `Q` is square and `A`, `G` have `n` columns.
    public init(hessian: Matrix, equalityMatrix: Matrix? = nil, inequalityMatrix: Matrix? = nil) {
        let n = hessian.rows
        precondition(
            hessian.columns == n, "QuadraticProgramKKT: Q must be square, got \(hessian.rows)×\(hessian.columns)")
        let a = equalityMatrix ?? Matrix(rows: 0, columns: n)
        let g = inequalityMatrix ?? Matrix(rows: 0, columns: n)
        precondition(a.columns == n && g.columns == n, "QuadraticProgramKKT: A and G must have \(n) columns")
        self.hessian = hessian
        self.equalityMatrix = a
        self.inequalityMatrix = g
    }

    /// Number of variables `n`.
    public var variableCount: Int { hessian.rows }
    /// Number of equality rows `m`.
    public var equalityCount: Int { equalityMatrix.rows }
    /// Number of inequality rows `p`.
    public var inequalityCount: Int { inequalityMatrix.rows }

    /// The three KKT residual blocks at a primal–dual point.
    public struct Residual: Sendable, Equatable {
        /// `Qx + q + Aᵀν + Gᵀλ` (length `n`).
        public var stationarity: [Double]
        /// `Ax − b` (length `m`).
        public var equalityFeasibility: [Double]
        /// `max(Gx − h, 0)` (length `p`).
        public var inequalityFeasibility: [Double]
        /// `λ ∘ (Gx − h)` (length `p`).
        public var complementarity: [Double]
        /// The largest absolute entry of all blocks (`0` at an exact KKT point).
        public var maximum: Double {
            (stationarity + equalityFeasibility + inequalityFeasibility + complementarity).map { Swift.abs($0) }.max()
                ?? 0
        }
    }

    /// The KKT residuals at `(x, ν, λ)` for the parameters `(q, b, h)`.
    public func residual(
        primal x: [Double], equalityDuals nu: [Double], inequalityDuals lambda: [Double], linear q: [Double],
        equalityRHS b: [Double], inequalityRHS h: [Double]
    ) -> Residual {
        let slack = Self.times(inequalityMatrix, x).enumerated().map { $0.element - h[$0.offset] }
        var stat = Self.times(hessian, x)
        let at = Self.transposeTimes(equalityMatrix, nu), gt = Self.transposeTimes(inequalityMatrix, lambda)
        for j in 0..<stat.count { stat[j] += q[j] + at[j] + gt[j] }
        let eq = Self.times(equalityMatrix, x).enumerated().map { $0.element - b[$0.offset] }
        return Residual(
            stationarity: stat, equalityFeasibility: eq, inequalityFeasibility: slack.map { max($0, 0) },
            complementarity: zip(lambda, slack).map { $0 * $1 })
    }

    /// The inequality rows with `h_i − G_i x ≤ tolerance` (the active set at `x`).
    public func activeSet(primal x: [Double], inequalityRHS h: [Double], tolerance: Double = 1e-9) -> [Int] {
        let gx = Self.times(inequalityMatrix, x)
        return (0..<inequalityCount).filter { h[$0] - gx[$0] <= tolerance }
    }

    /// The symmetric KKT matrix `K = [[Q, Aᵀ, G_𝒜ᵀ], [A, 0, 0], [G_𝒜, 0, 0]]` on the active rows `active`.
    public func activeSetMatrix(active: [Int]) -> Matrix {
        let n = variableCount, m = equalityCount, k = active.count
        let size = n + m + k
        var kkt = Matrix(rows: size, columns: size)
        for i in 0..<n { for j in 0..<n { kkt[i, j] = hessian[i, j] } }
        for r in 0..<m {
            for j in 0..<n {
                kkt[n + r, j] = equalityMatrix[r, j]
                kkt[j, n + r] = equalityMatrix[r, j]
            }
        }
        for (t, r) in active.enumerated() {
            for j in 0..<n {
                kkt[n + m + t, j] = inequalityMatrix[r, j]
                kkt[j, n + m + t] = inequalityMatrix[r, j]
            }
        }
        return kkt
    }

    /// The optimality map on the active set `𝒜`, in the unknowns `(x, ν, λ_𝒜)` (length
    /// `n + m + |𝒜|`): `F = [Qx + q + Aᵀν + G_𝒜ᵀλ_𝒜; Ax − b; G_𝒜x − h_𝒜]`. `(∂F/∂z)ᵀ = K`
    /// (symmetric), and `(∂F/∂θ)ᵀu = (u_x, −u_ν, −u_λ scattered on 𝒜)`. The cotangent of the root
    /// is `(∂L/∂x, 0, 0)`.
    public func activeSetOptimality(active: [Int]) -> ImplicitRoot<QuadraticProgramCotangent> {
        let n = variableCount, m = equalityCount, p = inequalityCount
        let kkt = self
        return ImplicitRoot(
            size: n + m + active.count,
            solutionTransposedJacobian: { u in
                let ux = Array(u[0..<n]), un = Array(u[n..<(n + m)]), ul = Array(u[(n + m)...])
                var top = Self.times(kkt.hessian, ux)
                let at = Self.transposeTimes(kkt.equalityMatrix, un)
                for j in 0..<n { top[j] += at[j] }
                for (t, r) in active.enumerated() { for j in 0..<n { top[j] += kkt.inequalityMatrix[r, j] * ul[t] } }
                let gx = Self.times(kkt.inequalityMatrix, ux)
                return top + Self.times(kkt.equalityMatrix, ux) + active.map { gx[$0] }
            },
            parameterTransposedJacobian: { u in
                var dh = [Double](repeating: 0, count: p)
                for (t, r) in active.enumerated() { dh[r] = -u[n + m + t] }
                return QuadraticProgramCotangent(
                    linear: Array(u[0..<n]), equalityRHS: u[n..<(n + m)].map { -$0 }, inequalityRHS: dh)
            })
    }

    /// The optimality map with complementary slackness in product form, in the unknowns
    /// `(x, ν, λ)` (length `n + m + p`), at the primal point `x` and multipliers `λ`:
    /// `F₃ = λ ∘ (Gx − h)`, so `∂F₃/∂x = diag(λ) G`, `∂F₃/∂λ = diag(Gx − h)`, `∂F₃/∂h = −diag(λ)`.
    /// Not symmetric: solve it with ``DenseLinearSolver`` (LU) or ``GMRES``. Singular where strict
    /// complementarity fails (`λ_i = 0 = h_i − G_i x`).
    public func complementarityOptimality(
        primal x: [Double], inequalityDuals lambda: [Double], inequalityRHS h: [Double]
    ) -> ImplicitRoot<QuadraticProgramCotangent> {
        let n = variableCount, m = equalityCount, p = inequalityCount
        let kkt = self
        let slack = Self.times(inequalityMatrix, x).enumerated().map { $0.element - h[$0.offset] }
        return ImplicitRoot(
            size: n + m + p,
            solutionTransposedJacobian: { u in
                let ux = Array(u[0..<n]), un = Array(u[n..<(n + m)]), ul = Array(u[(n + m)...])
                var top = Self.transposeTimes(kkt.hessian, ux)
                let at = Self.transposeTimes(kkt.equalityMatrix, un)
                let gt = Self.transposeTimes(kkt.inequalityMatrix, zip(lambda, ul).map { $0 * $1 })
                for j in 0..<n { top[j] += at[j] + gt[j] }
                let gx = Self.times(kkt.inequalityMatrix, ux)
                return top + Self.times(kkt.equalityMatrix, ux) + (0..<p).map { gx[$0] + slack[$0] * ul[$0] }
            },
            parameterTransposedJacobian: { u in
                QuadraticProgramCotangent(
                    linear: Array(u[0..<n]), equalityRHS: u[n..<(n + m)].map { -$0 },
                    inequalityRHS: (0..<p).map { -lambda[$0] * u[n + m + $0] })
            })
    }

    static func times(_ a: Matrix, _ v: [Double]) -> [Double] {
        (0..<a.rows).map { i in
            var s = 0.0
            for j in 0..<a.columns { s += a[i, j] * v[j] }
            return s
        }
    }

    static func transposeTimes(_ a: Matrix, _ v: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: a.columns)
        for i in 0..<a.rows where v[i] != 0 { for j in 0..<a.columns { out[j] += a[i, j] * v[i] } }
        return out
    }
}

/// Gradients of a scalar loss with respect to the parameters `(q, b, h)` of a quadratic program.
public struct QuadraticProgramCotangent: Sendable, Equatable {
    /// `∂L/∂q` (length `n`).
    public var linear: [Double]
    /// `∂L/∂b` (length `m`).
    public var equalityRHS: [Double]
    /// `∂L/∂h` (length `p`; zero on inactive rows).
    public var inequalityRHS: [Double]

    /// Named gradients.
    public init(linear: [Double], equalityRHS: [Double], inequalityRHS: [Double]) {
        self.linear = linear
        self.equalityRHS = equalityRHS
        self.inequalityRHS = inequalityRHS
    }
}
