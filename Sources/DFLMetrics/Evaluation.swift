import DFLOptimization

extension DecisionMetrics {
    /// Evaluates predicted costs: solves every instance at its prediction `ĉᵢ` (with the exact
    /// `solver`, on `threads` workers) and scores the decisions under the true costs.
    ///
    /// - Parameters:
    ///   - solver: The exact solver used for all decisions.
    ///   - problem: The problem every instance shares.
    ///   - predictedCosts: `ĉ`, `n × d` row-major.
    ///   - trueCosts: `c`, `n × d` row-major.
    ///   - optimalObjectives: Cached `z*ᵢ` (e.g. from a labelled dataset). When `nil`, the true
    ///     costs are solved.
    ///   - optimalDecisions: Cached `w*ᵢ`, `n × d`, for the decision errors.
    ///   - decisionErrors: Compute squared decision error and decision RMSE (default true). When
    ///     no `optimalDecisions` are given this solves the true costs once per instance.
    ///   - threads: Worker threads for the solves (default 1).
    /// - Returns: A report with per-instance regrets and all aggregate metrics.
    /// - Throws: ``MetricsError`` for size mismatches, non-finite inputs or no instances;
    ///   ``SolverError`` from the backend (message prefixed with `problem.name[i]`).
    public static func evaluate<S: Solver>(
        solver: S, problem: S.Problem, predictedCosts: [Double], trueCosts: [Double],
        optimalObjectives: [Double]? = nil, optimalDecisions: [Double]? = nil,
        decisionErrors: Bool = true, threads: Int = 1
    ) throws -> EvaluationReport {
        try evaluate(
            sense: problem.sense, costDimension: problem.costDimension, name: problem.name,
            predictedCosts: predictedCosts, trueCosts: trueCosts, optimalObjectives: optimalObjectives,
            optimalDecisions: optimalDecisions, decisionErrors: decisionErrors
        ) { costs, n, d in
            try solveRows(solver: solver, problem: problem, costs: costs, dimension: d, count: n, threads: threads)
        }
    }

