import DFLOptimization

/// The preprocessed constraint structure of a ``DenseQuadraticProgram``, computed once and shared
/// by every solve (only the linear term `q` changes between the instances of a batch).
///
/// Preprocessing: variables with `l = u` become equality rows; dependent equality rows are
/// removed (``EqualityReduction``) after checking they are consistent; finite bounds are kept as
/// sparse inequality rows (`−x_j ≤ −l_j`, `x_j ≤ u_j`) so that they add only a diagonal to the
/// Newton system. The inequality rows, in order, are `[G rows | lower bounds | upper bounds]`.
struct QPStructure: Sendable {
    /// Number of variables.
    let n: Int
    /// `Q`, row-major `n × n`.
    let hessian: [Double]
    /// `diag(Q)` when `Q` is diagonal, else `nil`.
    let hessianDiagonal: [Double]?
    /// Number of kept (independent) equality rows.
    let m: Int
    /// Kept equality rows, row-major `m × n`.
    let A: [Double]
    /// Kept right-hand sides.
    let b: [Double]
    /// For each kept row: its index in the original `A` (≥ 0), or `−1 − j` for the row `x_j = l_j`
    /// added for a fixed variable `j`.
    let equalityOrigin: [Int]
    /// Number of rows of the original `A`.
    let originalEqualityCount: Int
    /// Original rows of `A` removed as linearly dependent (consistent) rows.
    let droppedEqualityRows: [Int]
    /// Number of general inequality rows.
    let pG: Int
    /// `G`, row-major `pG × n`.
    let G: [Double]
    /// Variables with a finite lower bound (and not fixed), and those bounds.
    let lowerIndex: [Int]
    let lowerValue: [Double]
    /// Variables with a finite upper bound (and not fixed), and those bounds.
    let upperIndex: [Int]
    let upperValue: [Double]
    /// Right-hand sides of all inequality rows `[h; −l; u]`.
    let inequalityRHS: [Double]
    /// Column-compressed nonzeros of `A` (for forming `A D Aᵀ` when the Newton matrix is diagonal).
    let equalityColumns: SparseColumns
    /// Bandwidth of `A D Aᵀ` for any diagonal `D`: the largest row distance between two nonzeros of
    /// one column of `A` (a grid's flow rows in row-major node order: the grid width).
    var equalityBandwidth: Int { equalityColumns.bandwidth }
    /// `1 + max(|b|, |h|, finite |l|, |u|)`, the scale of primal residuals.
    let primalScale: Double

    /// Total number of inequality rows.
    var p: Int { pG + lowerIndex.count + upperIndex.count }
    /// Whether the Newton matrix `Q + Cᵀ D C` is diagonal (diagonal `Q`, only bound inequalities).
    var newtonMatrixIsDiagonal: Bool { hessianDiagonal != nil && pG == 0 }

