import COpenBLAS

/// Throws ``LinearAlgebraError/lapack(routine:info:meaning:)`` when `info ≠ 0`.
func check(_ routine: String, _ info: Int32, positive: (Int32) -> String) throws {
    if info < 0 {
        throw LinearAlgebraError.lapack(routine: routine, info: info, meaning: "argument \(-info) had an illegal value")
    }
    if info > 0 { throw LinearAlgebraError.lapack(routine: routine, info: info, meaning: positive(info)) }
}

func requireSquare(_ a: Matrix, _ op: String) throws {
    guard a.rows == a.columns else {
        throw LinearAlgebraError.dimensionMismatch(
            operation: op, expected: "a square matrix", got: "\(a.rows)×\(a.columns)")
    }
}

func requireRows(_ b: Matrix, _ n: Int, _ op: String) throws {
    guard b.rows == n else {
        throw LinearAlgebraError.dimensionMismatch(
            operation: op, expected: "\(n) right-hand-side rows", got: "\(b.rows)")
    }
}

/// Cholesky factorization `A = L Lᵀ` of a symmetric positive definite matrix (`dpotrf`), reusable
/// for many right-hand sides (`dpotrs`).
public struct CholeskyFactorization: Sendable {
    /// Row-major storage holding `L` in its lower triangle.
    public let factor: Matrix

    /// Factorizes `a` (only its lower triangle is read).
    /// - Throws: `.lapack(routine: "dpotrf", info: k)` when the leading minor of order k is not positive.
    public init(_ a: Matrix) throws {
        _ = blasThreadingConfigured
        try requireSquare(a, "Cholesky")
        var f = a
        let n = Int32(a.rows)
        let info = f.elements.withUnsafeMutableBufferPointer {
            LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), n, $0.baseAddress, n)
        }
        try check("dpotrf", info) { "matrix not positive definite: leading minor \($0) is not positive" }
        for i in 0..<a.rows { for j in (i + 1)..<max(i + 1, a.rows) { f[i, j] = 0 } }
        factor = f
    }

    /// Solves `A X = B`.
    public func solve(_ b: Matrix) throws -> Matrix {
        try requireRows(b, factor.rows, "Cholesky solve")
        var x = b
        let info = factor.elements.withUnsafeBufferPointer { l in
            x.elements.withUnsafeMutableBufferPointer {
                LAPACKE_dpotrs(
                    LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(factor.rows), Int32(b.columns),
                    l.baseAddress, Int32(factor.rows), $0.baseAddress, Int32(b.columns))
            }
        }
        try check("dpotrs", info) { _ in "unexpected failure" }
        return x
    }

    /// Solves `A x = b`.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, elements: b)).elements
    }

    /// log det A = 2 Σ log L_ii.
    public var logDeterminant: Double {
        (0..<factor.rows).map { 2 * _log(factor[$0, $0]) }.reduce(0, +)
    }
}

/// Factorizes a copy of square `a` with a pivoted LAPACK `routine` (`dgetrf`, `dsytrf`), called as
/// `factorize(n, elements, pivots)` and returning LAPACK's `info`.
/// - Throws: `.dimensionMismatch` naming `operation` unless `a` is square; `.lapack` with
///   `singular(k)` for an exactly zero pivot `k`.
func pivotedFactorization(
    _ a: Matrix, _ operation: String, routine: String, singular: (Int32) -> String,
    _ factorize: (Int32, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Int32>?) -> Int32
) throws -> (factors: Matrix, pivots: [Int32]) {
    _ = blasThreadingConfigured
    try requireSquare(a, operation)
    var f = a
    var piv = [Int32](repeating: 0, count: a.rows)
    let info = f.elements.withUnsafeMutableBufferPointer { fp in
        piv.withUnsafeMutableBufferPointer { factorize(Int32(a.rows), fp.baseAddress, $0.baseAddress) }
    }
    try check(routine, info, positive: singular)
    return (f, piv)
}

