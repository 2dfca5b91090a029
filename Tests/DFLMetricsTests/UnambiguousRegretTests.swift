import DFLMetrics
import DFLOptimization
import Testing

/// PyEPO's unambiguous regret, and the decision accuracy and per-instance cost errors of the one
/// evaluation path, against enumeration over explicit candidate sets.
@Suite struct UnambiguousRegretTests {
    /// The worst true objective over the candidates within `bound` of the rounded costs (brute force).
    static func worstCase(_ problem: CandidateProblem) -> DecisionMetrics.WorstCaseSolve {
        { rounded, bound, trueCosts in
            let near = problem.candidates.filter {
                let v = DecisionMetrics.objective(costs: rounded, decision: $0)
                return problem.sense == .minimize ? v <= bound : v >= bound
            }
            let values = near.map { DecisionMetrics.objective(costs: trueCosts, decision: $0) }
            return (problem.sense == .minimize ? values.max() : values.min())!
        }
    }

    static func solve(_ problem: CandidateProblem) -> ([Double]) throws -> Solution {
        { try CandidateSolver().solve(problem, costs: $0) }
    }

    @Test func aTieIsScoredByItsWorstMemberNotByTheSolversChoice() throws {
        let problem = CandidateProblem.units(.minimize)
        let trueCosts = [1.0, 2, 3]
        // All-zero predictions: every unit vector is optimal; the solver picks the first (regret 0).
        let predicted = [0.0, 0, 0]
        let chosen = try CandidateSolver().solve(problem, costs: predicted)
        let regret = DecisionMetrics.regret(
            sense: .minimize, trueCosts: trueCosts, decision: chosen.decision, optimalObjective: 1)
        let unambiguous = try DecisionMetrics.unambiguousRegret(
            sense: .minimize, predictedCosts: predicted, trueCosts: trueCosts, optimalObjective: 1,
            solve: Self.solve(problem), worstCase: Self.worstCase(problem))
        #expect(regret == 0)
        #expect(unambiguous == 2)  // the third item: 3 − 1
    }

    @Test func aUniqueOptimumGivesTheRegretItself() throws {
        for sense in [ObjectiveSense.minimize, .maximize] {
            let problem = CandidateProblem(
                candidates: [[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0], [0, 0, 1, 1]], sense: sense)
            let trueCosts = [0.4, 1.3, 0.2, 0.9]
            let predicted = [0.31, 0.77, 0.12, 0.58]
            let truth = try CandidateSolver().solve(problem, costs: trueCosts)
            // Candidate values 0.94, 0.89, 1.13, 0.70: one best either way.
            let adjusted = predicted.enumerated().map { $0.offset == 0 ? $0.element + 0.05 : $0.element }
            let chosen = try CandidateSolver().solve(problem, costs: adjusted)
            let regret = DecisionMetrics.regret(
                sense: sense, trueCosts: trueCosts, decision: chosen.decision, optimalObjective: truth.objective)
            let unambiguous = try DecisionMetrics.unambiguousRegret(
                sense: sense, predictedCosts: adjusted, trueCosts: trueCosts, optimalObjective: truth.objective,
                solve: Self.solve(problem), worstCase: Self.worstCase(problem))
            #expect(abs(unambiguous - regret) < 1e-12, "\(sense)")
        }
    }

    @Test func aMaximizingTieTakesTheSmallestTrueValue() throws {
        let problem = CandidateProblem.units(.maximize)
        let unambiguous = try DecisionMetrics.unambiguousRegret(
            sense: .maximize, predictedCosts: [2, 2, 1], trueCosts: [5, 4, 9], optimalObjective: 9,
            solve: Self.solve(problem), worstCase: Self.worstCase(problem))
        #expect(unambiguous == 5)  // tie between items 0 and 1; the worse is item 1 (4): 9 − 4
    }

    @Test func aFailingWorstCaseSolveIsRetriedWithACoarserTolerance() throws {
        let problem = CandidateProblem.units(.minimize)
        var scales: [Double] = []
        let value = try DecisionMetrics.unambiguousRegret(
            sense: .minimize, predictedCosts: [0.5, 1, 2], trueCosts: [1, 2, 3], optimalObjective: 1,
            solve: Self.solve(problem)
        ) { rounded, bound, trueCosts in
            scales.append(rounded[0] / 0.5)
            if scales.count < 3 { throw SolverError(.numericalFailure, "refused") }
            return try Self.worstCase(problem)(rounded, bound, trueCosts)
        }
        #expect(value == 0)
        // 1/tolerance, then ten and a hundred times coarser.
        #expect(scales.map { $0.rounded() } == [100_000, 10_000, 1_000])
    }

    @Test func theEvaluationReportsUnambiguousRegretAccuracyAndPerInstanceCostErrors() throws {
        let problem = CandidateProblem.units(.minimize)
        let trueCosts: [Double] = [1, 2, 3, 3, 1, 2]
        let predicted: [Double] = [0, 0, 0, 2, 0, 3]  // instance 0 ties all three; instance 1 picks item 1
        let report = try DecisionMetrics.evaluate(
            sense: .minimize, costDimension: 3, name: "units", predictedCosts: predicted, trueCosts: trueCosts,
            optimalDecisions: [1, 0, 0, 0, 1, 0], worstCase: Self.worstCase(problem)
        ) { costs, n, d in
            try (0..<n).map { try CandidateSolver().solve(problem, costs: Array(costs[($0 * d)..<(($0 + 1) * d)])) }
        }
        #expect(report.regrets == [0, 0])
        #expect(report.unambiguousRegrets == [2, 0])
        #expect(abs(report.unambiguousNormalizedRegret! - 1) < 1e-7)
        #expect(report.decisionMatches == [true, true])
        #expect(report.decisionAccuracy == 1)
        #expect(report.instanceCostMSE == [14.0 / 3, 1])
        #expect(abs(report.costMSE - 17.0 / 6) < 1e-12)
        #expect(report.predictedDecisions == [1, 0, 0, 0, 1, 0])
    }

    @Test func decisionMatchesCompareEveryCoordinate() {
        let matches = DecisionMetrics.decisionMatches(
            predicted: [1, 0, 0, 1, 1e-9, 0], optimal: [1, 0, 1, 1, 0, 0], dimension: 3)
        #expect(matches == [false, true])
    }
}
