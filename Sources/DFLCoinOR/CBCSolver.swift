import CCoinOR
import DFLOptimization
import Foundation

/// The CBC C model handle; freed deterministically when the wrapper goes away.
///
/// `@unchecked Sendable` is not claimed: a handle is created, used and freed inside one solve.
final class CBCHandle {
    let model: UnsafeMutableRawPointer
    init() { model = Cbc_newModel()! }
    deinit { Cbc_deleteModel(model) }
}

/// Process-wide lock around CBC's solve: `Cbc_solve` runs `CbcMain1`, which keeps static state, so
/// concurrent solves on separate models are serialized (each model stays per-solve).
let cbcLock = NSLock()

/// COIN-OR CBC (branch and cut) for any ``MixedIntegerProgram``.
///
/// Every solve builds its own model through the C API, so the solver value is freely shared; the
/// CBC call itself is serialized process-wide. Statuses become ``SolverError``s: `.infeasible`,
/// `.unbounded`, `.limitReached` (time limit), `.numericalFailure` (abandoned or unknown status).
public struct CBCSolver: Sendable {
    /// Wall-clock limit per solve in seconds (nil: none).
    public var timeLimit: Double?
    /// Relative optimality gap at which CBC stops (default 0: prove optimality).
    public var relativeGap: Double

    /// Creates a solver.
    public init(timeLimit: Double? = nil, relativeGap: Double = 0) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
    }

    /// Solves `program` (with `costs` replacing its objective when given); `name` labels errors.
    /// - Throws: ``SolverError`` for an invalid model, infeasibility, unboundedness, limits or failures.
    public func solve(_ program: MixedIntegerProgram, costs: [Double]? = nil, name: String = "MILP") throws -> Solution
    {
        let p = try program.validated(replacingObjectiveWith: costs, name: name)
        let n = p.variableCount
        let handle = CBCHandle()
        let m = handle.model
        CoinModel(p).load { Cbc_loadProblem(m, $0, $1, $2, $3, $4, $5, $6, $7, $8, $9) }
        for j in 0..<n where p.integrality[j] { Cbc_setInteger(m, Int32(j)) }
        Cbc_setObjSense(m, p.sense == .minimize ? 1 : -1)
        Cbc_setLogLevel(m, Int32(CoinLog.level))
        if let timeLimit { Cbc_setMaximumSeconds(m, timeLimit) }
        if relativeGap > 0 { Cbc_setAllowableFractionGap(m, relativeGap) }
        cbcLock.lock()
        _ = Cbc_solve(m)
        cbcLock.unlock()
        if Cbc_isProvenOptimal(m) != 0 {
            let x = Cbc_getColSolution(m)!
            var w = (0..<n).map { x[$0] }
            for j in 0..<n where p.integrality[j] { w[j] = w[j].rounded() }
            var objective = p.objectiveOffset
            for j in 0..<n { objective += p.objective[j] * w[j] }
            return Solution(decision: w, objective: objective)
        }
        if Cbc_isSecondsLimitReached(m) != 0 || Cbc_isNodeLimitReached(m) != 0 {
            throw SolverError(
                .limitReached,
                "\(name): CBC stopped at its limit (\(timeLimit.map { "\($0) s" } ?? "nodes")) without proving optimality"
            )
        }
        let infeasible = Cbc_isProvenInfeasible(m) != 0 || Cbc_isInitialSolveProvenPrimalInfeasible(m) != 0
        let status = "CBC status \(Cbc_status(m)), secondary \(Cbc_secondaryStatus(m))"
        if p.objective.allSatisfy({ $0 == 0 }) {  // a feasibility check (below): no objective to be unbounded
            throw SolverError(infeasible ? .infeasible : .numericalFailure, "\(name): \(status)")
        }
        throw try failure(p, name: name, status: status)
    }

    /// What a solve that ended without optimality or a limit means. CBC reports an unbounded MILP
    /// as infeasible, so the model is checked: with a zero objective (infeasible → `.infeasible`),
    /// then its LP relaxation with CLP (unbounded, with a feasible integer point → `.unbounded`, as
    /// for any MILP with rational data); anything else is a `.numericalFailure`.
    private func failure(_ p: MixedIntegerProgram, name: String, status: String) throws -> SolverError {
        var feasibility = p
        feasibility.objective = [Double](repeating: 0, count: p.variableCount)
        feasibility.objectiveOffset = 0
        do {
            _ = try solve(feasibility, name: name)
        } catch let error as SolverError where error.reason == .infeasible {
            return SolverError(.infeasible, "\(name): the model is infeasible (CBC)")
        }
        do {
            _ = try CLPSolver(timeLimit: timeLimit).solve(p, name: name)
        } catch let error as SolverError where error.reason == .unbounded {
            return SolverError(.unbounded, "\(name): the objective is unbounded (the model is feasible; CBC, CLP)")
        }
        return SolverError(.numericalFailure, "\(name): \(status) on a feasible model")
    }
}

/// Solves any ``LinearProgramRepresentable`` problem through CBC on its `asMILP` form; the decision
/// is the first `costDimension` variables.
public struct MILPSolver<P: LinearProgramRepresentable>: Solver {
    /// The backend.
    public var backend: CBCSolver

    /// Creates the solver.
    public init(backend: CBCSolver = CBCSolver()) { self.backend = backend }

    /// An optimal decision for `costs`.
    public func solve(_ problem: P, costs: [Double]) throws -> Solution {
        try SolverError.validate(costs: costs, expected: problem.costDimension, problem: problem.name)
        let milp = problem.asMILP(costs: nil)
        var full = [Double](repeating: 0, count: milp.variableCount)
        for j in 0..<costs.count { full[j] = costs[j] }
        let s = try backend.solve(milp, costs: full, name: problem.name)
        let w = Array(s.decision.prefix(problem.costDimension))
        return Solution(decision: w, objective: zip(costs, w).map(*).reduce(0, +))
    }
}
