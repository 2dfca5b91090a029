import CCoinOR
import DFLOptimization

/// The CLP C model handle, freed when the wrapper goes away.
final class CLPHandle {
    let model: UnsafeMutableRawPointer
    init() { model = Clp_newModel()! }
    deinit { Clp_deleteModel(model) }
}

/// An LP solution with the duals of its rows (equalities first, then inequalities).
public struct LPSolution: Sendable, Equatable {
    /// Primal solution and objective.
    public var solution: Solution
    /// Row duals (CLP's sign convention: ∂objective/∂rhs).
    public var duals: [Double]
}

/// COIN-OR CLP (simplex) for the LP relaxation of any ``MixedIntegerProgram``.
///
/// Each solve builds its own model, so concurrent solves are safe.
public struct CLPSolver: Sendable {
    /// Wall-clock limit per solve in seconds (nil: none).
    public var timeLimit: Double?

    /// Creates a solver.
    public init(timeLimit: Double? = nil) { self.timeLimit = timeLimit }

    /// Solves the LP relaxation of `program` (integrality ignored).
    /// - Throws: ``SolverError`` for an invalid model, infeasibility, unboundedness, limits or failures.
    public func solve(_ program: MixedIntegerProgram, costs: [Double]? = nil, name: String = "LP") throws -> LPSolution
    {
        let p = try program.validated(replacingObjectiveWith: costs, name: name)
        let n = p.variableCount
        let handle = CLPHandle()
        let m = handle.model
        let rows = p.equalityRHS.count + p.inequalityRHS.count
        CoinModel(p).load { Clp_loadProblem(m, $0, $1, $2, $3, $4, $5, $6, $7, $8, $9) }
        Clp_setOptimizationDirection(m, p.sense == .minimize ? 1 : -1)
        Clp_setLogLevel(m, Int32(CoinLog.level))
        if let timeLimit { Clp_setMaximumSeconds(m, timeLimit) }
        _ = Clp_initialSolve(m)
        switch Clp_status(m) {
        case 0:
            let x = Clp_primalColumnSolution(m)!
            let w = (0..<n).map { x[$0] }
            let y = Clp_dualRowSolution(m)
            let duals = (0..<rows).map { y?[$0] ?? 0 }
            var objective = p.objectiveOffset
            for j in 0..<n { objective += p.objective[j] * w[j] }
            return LPSolution(solution: Solution(decision: w, objective: objective), duals: duals)
        case 1: throw SolverError(.infeasible, "\(name): CLP found the LP primal infeasible")
        case 2:
            // Dual infeasible: unbounded when the LP has a feasible point (checked with a zero objective).
            if p.objective.allSatisfy({ $0 == 0 }) {
                throw SolverError(.numericalFailure, "\(name): CLP found a zero objective dual infeasible")
            }
            var feasibility = p
            feasibility.objective = [Double](repeating: 0, count: n)
            do { _ = try solve(feasibility, name: name) } catch let error as SolverError
                where error.reason == .infeasible
            {
                throw SolverError(.infeasible, "\(name): CLP found the LP primal and dual infeasible")
            }
            throw SolverError(.unbounded, "\(name): CLP found the LP unbounded (feasible, dual infeasible)")
        case 3: throw SolverError(.limitReached, "\(name): CLP stopped at its iteration or time limit")
        default:
            throw SolverError(
                .numericalFailure, "\(name): CLP status \(Clp_status(m)), secondary \(Clp_secondaryStatus(m))")
        }
    }
}
