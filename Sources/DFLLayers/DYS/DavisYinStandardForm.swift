import DFLOptimization
import DFLQuadraticProgramming

/// The LP relaxation in the form Davis–Yin splitting needs: `{z : A z = b} ∩ box`, with one slack
/// column per inequality (`G v + s = h`, `s ≥ 0`), plus the orthogonal projection onto the affine
/// set, precomputed once per layer as
///
/// ```
/// P₁(z) = z − A⁺(A z − b) = Π z + c,   Π = I − Aᵀ(AAᵀ)⁻¹A,   c = Aᵀ(AAᵀ)⁻¹b,
/// ```
///
/// where `A` has had its dependent rows removed (``EqualityReduction``): `Aᵀ(AAᵀ)⁻¹` is then the
/// Moore–Penrose pseudo-inverse `A⁺` of the original matrix restricted to consistent right-hand
/// sides, which is what the SVD cutoff of the reference implementations computes.
///
/// Two ways to apply it: the dense `Π` (`O(size²)` per projection, for few variables or dense
/// rows), or — when `A` is sparse and `AAᵀ` narrow-banded, as for a grid's flow rows — through the
/// sparse `A` and a banded Cholesky factor of `AAᵀ`, `O(nnz(A) + r·bandwidth)` per projection
/// (a 30×30 grid: ~70 k instead of 3 M multiply–adds).
struct DavisYinStandardForm: Sendable {
    /// Number of original variables `v`.
    let variableCount: Int
    /// Total number of variables `[v; s]`.
    let size: Int
    /// Box lower bounds (`0` for slacks).
    let lower: [Double]
    /// Box upper bounds (`+∞` for slacks).
    let upper: [Double]
    /// `Π`, row-major `size × size` (symmetric); empty when the factored form is used.
    let projector: [Double]
    /// Factored form: Cholesky factor of `AAᵀ` (`r × r`) and `A` column-compressed (whose bandwidth is
    /// the factor's).
    let gramFactor: [Double]
    let columns: SparseColumns
    /// Whether projections use the factored form instead of `Π`.
    var isFactored: Bool { projector.isEmpty && size > 0 }
    /// `c`, the projection of the origin onto the affine set.
    let offset: [Double]
    /// Independent equality rows of the standard form, row-major, and their right-hand sides.
    let rows: [Double]
    let rhs: [Double]
    /// Original equality rows removed as dependent.
    let droppedEqualityRows: [Int]