    /// The one evaluation path of DFLKit: solves every instance at its prediction `ĉᵢ` with
    /// `solve` and scores the decisions under the true costs. The solver-based
    /// ``evaluate(solver:problem:predictedCosts:trueCosts:optimalObjectives:optimalDecisions:decisionErrors:threads:)``
    /// and the `Trainer` (with its decision oracle) both end here.
    ///
    /// - Parameters:
    ///   - sense: Whether the problem minimizes or maximizes `cᵀw`.
    ///   - d: The cost dimension.
    ///   - name: Problem name for error messages.
    ///   - predictedCosts: `ĉ`, flat `n × d`.
    ///   - trueCosts: `c`, flat `n × d`.
    ///   - optimalObjectives: `z*ᵢ` when known (solved from `c` otherwise).
    ///   - optimalDecisions: `w*ᵢ` when known (solved from `c` otherwise, when decision errors are asked).
    ///   - decisionErrors: Whether to score the decisions against `w*` too.
    ///   - worstCase: When given, PyEPO's unambiguous regret is computed too
    ///     (``unambiguousRegret(sense:predictedCosts:trueCosts:optimalObjective:tolerance:attempts:solve:worstCase:)``,
    ///     rounding at `tolerance`).
    ///   - tolerance: The rounding scale of the unambiguous regret.
    ///   - solve: Solves the `n` rows of a flat `n × d` cost array (`(costs, n, d)`), in order.
    /// - Returns: The regrets and their summaries.
    /// - Throws: ``MetricsError`` for size mismatches, non-finite inputs or no instances; what
    ///   `solve` throws.
    public static func evaluate(
        sense: ObjectiveSense, costDimension d: Int, name: String, predictedCosts: [Double], trueCosts: [Double],
        optimalObjectives: [Double]? = nil, optimalDecisions: [Double]? = nil, decisionErrors: Bool = true,
        worstCase: WorstCaseSolve? = nil, tolerance: Double = 1e-5,
        solve: (_ costs: [Double], _ count: Int, _ dimension: Int) throws -> [Solution]
    ) throws -> EvaluationReport {
        guard d >= 1 else {
            throw MetricsError(.dimensionMismatch, "problem '\(name)' has no costs")
        }
        guard trueCosts.count % d == 0, !trueCosts.isEmpty else {
            throw MetricsError(
                trueCosts.isEmpty ? .empty : .dimensionMismatch,
                "trueCosts has \(trueCosts.count) entries, expected a positive multiple of \(d)")
        }
        let n = trueCosts.count / d
        func check(_ array: [Double]?, _ name: String, _ expected: Int) throws {
            guard let array else { return }
            guard array.count == expected else {
                throw MetricsError(
                    .dimensionMismatch, "\(name) has \(array.count) entries, expected \(expected)")
            }
            if let k = array.firstIndex(where: { !$0.isFinite }) {
                throw MetricsError(
                    .nonFiniteValue,
                    "\(name)[\(k)] = \(array[k]) (instance \(k / max(1, expected / n)))")
            }
        }
        try check(predictedCosts, "predictedCosts", n * d)
        try check(trueCosts, "trueCosts", n * d)
        try check(optimalObjectives, "optimalObjectives", n)
        try check(optimalDecisions, "optimalDecisions", n * d)

        let predicted = try solve(predictedCosts, n, d)
        let (decisionsHat, mismatch) = concatenatedDecisions(predicted, dimension: d)
        if let (i, length) = mismatch {
            throw MetricsError(
                .dimensionMismatch, "solver returned \(length) decision entries for instance \(i), expected \(d)")
        }

        var zStar = optimalObjectives
        var wStar = optimalDecisions
        if zStar == nil || (decisionErrors && wStar == nil) {
            let truth = try solve(trueCosts, n, d)
            if zStar == nil { zStar = truth.map(\.objective) }
            if wStar == nil { wStar = truth.flatMap(\.decision) }
        }
        let z = zStar!

        var regrets = [Double](repeating: 0, count: n)
        var achieved = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let c = trueCosts[(i * d)..<((i + 1) * d)]
            let w = decisionsHat[(i * d)..<((i + 1) * d)]
            achieved[i] = objective(costs: c, decision: w)
            regrets[i] = sense.sign * (achieved[i] - z[i])
        }
        let total = regrets.reduce(0, +)
        var sqde: Double?
        var matches: [Bool]?
        if decisionErrors, let wStar {
            guard wStar.count == n * d else {
                throw MetricsError(
                    .dimensionMismatch, "solver returned optimal decisions of the wrong length")
            }
            sqde = squaredDecisionError(predicted: decisionsHat, optimal: wStar)
            matches = decisionMatches(predicted: decisionsHat, optimal: wStar, dimension: d)
        }
        var unambiguous: [Double]?
        if let worstCase {
            unambiguous = try (0..<n).map { i in
                try unambiguousRegret(
                    sense: sense, predictedCosts: Array(predictedCosts[(i * d)..<((i + 1) * d)]),
                    trueCosts: Array(trueCosts[(i * d)..<((i + 1) * d)]), optimalObjective: z[i],
                    tolerance: tolerance, solve: { try solve($0, 1, d)[0] }, worstCase: worstCase)
            }
        }
        return EvaluationReport(
            instanceCount: n, costDimension: d, sense: sense, regrets: regrets,
            optimalObjectives: z, predictedDecisionObjectives: achieved, totalRegret: total,
            meanRegret: total / Double(n),
            normalizedRegret: normalizedRegret(regrets: regrets, optimalObjectives: z),
            meanRelativeRegret: meanRelativeRegret(regrets: regrets, optimalObjectives: z),
            costMSE: costMSE(predicted: predictedCosts, true: trueCosts),
            squaredDecisionError: sqde, decisionRMSE: sqde.map { $0.squareRoot() },
            instanceCostMSE: (0..<n).map { i in
                costMSE(
                    predicted: Array(predictedCosts[(i * d)..<((i + 1) * d)]),
                    true: Array(trueCosts[(i * d)..<((i + 1) * d)]))
            },
            decisionMatches: matches,
            decisionAccuracy: matches.map { m in Double(m.filter { $0 }.count) / Double(n) },
            unambiguousRegrets: unambiguous,
            unambiguousNormalizedRegret: unambiguous.map { normalizedRegret(regrets: $0, optimalObjectives: z) },
            predictedDecisions: decisionsHat)
    }

    /// Whether each instance's decision equals its optimal one, coordinate by coordinate within
    /// ``decisionTolerance`` (an instance with several optima counts as a match only for the
    /// labelled one).
    public static func decisionMatches(predicted: [Double], optimal: [Double], dimension d: Int) -> [Bool] {
        precondition(predicted.count == optimal.count && d > 0 && predicted.count % d == 0, "decision arrays differ")
        return (0..<(predicted.count / d)).map { i in
            ((i * d)..<((i + 1) * d)).allSatisfy { abs(predicted[$0] - optimal[$0]) <= decisionTolerance }
        }
    }

    /// Two decision coordinates closer than this are equal (for ``decisionMatches(predicted:optimal:dimension:)``).
    public static let decisionTolerance = 1e-6

    /// Row-array convenience for
    /// ``evaluate(solver:problem:predictedCosts:trueCosts:optimalObjectives:optimalDecisions:decisionErrors:threads:)``.
    /// - Throws: ``MetricsError`` `.dimensionMismatch` naming the first ragged row, and everything
    ///   the flat version throws.
    public static func evaluate<S: Solver>(
        solver: S, problem: S.Problem, predictedCosts: [[Double]], trueCosts: [[Double]],
        optimalObjectives: [Double]? = nil, optimalDecisions: [[Double]]? = nil,
        decisionErrors: Bool = true, threads: Int = 1
    ) throws -> EvaluationReport {
        let d = problem.costDimension
        func flatten(_ rows: [[Double]], _ name: String) throws -> [Double] {
            if let i = rows.firstIndex(where: { $0.count != d }) {
                throw MetricsError(
                    .dimensionMismatch, "\(name)[\(i)] has \(rows[i].count) entries, expected \(d)")
            }
            return rows.flatMap { $0 }
        }
        guard predictedCosts.count == trueCosts.count else {
            throw MetricsError(
                .dimensionMismatch,
                "\(predictedCosts.count) predicted cost rows but \(trueCosts.count) true cost rows")
        }
        return try evaluate(
            solver: solver, problem: problem,
            predictedCosts: try flatten(predictedCosts, "predictedCosts"),
            trueCosts: try flatten(trueCosts, "trueCosts"), optimalObjectives: optimalObjectives,
            optimalDecisions: try optimalDecisions.map { try flatten($0, "optimalDecisions") },
            decisionErrors: decisionErrors, threads: threads)
    }
}
