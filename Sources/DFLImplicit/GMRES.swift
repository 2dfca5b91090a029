/// Matrix-free restarted GMRES(m) for a general nonsingular `A` (Saad & Schultz 1986): Arnoldi
/// with modified Gram–Schmidt and Givens rotations. Stops when `‖b − A u‖₂ ≤ tolerance · ‖b‖₂`.
public struct GMRES: LinearSolver, Sendable {
    /// Relative residual tolerance.
    public var tolerance: Double
    /// Krylov dimension before a restart.
    public var restart: Int
    /// Limit on the total number of applications of `A` (Arnoldi steps over all cycles).
    public var maxIterations: Int

    /// A GMRES solver (defaults: relative tolerance `1e-12`, restart 50, 1000 iterations).
    public init(tolerance: Double = 1e-12, restart: Int = 50, maxIterations: Int = 1000) {
        self.tolerance = tolerance
        self.restart = restart
        self.maxIterations = maxIterations
    }

    /// Solves `A u = b` from `u = 0`.
    /// - Throws: ``ImplicitDifferentiationError`` `.notConverged` or `.nonFinite`.
    public func solve(_ a: LinearOperator, _ b: [Double]) throws -> [Double] {
        let n = a.size
        guard b.count == n else {
            throw ImplicitDifferentiationError.dimensionMismatch(
                what: "GMRES right-hand side", expected: n, got: b.count)
        }
        let bNorm = norm(b)
        var u = [Double](repeating: 0, count: n)
        guard bNorm > 0 else { return u }
        let m = max(1, min(restart, n))
        var applied = 0
        var relative = 1.0
        while applied < maxIterations {
            // r = b − A u
            let au = try a.apply(u)
            try LinearOperator.check(au, n)
            var r = b
            for i in 0..<n { r[i] -= au[i] }
            let beta = norm(r)
            relative = beta / bNorm
            guard relative.isFinite else {
                throw ImplicitDifferentiationError.nonFinite(solver: "GMRES", iteration: applied)
            }
            if relative <= tolerance { return u }
            var basis: [[Double]] = [r.map { $0 / beta }]
            var h = [[Double]](repeating: [Double](repeating: 0, count: m), count: m + 1)  // h[i][j]
            var cs = [Double](repeating: 0, count: m), sn = cs
            var g = [Double](repeating: 0, count: m + 1)
            g[0] = beta
            var k = 0
            while k < m && applied < maxIterations {
                var w = try a.apply(basis[k])
                try LinearOperator.check(w, n)
                applied += 1
                for i in 0...k {
                    let hik = dot(w, basis[i])
                    h[i][k] = hik
                    for t in 0..<n { w[t] -= hik * basis[i][t] }
                }
                let wNorm = norm(w)
                h[k + 1][k] = wNorm
                for i in 0..<k {
                    let t = cs[i] * h[i][k] + sn[i] * h[i + 1][k]
                    h[i + 1][k] = -sn[i] * h[i][k] + cs[i] * h[i + 1][k]
                    h[i][k] = t
                }
                let denominator = (h[k][k] * h[k][k] + h[k + 1][k] * h[k + 1][k]).squareRoot()
                guard denominator.isFinite else {
                    throw ImplicitDifferentiationError.nonFinite(solver: "GMRES", iteration: applied)
                }
                cs[k] = denominator == 0 ? 1 : h[k][k] / denominator
                sn[k] = denominator == 0 ? 0 : h[k + 1][k] / denominator
                h[k][k] = denominator
                h[k + 1][k] = 0
                g[k + 1] = -sn[k] * g[k]
                g[k] = cs[k] * g[k]
                k += 1
                relative = Swift.abs(g[k]) / bNorm
                if relative <= tolerance || wNorm == 0 { break }
                basis.append(w.map { $0 / wNorm })
            }
            // Back substitution for y in H y = g, then u += V y.
            var y = [Double](repeating: 0, count: k)
            for i in stride(from: k - 1, through: 0, by: -1) {
                var s = g[i]
                for j in (i + 1)..<k { s -= h[i][j] * y[j] }
                y[i] = h[i][i] == 0 ? 0 : s / h[i][i]
            }
            for j in 0..<k { for t in 0..<n { u[t] += y[j] * basis[j][t] } }
            guard u.allSatisfy(\.isFinite) else {
                throw ImplicitDifferentiationError.nonFinite(solver: "GMRES", iteration: applied)
            }
        }
        // Final true residual.
        let au = try a.apply(u)
        var r = b
        for i in 0..<n { r[i] -= au[i] }
        relative = norm(r) / bNorm
        if relative <= tolerance { return u }
        throw ImplicitDifferentiationError.notConverged(solver: "GMRES", iterations: applied, residual: relative)
    }
}
