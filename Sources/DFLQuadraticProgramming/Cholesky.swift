/// Small dense Cholesky kernels on row-major `[Double]` buffers, used by the QP and Davis–Yin
/// layers for their (typically 10–100 dimensional) KKT and Schur-complement systems.
///
/// They are written out here rather than calling LAPACK because the systems are tiny and formed
/// many times per batch; a straight loop avoids call overhead and allocations.
package enum Cholesky {
    /// Overwrites the lower triangle of the symmetric `n × n` matrix `a` with its Cholesky factor
    /// `L` (`a = L Lᵀ`); the strict upper triangle is left untouched.
    /// - Returns: `false` when a pivot is not positive (the matrix is not positive definite).
    ///
    /// With a `bandwidth` `b` (entries with `|i − j| > b` are zero) only the band is touched — the
    /// factor of a banded matrix stays in its band — at `O(n b²)` instead of `O(n³)`.
    package static func factor(_ a: UnsafeMutablePointer<Double>, n: Int, bandwidth: Int? = nil) -> Bool {
        let b = min(bandwidth ?? n, n)
        for j in 0..<n {
            let first = max(0, j - b)
            var d = a[j * n + j]
            for k in first..<j { d -= a[j * n + k] * a[j * n + k] }
            guard d > 0, d.isFinite else { return false }
            let ljj = d.squareRoot()
            a[j * n + j] = ljj
            let inv = 1 / ljj
            for i in (j + 1)..<max(j + 1, min(n, j + b + 1)) {
                var s = a[i * n + j]
                for k in max(first, i - b)..<j { s -= a[i * n + k] * a[j * n + k] }
                a[i * n + j] = s * inv
            }
        }
        return true
    }

    /// Solves `L Lᵀ x = rhs` in place, given the factor from ``factor(_:n:bandwidth:)`` (with the
    /// same `bandwidth`).
    package static func solve(
        _ l: UnsafePointer<Double>, n: Int, _ x: UnsafeMutablePointer<Double>, bandwidth: Int? = nil
    ) {
        let b = min(bandwidth ?? n, n)
        for i in 0..<n {
            var s = x[i]
            for k in max(0, i - b)..<i { s -= l[i * n + k] * x[k] }
            x[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for k in (i + 1)..<max(i + 1, min(n, i + b + 1)) { s -= l[k * n + i] * x[k] }
            x[i] = s / l[i * n + i]
        }
    }

    /// The bandwidth of the symmetric `n × n` matrix `a`: the largest `i − j` with `a[i][j] ≠ 0`
    /// below the diagonal (`0` for a diagonal matrix), read from the lower triangle.
    package static func bandwidth(of a: [Double], n: Int) -> Int {
        var b = 0
        for i in 0..<n {
            for j in 0..<(i - b) where a[i * n + j] != 0 {
                b = i - j
                break
            }
        }
        return b
    }

    /// Array front end of ``factor(_:n:bandwidth:)``.
    package static func factor(_ a: inout [Double], n: Int, bandwidth: Int? = nil) -> Bool {
        a.withUnsafeMutableBufferPointer { factor($0.baseAddress!, n: n, bandwidth: bandwidth) }
    }

    /// Array front end of ``solve(_:n:_:bandwidth:)``.
    package static func solve(_ l: [Double], n: Int, _ x: inout [Double], bandwidth: Int? = nil) {
        guard n > 0 else { return }
        l.withUnsafeBufferPointer { lp in
            x.withUnsafeMutableBufferPointer { solve(lp.baseAddress!, n: n, $0.baseAddress!, bandwidth: bandwidth) }
        }
    }
}

/// A rank-revealing Cholesky factorization `P S Pᵀ ≈ L Lᵀ` of a symmetric positive semidefinite
/// `k × k` matrix with diagonal pivoting: rows whose residual diagonal falls below
/// `relativeTolerance · max diag(S)` are declared linearly dependent on the kept ones and dropped.
///
/// Used for Schur complements `C Q⁻¹ Cᵀ` whose constraint rows `C` may be dependent (a redundant
/// flow-conservation row, or more active constraints than free variables at a degenerate point).
struct PivotedCholesky: Sendable {
    /// Size of the original matrix.
    let size: Int
    /// Indices of the kept (independent) rows, in pivot order.
    let kept: [Int]
    /// Lower-triangular factor of the kept block, `rank × rank`, row-major.
    let factor: [Double]

    /// Number of independent rows.
    var rank: Int { kept.count }
    /// Indices of the dropped (dependent) rows, ascending.
    var dropped: [Int] {
        let keptSet = Set(kept)
        return (0..<size).filter { !keptSet.contains($0) }
    }

    /// Factors the row-major `k × k` matrix `s`.
    init(_ s: [Double], size k: Int, relativeTolerance: Double = 1e-11) {
        var l = [Double](repeating: 0, count: k * k)
        var perm = Array(0..<k)
        var diag = (0..<k).map { s[$0 * k + $0] }
        let threshold = relativeTolerance * max(diag.max() ?? 0, Double.leastNormalMagnitude)
        var rank = 0
        for j in 0..<k {
            var p = j
            for i in (j + 1)..<max(j + 1, k) where diag[perm[i]] > diag[perm[p]] { p = i }
            let d = diag[perm[p]]
            guard d > threshold, d.isFinite else { break }
            if p != j {
                perm.swapAt(p, j)
                for t in 0..<j { l.swapAt(p * k + t, j * k + t) }
            }
            let ljj = d.squareRoot()
            l[j * k + j] = ljj
            let pj = perm[j]
            for i in (j + 1)..<max(j + 1, k) {
                let pi = perm[i]
                var v = s[pi * k + pj]
                for t in 0..<j { v -= l[i * k + t] * l[j * k + t] }
                v /= ljj
                l[i * k + j] = v
                diag[pi] -= v * v
            }
            rank = j + 1
        }
        var f = [Double](repeating: 0, count: rank * rank)
        for i in 0..<rank {
            for j in 0...i { f[i * rank + j] = l[i * k + j] }
        }
        self.size = k
        self.kept = Array(perm[0..<rank])
        self.factor = f
    }

    /// Solves the kept block `S_KK y_K = rhs_K` and returns `y` of length `size` with zeros in the
    /// dropped positions (the minimum-support choice among the solutions when `rhs` is consistent).
    func solve(_ rhs: [Double]) -> [Double] {
        var y = kept.map { rhs[$0] }
        Cholesky.solve(factor, n: rank, &y)
        var out = [Double](repeating: 0, count: size)
        for (t, i) in kept.enumerated() { out[i] = y[t] }
        return out
    }
}
