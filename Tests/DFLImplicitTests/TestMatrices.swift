import DFLImplicit
import DFLLinearAlgebra
import DFLRandom

/// `M = I − K` with `K` symmetric and `ρ(K) ≤ 0.4`: symmetric positive definite with eigenvalues in
/// [0.6, 1.4], so every linear solver applies (Neumann included).
func contractiveSPD(_ n: Int, seed: UInt64) -> Matrix {
    var rng = SeededGenerator(seed: seed)
    let r = Matrix(rows: n, columns: n, elements: rng.normal(count: n * n))
    var k = r + transpose(r)
    let scale = 0.4 / max(spectralNormBound(k), 1e-12)
    k = scale * k
    return Matrix.identity(n) - k
}

/// `M = I − K` with `K` non-symmetric, `‖K‖∞ ≤ 0.5` (Neumann converges; not symmetric).
func contractiveGeneral(_ n: Int, seed: UInt64) -> Matrix {
    var rng = SeededGenerator(seed: seed)
    var k = Matrix(rows: n, columns: n, elements: rng.normal(count: n * n))
    let rowSum = (0..<n).map { i in (0..<n).map { abs(k[i, $0]) }.reduce(0, +) }.max()!
    k = (0.5 / rowSum) * k
    return Matrix.identity(n) - k
}

/// An upper bound on the spectral norm (the infinity norm of a symmetric matrix).
func spectralNormBound(_ a: Matrix) -> Double {
    (0..<a.rows).map { i in (0..<a.columns).map { abs(a[i, $0]) }.reduce(0, +) }.max() ?? 0
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

/// Every linear-solver value, by name.
let allSolvers: [(String, any LinearSolver)] = [
    ("dense LU", DenseLinearSolver(.lu)),
    ("dense Cholesky", DenseLinearSolver(.cholesky)),
    ("dense LDLT", DenseLinearSolver(.ldlt)),
    ("Neumann", NeumannSeries(tolerance: 1e-14, maxIterations: 2000)),
    ("CG", ConjugateGradient(tolerance: 1e-14, maxIterations: 200)),
    ("GMRES", GMRES(tolerance: 1e-14, restart: 8, maxIterations: 500)),
]

/// The solvers valid for a non-symmetric operator.
let generalSolvers: [(String, any LinearSolver)] = [
    ("dense LU", DenseLinearSolver(.lu)),
    ("Neumann", NeumannSeries(tolerance: 1e-14, maxIterations: 2000)),
    ("GMRES", GMRES(tolerance: 1e-14, restart: 8, maxIterations: 500)),
]

func transpose(_ a: Matrix) -> Matrix {
    var t = Matrix(rows: a.columns, columns: a.rows)
    for i in 0..<a.rows { for j in 0..<a.columns { t[j, i] = a[i, j] } }
    return t
}