    /// Builds the standard form of `program`'s relaxation.
    /// - Throws: ``LayerError`` `.invalidModel` for malformed input, `.infeasible` for inconsistent
    ///   equalities.
    init(_ program: MixedIntegerProgram) throws {
        do { try program.validate() } catch let e as SolverError {
            throw LayerError(.invalidModel, e.message)
        }
        let n = program.variableCount
        let pG = program.inequalityMatrix.count
        let me = program.equalityMatrix.count
        let size = n + pG
        var rows: [Double] = []
        var rhs: [Double] = []
        for k in 0..<me {
            rows += program.equalityMatrix[k] + [Double](repeating: 0, count: pG)
            rhs.append(program.equalityRHS[k])
        }
        for i in 0..<pG {
            var slack = [Double](repeating: 0, count: pG)
            slack[i] = 1
            rows += program.inequalityMatrix[i] + slack
            rhs.append(program.inequalityRHS[i])
        }
        let total = me + pG
        if let j = rows.firstIndex(where: { !$0.isFinite }) {
            throw LayerError(.nonFiniteInput, "DYS: constraint entry \(j) is not finite")
        }
        let reduction = EqualityReduction(rows: rows, m: total, n: size)
        for (row, mismatch) in reduction.inconsistencies(rows: rows, rhs: rhs, n: size)
        where mismatch > 1e-9 * (1 + abs(rhs[row])) {
            throw LayerError(
                .infeasible,
                "DYS: equality row \(row) is a combination of other rows but its right-hand side differs by \(mismatch)"
            )
        }
        let r = reduction.kept.count
        let a = reduction.kept.flatMap { rows[($0 * size)..<(($0 + 1) * size)] }
        let b = reduction.kept.map { rhs[$0] }
        // Gram matrix AAᵀ and its Cholesky factor.
        var gram = symmetricRowProduct(a, a, count: r, width: size)
        guard Cholesky.factor(&gram, n: r) || r == 0 else {
            throw LayerError(.numericalFailure, "DYS: the reduced equality rows are numerically dependent")
        }
        let columns = SparseColumns(dense: a, rows: r, columns: size)
        // Cost per projection: factored ≈ 2 nnz + 2 r (bandwidth + 1), dense = size².
        let factored = 2 * columns.nonzeroCount + 2 * r * (columns.bandwidth + 1) < size * size / 2
        // K = (AAᵀ)⁻¹ A, column by column; Π = I − Aᵀ K; c = Aᵀ (AAᵀ)⁻¹ b.
        var k = [Double](repeating: 0, count: factored ? 0 : r * size)
        var column = [Double](repeating: 0, count: r)
        for j in 0..<(factored ? 0 : size) {
            for i in 0..<r { column[i] = a[i * size + j] }
            Cholesky.solve(gram, n: r, &column)
            for i in 0..<r { k[i * size + j] = column[i] }
        }
        var projector = [Double](repeating: 0, count: factored ? 0 : size * size)
        for i in 0..<(factored ? 0 : size) {
            projector[i * size + i] = 1
            for j in 0..<size {
                var v = 0.0
                for t in 0..<r { v += a[t * size + i] * k[t * size + j] }
                projector[i * size + j] -= v
            }
        }
        var y = b
        Cholesky.solve(gram, n: r, &y)
        var offset = [Double](repeating: 0, count: size)
        for t in 0..<r where y[t] != 0 {
            for j in 0..<size { offset[j] += a[t * size + j] * y[t] }
        }
        self.variableCount = n
        self.size = size
        self.lower = program.lowerBounds + [Double](repeating: 0, count: pG)
        self.upper = program.upperBounds + [Double](repeating: .infinity, count: pG)
        self.projector = projector
        self.offset = offset
        self.gramFactor = gram
        self.columns = columns
        self.rows = a
        self.rhs = b
        self.droppedEqualityRows = reduction.dropped.filter { $0 < me }
    }

    /// `out = Π u + c`.
    func project(_ u: [Double], into out: inout [Double]) {
        apply(u, into: &out, shifted: true)
    }

    /// `out = Π u` (the linear part, used by the backward passes; `Π` is symmetric).
    func projectDirection(_ u: [Double], into out: inout [Double]) {
        apply(u, into: &out, shifted: false)
    }

    /// `out = Π u + c` (`shifted`) or `Π u`, through the dense projector or the banded factor.
    private func apply(_ u: [Double], into out: inout [Double], shifted: Bool) {
        let n = size
        if isFactored {
            projectFactored(u, into: &out, shifted: shifted)
            return
        }
        projector.withUnsafeBufferPointer { p in
            for i in 0..<n {
                var s = shifted ? offset[i] : 0.0
                let row = i * n
                for j in 0..<n { s += p[row + j] * u[j] }
                out[i] = s
            }
        }
    }

    /// `out = u − Aᵀ(AAᵀ)⁻¹(A u − b)` (`shifted`, i.e. `Π u + c`) or `u − Aᵀ(AAᵀ)⁻¹ A u` (`Π u`),
    /// through the sparse `A` and the banded factor.
    private func projectFactored(_ u: [Double], into out: inout [Double], shifted: Bool) {
        let r = rhs.count
        var w = shifted ? rhs.map { -$0 } : [Double](repeating: 0, count: r)
        columns.addProduct(u, into: &w)
        Cholesky.solve(gramFactor, n: r, &w, bandwidth: columns.bandwidth)
        for j in 0..<size { out[j] = u[j] - columns.columnDot(j, w) }
    }

    /// `max |A z − b|` over the independent rows.
    func equalityViolation(_ z: [Double]) -> Double {
        var worst = 0.0
        for t in 0..<rhs.count {
            var v = -rhs[t]
            for j in 0..<size { v += rows[t * size + j] * z[j] }
            worst = max(worst, abs(v))
        }
        return worst
    }
}
