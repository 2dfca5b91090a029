import DFLOptimization

/// Decision-quality metrics of predict-then-optimize (PyEPO §2 and the smoothing paper, Eq. 14).
///
/// Arrays of several instances are flat and row-major (`n × d`). Size agreement is a
/// precondition here; ``evaluate(solver:problem:predictedCosts:trueCosts:optimalObjectives:optimalDecisions:decisionErrors:threads:)``
/// checks user input and throws ``MetricsError`` instead.
public enum DecisionMetrics {
    /// Guard added to denominators, as PyEPO does (`1e-8`).
    public static let denominatorGuard = 1e-8

    /// The objective value `cᵀw`.
    public static func objective<C: Collection<Double>, W: Collection<Double>>(
        costs: C, decision: W
    )
        -> Double
    {
        precondition(costs.count == decision.count, "costs and decision lengths differ")
        var s = 0.0
        for (c, w) in zip(costs, decision) { s += c * w }
        return s
    }

    /// Regret of one decision `ŵ` under the true costs `c` (PyEPO `calRegret`):
    /// ```
    /// regret = sense.sign · (cᵀŵ − z*)      (cᵀŵ − z* when minimizing, z* − cᵀŵ when maximizing)
    /// ```
    /// It is ≥ 0 whenever `z*` is the true optimum.
    public static func regret<C: Collection<Double>, W: Collection<Double>>(
        sense: ObjectiveSense, trueCosts: C, decision: W, optimalObjective: Double
    ) -> Double {
        sense.sign * (objective(costs: trueCosts, decision: decision) - optimalObjective)
    }

    /// PyEPO's normalized regret, a ratio of sums: `Σᵢ regretᵢ / (Σᵢ |z*ᵢ| + 1e−8)`.
    public static func normalizedRegret(regrets: [Double], optimalObjectives: [Double]) -> Double {
        precondition(regrets.count == optimalObjectives.count, "one optimal objective per regret")
        let total = regrets.reduce(0, +)
        let scale = optimalObjectives.reduce(0) { $0 + abs($1) }
        return total / (scale + denominatorGuard)
    }

    /// The smoothing paper's mean relative regret (Eq. 14), a mean of ratios:
    /// `(1/n) Σᵢ regretᵢ / (|z*ᵢ| + 1e−8)`. Unlike ``normalizedRegret(regrets:optimalObjectives:)``
    /// it weights every instance equally, so instances with small `|z*|` count more.
    public static func meanRelativeRegret(regrets: [Double], optimalObjectives: [Double]) -> Double {
        precondition(regrets.count == optimalObjectives.count, "one optimal objective per regret")
        guard !regrets.isEmpty else { return 0 }
        var s = 0.0
        for (r, z) in zip(regrets, optimalObjectives) { s += r / (abs(z) + denominatorGuard) }
        return s / Double(regrets.count)
    }

    /// Squared decision error (SqDE of the smoothing paper's code): the mean over all instances
    /// and coordinates of `(ŵ − w*)²`.
    public static func squaredDecisionError(predicted: [Double], optimal: [Double]) -> Double {
        meanSquaredDifference(predicted, optimal)
    }

    /// Decision RMSE: `√(squared decision error)`.
    public static func decisionRMSE(predicted: [Double], optimal: [Double]) -> Double {
        squaredDecisionError(predicted: predicted, optimal: optimal).squareRoot()
    }

    /// Mean squared error of costs over all instances and coordinates (PyEPO's `MSE`: the mean
    /// over instances of the per-instance mean over coordinates, equal since `d` is fixed).
    public static func costMSE(predicted: [Double], true trueCosts: [Double]) -> Double {
        meanSquaredDifference(predicted, trueCosts)
    }

    private static func meanSquaredDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "arrays differ in length (\(a.count) vs \(b.count))")
        guard !a.isEmpty else { return 0 }
        var s = 0.0
        for k in a.indices {
            let diff = a[k] - b[k]
            s += diff * diff
        }
        return s / Double(a.count)
    }
}