    /// Validates and preprocesses `program`.
    /// - Throws: ``QuadraticProgramError`` (`.invalidModel`, `.nonFiniteInput`, or `.infeasible` when the
    ///   equalities are inconsistent or a lower bound exceeds an upper bound).
    init(_ program: DenseQuadraticProgram) throws {
        try program.validate()
        let n = program.variableCount
        self.n = n
        hessian = program.hessian.elements
        var isDiagonal = true
        for i in 0..<n {
            for j in 0..<n where i != j && hessian[i * n + j] != 0 { isDiagonal = false }
        }
        hessianDiagonal = isDiagonal ? (0..<n).map { program.hessian[$0, $0] } : nil

        // Equalities: original rows, then one row per fixed variable.
        var rows = program.equalityMatrix.elements
        var rhs = program.equalityRHS
        var origin = Array(0..<program.equalityMatrix.rows)
        var lowerIndex: [Int] = [], lowerValue: [Double] = []
        var upperIndex: [Int] = [], upperValue: [Double] = []
        for j in 0..<n {
            let l = program.lowerBounds[j], u = program.upperBounds[j]
            if l == u {
                var row = [Double](repeating: 0, count: n)
                row[j] = 1
                rows += row
                rhs.append(l)
                origin.append(-1 - j)
                continue
            }
            if l.isFinite {
                lowerIndex.append(j)
                lowerValue.append(l)
            }
            if u.isFinite {
                upperIndex.append(j)
                upperValue.append(u)
            }
        }
        let total = origin.count
        let reduction = EqualityReduction(rows: rows, m: total, n: n)
        for (row, mismatch) in reduction.inconsistencies(rows: rows, rhs: rhs, n: n)
        where mismatch > 1e-9 * (1 + abs(rhs[row])) {
            let what = origin[row] >= 0 ? "equality row \(origin[row])" : "fixed variable \(-1 - origin[row])"
            throw QuadraticProgramError(
                .infeasible,
                "QP: \(what) is a linear combination of other equality rows but its right-hand side differs by \(mismatch)"
            )
        }
        m = reduction.kept.count
        A = reduction.kept.flatMap { rows[($0 * n)..<(($0 + 1) * n)] }
        b = reduction.kept.map { rhs[$0] }
        equalityOrigin = reduction.kept.map { origin[$0] }
        originalEqualityCount = program.equalityMatrix.rows
        droppedEqualityRows = reduction.dropped.map { origin[$0] }.filter { $0 >= 0 }

        pG = program.inequalityMatrix.rows
        G = program.inequalityMatrix.elements
        self.lowerIndex = lowerIndex
        self.lowerValue = lowerValue
        self.upperIndex = upperIndex
        self.upperValue = upperValue
        inequalityRHS = program.inequalityRHS + lowerValue.map { -$0 } + upperValue

        equalityColumns = SparseColumns(dense: A, rows: m, columns: n)
        primalScale = 1 + (b + inequalityRHS).reduce(0) { max($0, abs($1)) }
    }

    /// `C x`: all inequality left-hand sides `[G x; −x_L; x_U]`, written into `out` (length `p`).
    func applyInequalities(_ x: [Double], into out: inout [Double]) {
        for i in 0..<pG {
            var s = 0.0
            for j in 0..<n { s += G[i * n + j] * x[j] }
            out[i] = s
        }
        let nl = lowerIndex.count
        for (t, j) in lowerIndex.enumerated() { out[pG + t] = -x[j] }
        for (t, j) in upperIndex.enumerated() { out[pG + nl + t] = x[j] }
    }

    /// `out += Cᵀ λ`.
    func addTransposedInequalities(_ lambda: [Double], into out: inout [Double]) {
        for i in 0..<pG where lambda[i] != 0 {
            let li = lambda[i]
            for j in 0..<n { out[j] += G[i * n + j] * li }
        }
        let nl = lowerIndex.count
        for (t, j) in lowerIndex.enumerated() { out[j] -= lambda[pG + t] }
        for (t, j) in upperIndex.enumerated() { out[j] += lambda[pG + nl + t] }
    }

    /// `A x`, written into `out` (length `m`), over the column-compressed nonzeros.
    func applyEqualities(_ x: [Double], into out: inout [Double]) {
        for k in 0..<m { out[k] = 0 }
        equalityColumns.addProduct(x, into: &out)
    }

    /// `out += Aᵀ ν`, over the column-compressed nonzeros.
    func addTransposedEqualities(_ nu: [Double], into out: inout [Double]) {
        guard m > 0 else { return }
        for j in 0..<n { out[j] += equalityColumns.columnDot(j, nu) }
    }

    /// `out = Q x`.
    func applyHessian(_ x: [Double], into out: inout [Double]) {
        if let d = hessianDiagonal {
            for j in 0..<n { out[j] = d[j] * x[j] }
            return
        }
        for i in 0..<n {
            var s = 0.0
            for j in 0..<n { s += hessian[i * n + j] * x[j] }
            out[i] = s
        }
    }
}
