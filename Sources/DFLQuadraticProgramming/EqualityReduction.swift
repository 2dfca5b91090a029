/// Removal of linearly dependent rows from equality constraints `A x = b` by a rank-revealing QR
/// factorization of `Aᵀ` (modified Gram–Schmidt with column pivoting, i.e. greedy row pivoting of
/// `A` by largest residual norm).
///
/// The grid shortest path's flow conservation has one redundant row (all rows sum to zero);
/// interior-point and Davis–Yin projections both need full row rank, so the dependent rows are
/// dropped once per layer. A dropped row whose right-hand side disagrees with the combination of
/// the kept rows makes the constraints inconsistent, which is reported as infeasibility.
package struct EqualityReduction: Sendable {
    /// Indices of the kept (independent) rows, ascending.
    package let kept: [Int]
    /// Indices of the dropped (dependent) rows, ascending.
    package let dropped: [Int]

    /// Finds a maximal independent set of rows of the row-major `m × n` matrix `a`.
    /// - Parameters:
    ///   - a: The matrix, row-major.
    ///   - m: Its rows.
    ///   - n: Its columns.
    ///   - relativeTolerance: A row is dependent when its residual norm after projecting out the
    ///     kept rows is below `relativeTolerance · max row norm`.
    package init(rows a: [Double], m: Int, n: Int, relativeTolerance: Double = 1e-10) {
        var residual = a
        var norms2 = (0..<m).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * a[i * n + $1] } }
        let maxNorm = (norms2.max() ?? 0).squareRoot()
        let threshold = relativeTolerance * max(maxNorm, Double.leastNormalMagnitude)
        var remaining = Array(0..<m)
        var keptRows: [Int] = []
        while !remaining.isEmpty {
            // Pick the remaining row with the largest residual norm (recomputed for stability).
            var best = -1
            var bestNorm = threshold
            for i in remaining {
                var s = 0.0
                for j in 0..<n { s += residual[i * n + j] * residual[i * n + j] }
                norms2[i] = s
                if s.squareRoot() > bestNorm {
                    bestNorm = s.squareRoot()
                    best = i
                }
            }
            guard best >= 0 else { break }
            keptRows.append(best)
            remaining.removeAll { $0 == best }
            let inv = 1 / bestNorm
            for j in 0..<n { residual[best * n + j] *= inv }
            // Project the new unit direction out of every remaining row (twice, for orthogonality).
            for _ in 0..<2 {
                for i in remaining {
                    var dot = 0.0
                    for j in 0..<n { dot += residual[i * n + j] * residual[best * n + j] }
                    for j in 0..<n { residual[i * n + j] -= dot * residual[best * n + j] }
                }
            }
        }
        self.kept = keptRows.sorted()
        self.dropped = remaining.sorted()
    }

    /// For every dropped row `i`, the mismatch `|b_i − cᵀ b_K|` where `a_i = cᵀ A_K` is its
    /// expression in the kept rows; a mismatch above tolerance means `A x = b` has no solution.
    package func inconsistencies(rows a: [Double], rhs b: [Double], n: Int) -> [(row: Int, mismatch: Double)] {
        guard !dropped.isEmpty else { return [] }
        let r = kept.count
        // Gram matrix of the kept rows, and its Cholesky factor.
        var gram = [Double](repeating: 0, count: r * r)
        for (s, i) in kept.enumerated() {
            for (t, k) in kept.enumerated() where t <= s {
                var v = 0.0
                for j in 0..<n { v += a[i * n + j] * a[k * n + j] }
                gram[s * r + t] = v
                gram[t * r + s] = v
            }
        }
        let ok = Cholesky.factor(&gram, n: r)
        precondition(ok || r == 0, "kept equality rows must be independent")
        var result: [(Int, Double)] = []
        for i in dropped {
            var c = kept.map { k in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * a[k * n + $1] } }
            Cholesky.solve(gram, n: r, &c)
            var predicted = 0.0
            for (s, k) in kept.enumerated() { predicted += c[s] * b[k] }
            result.append((i, abs(b[i] - predicted)))
        }
        return result
    }
}