/// Solves with the packed `factors` and `pivots` of a pivoted factorization: the LAPACK `routine`
/// (`dgetrs`, `dsytrs`), called as `solve(n, columnsOfB, factors, pivots, x)`, overwrites a copy of `b`.
/// - Throws: `.dimensionMismatch` naming `operation` when `b` has the wrong row count; `.lapack`.
func pivotedSolve(
    _ b: Matrix, factors: Matrix, pivots: [Int32], _ operation: String, routine: String,
    _ solve: (Int32, Int32, UnsafePointer<Double>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Double>?) -> Int32
) throws -> Matrix {
    try requireRows(b, factors.rows, operation)
    var x = b
    let info = factors.elements.withUnsafeBufferPointer { f in
        pivots.withUnsafeBufferPointer { p in
            x.elements.withUnsafeMutableBufferPointer {
                solve(Int32(factors.rows), Int32(b.columns), f.baseAddress, p.baseAddress, $0.baseAddress)
            }
        }
    }
    try check(routine, info) { _ in "unexpected failure" }
    return x
}

/// LU factorization with partial pivoting `P A = L U` (`dgetrf`), reusable for `A x = b` and
/// `Aᵀ x = b` (`dgetrs`).
public struct LUFactorization: Sendable {
    /// Packed `L` (unit lower) and `U`.
    public let factors: Matrix
    /// 1-based pivot rows.
    public let pivots: [Int32]

    /// Factorizes `a`.
    /// - Throws: `.lapack(routine: "dgetrf", info: k)` when `U[k,k]` is exactly zero (singular).
    public init(_ a: Matrix) throws {
        (factors, pivots) = try pivotedFactorization(
            a, "LU", routine: "dgetrf", singular: { "matrix is singular: U[\($0),\($0)] is exactly zero" }
        ) { n, f, p in LAPACKE_dgetrf(LAPACK_ROW_MAJOR, n, n, f, n, p) }
    }

    /// Solves `A X = B` (or `Aᵀ X = B` with `transpose`).
    public func solve(_ b: Matrix, transpose: Bool = false) throws -> Matrix {
        try pivotedSolve(b, factors: factors, pivots: pivots, "LU solve", routine: "dgetrs") { n, k, f, p, x in
            LAPACKE_dgetrs(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: transpose ? "T" : "N")), n, k, f, n, p, x, k)
        }
    }

    /// Solves `A x = b` (or `Aᵀ x = b`).
    public func solve(_ b: [Double], transpose: Bool = false) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, elements: b), transpose: transpose).elements
    }

    /// det A from the diagonal of U and the pivot parity.
    public var determinant: Double {
        var d = 1.0
        for i in 0..<factors.rows {
            d *= factors[i, i]
            if pivots[i] != Int32(i + 1) { d = -d }
        }
        return d
    }
}

/// Symmetric indefinite factorization `A = L D Lᵀ` with Bunch–Kaufman pivoting (`dsytrf`), the
/// factorization of KKT matrices; reusable for many right-hand sides (`dsytrs`).
public struct LDLTFactorization: Sendable {
    /// Packed factors.
    public let factors: Matrix
    /// Pivot information from `dsytrf`.
    public let pivots: [Int32]

    /// Factorizes symmetric `a` (lower triangle read).
    /// - Throws: `.lapack(routine: "dsytrf", info: k)` when `D[k,k]` is exactly zero (singular).
    public init(_ a: Matrix) throws {
        (factors, pivots) = try pivotedFactorization(
            a, "LDLᵀ", routine: "dsytrf", singular: { "matrix is singular: D[\($0),\($0)] is exactly zero" }
        ) { n, f, p in LAPACKE_dsytrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), n, f, n, p) }
    }

    /// Solves `A X = B`.
    public func solve(_ b: Matrix) throws -> Matrix {
        try pivotedSolve(b, factors: factors, pivots: pivots, "LDLᵀ solve", routine: "dsytrs") { n, k, f, p, x in
            LAPACKE_dsytrs(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), n, k, f, n, p, x, k)
        }
    }

    /// Solves `A x = b`.
    public func solve(_ b: [Double]) throws -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, elements: b)).elements
    }
}

/// Singular value decomposition `A = U Σ Vᵀ` (`dgesdd`, thin).
public struct SingularValueDecomposition: Sendable {
    /// `U`, `m × k` with `k = min(m, n)`.
    public let u: Matrix
    /// Singular values, descending.
    public let singularValues: [Double]
    /// `Vᵀ`, `k × n`.
    public let vt: Matrix

