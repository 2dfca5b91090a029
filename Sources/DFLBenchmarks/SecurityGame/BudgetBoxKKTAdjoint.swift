import DFLImplicit
import DFLLinearAlgebra

/// Implicit differentiation of a local minimiser of `g(y; θ)` over the budget box
/// `{0 ≤ y ≤ 1, Σ y ≤ k}` (the defender's feasible set in Wang et al. 2020;
/// docs/papers/energy.md, "Network security game").
///
/// At the minimiser the coordinates strictly inside `(0, 1)` form the free set `F`; bound
/// coordinates are locally constant. Stationarity on `F` is `∇_F g + ν 1 = 0` with `ν ≥ 0` active
/// only when the budget binds. Differentiating gives the KKT system
/// `[H_FF 1; 1ᵀ 0] [dy_F; dν] = −[∂_θ ∇_F g; 0]` (the last row and column are dropped when the
/// budget is slack). For a loss `L(y)` the adjoint `w` solves the same symmetric system with the
/// right-hand side `∂L/∂y_F`, and `dL/dθ = −wᵀ ∂_θ ∇_F g`.
struct BudgetBoxKKTAdjoint: Sendable {
    /// Indices of the free coordinates.
    let free: [Int]
    /// Whether the budget constraint binds.
    let budgetActive: Bool

    /// Classifies the coordinates of the minimiser `y` (tolerance `tolerance` on the bounds and budget).
    init(minimizer y: [Double], budget: Double, tolerance: Double = 1e-7) {
        free = y.indices.filter { y[$0] > tolerance && y[$0] < 1 - tolerance }
        budgetActive = y.reduce(0, +) >= budget - 1e-6
    }

    /// The free-block Hessian by central differences of the analytic gradient `gradient(y)`
    /// (symmetrized). `step` is the difference step.
    func freeHessian(at y: [Double], step: Double = 1e-5, gradient: ([Double]) throws -> [Double]) rethrows -> Matrix {
        let f = free.count
        var h = Matrix(rows: f, columns: f)
        var probe = y
        for (j, e) in free.enumerated() {
            probe[e] = y[e] + step
            let plus = try gradient(probe)
            probe[e] = y[e] - step
            let minus = try gradient(probe)
            probe[e] = y[e]
            for (i, d) in free.enumerated() { h[i, j] = (plus[d] - minus[d]) / (2 * step) }
        }
        for i in 0..<f {
            for j in (i + 1)..<max(f, i + 1) {
                let s = 0.5 * (h[i, j] + h[j, i])
                h[i, j] = s
                h[j, i] = s
            }
        }
        return h
    }

    /// The adjoint `w` (full length `dimension`, zero off the free set) for the loss gradient
    /// `lossGradient = ∂L/∂y`, i.e. `K w = ∂L/∂y_F` (through DFLImplicit's ``ImplicitRoot`` with a
    /// dense LU solver). A tiny ridge is added when the KKT matrix is singular.
    /// - Throws: ``BenchmarkError/numerical(routine:reason:)`` when the system stays singular.
    func adjoint(hessian h: Matrix, lossGradient: [Double], dimension: Int) throws -> [Double] {
        var w = [Double](repeating: 0, count: dimension)
        let f = free.count
        guard f > 0 else { return w }
        let size = budgetActive ? f + 1 : f
        var scale = 0.0
        for i in 0..<f { scale = max(scale, abs(h[i, i])) }
        var rhs = [Double](repeating: 0, count: size)
        for (i, e) in free.enumerated() { rhs[i] = lossGradient[e] }
        for ridge in [0, 1e-10, 1e-8, 1e-6, 1e-4].map({ $0 * max(scale, 1) }) {
            var k = Matrix(rows: size, columns: size)
            for i in 0..<f {
                for j in 0..<f { k[i, j] = h[i, j] }
                k[i, i] += ridge
                if budgetActive {
                    k[i, f] = 1
                    k[f, i] = 1
                }
            }
            // DFLImplicit's root VJP of F = [∇_F g + ν1; 1ᵀy_F − k] (the same KKT system): K u = −∂L/∂y_F
            // by dense LU, and the adjoint returned here is w = −u (the caller forms −wᵀ ∂_θ∇_F g).
            let kkt = k
            let root = ImplicitRoot(
                size: size, solutionTransposedJacobian: { kkt.matvec($0) },
                parameterTransposedJacobian: { $0.map { -$0 } })
            guard let lu = try? DenseLinearSolver(.lu).factorize(matrix: k),
                let solution = try? root.vectorJacobianProduct(rhs, solver: lu),
                solution.allSatisfy({ $0.isFinite })
            else { continue }
            for (i, e) in free.enumerated() { w[e] = solution[i] }
            return w
        }
        throw BenchmarkError.numerical(
            routine: "BudgetBoxKKTAdjoint", reason: "singular KKT system on \(f) free coordinates")
    }
}
