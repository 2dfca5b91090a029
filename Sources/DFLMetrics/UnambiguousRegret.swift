import DFLOptimization

extension DecisionMetrics {
    /// The worst true objective over the decisions that are optimal for some rounded predicted
    /// costs: `max cᵀw` (minimization) or `min cᵀw` (maximization) over the feasible `w` with
    /// `ĉᵣᵀw ≤ bound` (minimization) or `ĉᵣᵀw ≥ bound` (maximization). A backend that can add one
    /// linear constraint to the problem (CBC on its MILP) provides it.
    public typealias WorstCaseSolve = (
        _ roundedCosts: [Double], _ bound: Double, _ trueCosts: [Double]
    ) throws -> Double

    /// PyEPO's unambiguous regret of one instance (`pyepo.metric.unambregret.calUnambRegret`): the
    /// regret of the WORST decision among those optimal for the predicted costs, so that a
    /// prediction with ties (all zeros, say) cannot look good by the solver's tie-breaking.
    ///
    /// As PyEPO: the predicted costs are rounded to integers at the scale `tolerance`,
    /// `ĉᵣ = round(ĉ / tolerance)`; `ŵ` solves `ĉᵣ` and `ẑᵣ = ⌈ĉᵣᵀŵ⌉`; the worst case is taken
    /// over `ĉᵣᵀw ≤ ẑᵣ + 0.01` (minimization; `ĉᵣᵀw ≥ ẑᵣ − 0.01` maximizing), and the regret is
    /// `sense.sign · (cᵀw_worst − z*)`. When a solve fails the tolerance grows tenfold, at most
    /// `attempts` times. For a prediction whose optimum is unique this equals the regret.
    /// - Parameters:
    ///   - sense: Whether the problem minimizes or maximizes.
    ///   - predictedCosts: `ĉ`, one instance.
    ///   - trueCosts: `c`, the same instance.
    ///   - optimalObjective: `z*`, the true optimum.
    ///   - tolerance: The rounding scale (PyEPO's default `1e−5`).
    ///   - attempts: Solves tried, each with a ten times coarser tolerance (PyEPO's `max_iter`, 10).
    ///   - solve: The exact solver of the problem (solves the rounded costs).
    ///   - worstCase: The worst true objective over the tie set (``WorstCaseSolve``).
    /// - Returns: The unambiguous regret, ≥ the regret of any optimal decision for `ĉ`.
    /// - Throws: the last error of `solve`/`worstCase` after `attempts` failures.
    public static func unambiguousRegret(
        sense: ObjectiveSense, predictedCosts: [Double], trueCosts: [Double], optimalObjective: Double,
        tolerance: Double = 1e-5, attempts: Int = 10, solve: ([Double]) throws -> Solution,
        worstCase: WorstCaseSolve
    ) throws -> Double {
        var scale = tolerance
        var attempt = 1
        while true {
            do {
                let rounded = predictedCosts.map { ($0 / scale).rounded() }
                let decision = try solve(rounded).decision
                let roundedObjective = objective(costs: rounded, decision: decision).rounded(.up)
                let bound = sense == .minimize ? roundedObjective + 1e-2 : roundedObjective - 1e-2
                let worst = try worstCase(rounded, bound, trueCosts)
                return sense.sign * (worst - optimalObjective)
            } catch {
                if attempt >= attempts { throw error }
                attempt += 1
                scale *= 10
            }
        }
    }
}