    /// Decomposes `a`.
    /// - Throws: `.lapack(routine: "dgesdd", info: k)` when the iteration did not converge.
    public init(_ a: Matrix) throws {
        _ = blasThreadingConfigured
        let (m, n) = (a.rows, a.columns)
        let k = min(m, n)
        var work = a
        var s = [Double](repeating: 0, count: k)
        var u = Matrix(rows: m, columns: k)
        var vt = Matrix(rows: k, columns: n)
        if k == 0 {
            self.u = u
            self.vt = vt
            singularValues = s
            return
        }
        let info = work.elements.withUnsafeMutableBufferPointer { ap in
            s.withUnsafeMutableBufferPointer { sp in
                u.elements.withUnsafeMutableBufferPointer { up in
                    vt.elements.withUnsafeMutableBufferPointer { vp in
                        LAPACKE_dgesdd(
                            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(m), Int32(n), ap.baseAddress,
                            Int32(n), sp.baseAddress, up.baseAddress, Int32(k), vp.baseAddress, Int32(n))
                    }
                }
            }
        }
        try check("dgesdd", info) { _ in "the SVD did not converge" }
        self.u = u
        self.vt = vt
        singularValues = s
    }
}

extension Matrix {
    /// Moore–Penrose pseudo-inverse by SVD; singular values below `rcond · σ_max` count as zero.
    /// - Throws: ``LinearAlgebraError`` when the SVD fails.
    public func pseudoInverse(rcond: Double = 1e-12) throws -> Matrix {
        let svd = try SingularValueDecomposition(self)
        let k = svd.singularValues.count
        let cutoff = rcond * (svd.singularValues.first ?? 0)
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<k where svd.singularValues[r] > cutoff {
            let inv = 1 / svd.singularValues[r]
            for i in 0..<columns {
                let v = svd.vt[r, i] * inv
                if v == 0 { continue }
                for j in 0..<rows { result.elements[i * rows + j] += v * svd.u[j, r] }
            }
        }
        return result
    }

    /// Numerical rank: singular values above `rcond · σ_max`.
    public func rank(rcond: Double = 1e-10) throws -> Int {
        let s = try SingularValueDecomposition(self).singularValues
        return s.filter { $0 > rcond * (s.first ?? 0) }.count
    }

    /// Minimum-norm least-squares solution of `self · X ≈ B` (`dgelsd`; rank-deficient allowed).
    /// - Throws: ``LinearAlgebraError`` for mismatched rows or an SVD that does not converge.
    public func leastSquares(_ b: Matrix, rcond: Double = 1e-12) throws -> Matrix {
        try requireRows(b, rows, "least squares")
        _ = blasThreadingConfigured
        let (m, n, nrhs) = (rows, columns, b.columns)
        let ldb = max(m, n)
        var a = self
        var bb = Matrix(rows: ldb, columns: nrhs)
        for i in 0..<m { for j in 0..<nrhs { bb[i, j] = b[i, j] } }
        var s = [Double](repeating: 0, count: max(min(m, n), 1))
        var rank: Int32 = 0
        let info = a.elements.withUnsafeMutableBufferPointer { ap in
            bb.elements.withUnsafeMutableBufferPointer { bp in
                s.withUnsafeMutableBufferPointer { sp in
                    LAPACKE_dgelsd(
                        LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(nrhs), ap.baseAddress, Int32(n),
                        bp.baseAddress, Int32(nrhs), sp.baseAddress, rcond, &rank)
                }
            }
        }
        try check("dgelsd", info) { _ in "the SVD did not converge" }
        var x = Matrix(rows: n, columns: nrhs)
        for i in 0..<n { for j in 0..<nrhs { x[i, j] = bb[i, j] } }
        return x
    }

    /// Solves the square system `self · X = B` by LU.
    public func solve(_ b: Matrix) throws -> Matrix { try LUFactorization(self).solve(b) }
    /// Solves the square system `self · x = b` by LU.
    public func solve(_ b: [Double]) throws -> [Double] { try LUFactorization(self).solve(b) }
    /// The inverse (by LU).
    public func inverse() throws -> Matrix { try solve(Matrix.identity(rows)) }

    /// Elementwise sum.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix +: shapes differ")
        return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map(+))
    }
    /// Elementwise difference.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix -: shapes differ")
        return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map(-))
    }
    /// Scalar multiple.
    public static func * (s: Double, a: Matrix) -> Matrix {
        Matrix(rows: a.rows, columns: a.columns, elements: a.elements.map { $0 * s })
    }
    /// Frobenius norm.
    public var frobeniusNorm: Double { elements.map { $0 * $0 }.reduce(0, +).squareRoot() }
}
