import DFLLinearAlgebra
import DFLQuadraticProgramming
import DFLTensor

/// A convex QP layer with a general quadratic objective (docs/papers/recursive.md, "Framework"):
///
/// ```
/// z*(c, h) = argmin ½ zᵀQz + cᵀz   s.t.  G z ≤ h,  A z = b,  l ≤ z ≤ u
/// ```
/// whose linear term `c` (and optionally the inequality right-hand side `h`) come from a prediction.
/// Forward: DFLLayers' interior-point solver (exact active-set polish); backward: the KKT
/// sensitivity system at the solution, factorized once per instance (OptNet-style) — DFLImplicit's
/// root VJP of the active-set KKT conditions with that factorization as a pre-factored solver
/// (``QPSolution/vectorJacobianProduct(_:)``).
public struct ConvexQPLayer: Sendable {
    /// The QP with its fixed parts (`Q`, `A`, `b`, `G`, default `h`, bounds).
    public let program: DenseQuadraticProgram
    private let solver: InteriorPointQPSolver
    /// Retry solver for instances the default one stops on (`notConverged` at 1e-10): tolerance 1e-8,
    /// 200 iterations — predicted costs far from the training distribution can stall the default
    /// solver a hair above its tolerance (seen on matching 15×15: dual residual 1.4e-7).
    private let retrySolver: InteriorPointQPSolver
    /// Worker threads of a batch solve (default: all cores).
    public var threads = Int.max

    /// Creates the layer.
    /// - Throws: ``LayerError`` when the program is invalid or infeasible.
    public init(program: DenseQuadraticProgram) throws {
        self.program = program
        solver = try LayerError.lifting { try InteriorPointQPSolver(program: program) }
        retrySolver = try LayerError.lifting {
            try InteriorPointQPSolver(program: program, configuration: .init(tolerance: 1e-8, maxIterations: 200))
        }
    }

    /// Solves a batch; when an instance fails, solves the batch one by one and retries each failing
    /// instance with the looser retry solver (its error is thrown if that fails too).
    func solveBatch(_ linearTerms: [[Double]]) throws -> [QPSolution] {
        do { return try solver.solveBatch(linearTerms, threads: threads) } catch {
            return try LayerError.lifting {
                try linearTerms.map { q in
                    do { return try solver.solveBatch([q])[0] } catch { return try retrySolver.solveBatch([q])[0] }
                }
            }
        }
    }

    /// Solutions for a batch of linear terms `c` (`[batch, n]`), differentiable in `c`.
    /// - Throws: ``LayerError`` when an instance fails.
    public func callAsFunction(_ c: Variable) throws -> Variable {
        let (b, n) = (c.shape[0], c.shape[1])
        let sols = try solveBatch(c.value.rows)
        let value = Tensor(shape: [b, n], scalars: sols.flatMap(\.primal))
        return Variable.record(value, parents: [c]) { g in
            var out: [Double] = []
            for i in 0..<b {
                let cot = Array(g.scalars[(i * n)..<((i + 1) * n)])
                out += (try? sols[i].vectorJacobianProduct(cot).linear) ?? [Double](repeating: 0, count: n)
            }
            return [Tensor(shape: [b, n], scalars: out)]
        }
    }

    /// Solutions for linear terms `c` and inequality right-hand sides `h` (`[batch, m]`),
    /// differentiable in both.
    /// - Throws: ``LayerError`` when an instance fails.
    public func callAsFunction(_ c: Variable, inequalityRHS h: Variable) throws -> Variable {
        let (b, n) = (c.shape[0], c.shape[1])
        let m = h.shape[1]
        let sols = try (0..<b).map { i -> QPSolution in
            var p = program
            p.linear = Array(c.value.scalars[(i * n)..<((i + 1) * n)])
            p.inequalityRHS = Array(h.value.scalars[(i * m)..<((i + 1) * m)])
            return try LayerError.lifting { try InteriorPointQPSolver(program: p).solve() }
        }
        let value = Tensor(shape: [b, n], scalars: sols.flatMap(\.primal))
        return Variable.record(value, parents: [c, h]) { g in
            var gc: [Double] = [], gh: [Double] = []
            for i in 0..<b {
                let cot = Array(g.scalars[(i * n)..<((i + 1) * n)])
                let grad = try? sols[i].vectorJacobianProduct(cot)
                gc += grad?.linear ?? [Double](repeating: 0, count: n)
                gh += grad?.inequalityRHS ?? [Double](repeating: 0, count: m)
            }
            return [Tensor(shape: [b, n], scalars: gc), Tensor(shape: [b, m], scalars: gh)]
        }
    }
}
