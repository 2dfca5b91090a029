import DFLMetrics
import DFLOptimization
import Foundation
import Testing

@Suite("Decision metrics")
struct DecisionMetricsTests {
    /// PyEPO's denominator guard, part of the closed forms below.
    let g = DecisionMetrics.denominatorGuard

    // Minimization, three unit-vector decisions. Hand-computed:
    //   c = [1, 2, 3],    ĉ = [3, 1, 2]  → ŵ = e₂, cᵀŵ = 2,  z* = 1,  regret 1
    //   c = [4, 1, 5],    ĉ = [1, 2, 3]  → ŵ = e₁, cᵀŵ = 4,  z* = 1,  regret 3
    //   c = [10, 20, 40], ĉ = [0, 0, −1] → ŵ = e₃, cᵀŵ = 40, z* = 10, regret 30
    // normalized = 34 / 12, mean relative = (1 + 3 + 3) / 3, SqDE = 6 / 9.
    static let minTrue: [[Double]] = [[1, 2, 3], [4, 1, 5], [10, 20, 40]]
    static let minPredicted: [[Double]] = [[3, 1, 2], [1, 2, 3], [0, 0, -1]]

    @Test("minimization: hand-computed regrets, normalized vs mean relative regret")
    func minimization() throws {
        let report = try DecisionMetrics.evaluate(
            solver: CandidateSolver(), problem: .units(.minimize),
            predictedCosts: Self.minPredicted, trueCosts: Self.minTrue)
        #expect(report.instanceCount == 3 && report.costDimension == 3)
        #expect(report.regrets == [1, 3, 30])
        #expect(report.optimalObjectives == [1, 1, 10])
        #expect(report.predictedDecisionObjectives == [2, 4, 40])
        #expect(report.totalRegret == 34 && report.meanRegret == 34.0 / 3)
        #expect(abs(report.normalizedRegret - 34.0 / (12 + g)) < 1e-15)
        #expect(
            abs(report.meanRelativeRegret - (1 / (1 + g) + 3 / (1 + g) + 30 / (10 + g)) / 3) < 1e-15
        )
        #expect(abs(report.squaredDecisionError! - 6.0 / 9) < 1e-15)
        #expect(abs(report.decisionRMSE! - (6.0 / 9).squareRoot()) < 1e-15)
        // Cost MSE: squared differences 4+1+1, 9+1+4, 100+400+1681 over 9 entries.
        #expect(abs(report.costMSE - 2201.0 / 9) < 1e-12)
    }

    @Test("maximization: regret is z* − cᵀŵ (sign flipped), still ≥ 0")
    func maximization() throws {
        // c = [1, 2, 3], ĉ = [3, 1, 2] → ŵ = e₁: z* = 3, cᵀŵ = 1, regret 2.
        // c = [5, −1, 0], ĉ = [0, 1, 0] → ŵ = e₂: z* = 5, cᵀŵ = −1, regret 6.
        let report = try DecisionMetrics.evaluate(
            solver: CandidateSolver(), problem: .units(.maximize),
            predictedCosts: [[3, 1, 2], [0, 1, 0]], trueCosts: [[1, 2, 3], [5, -1, 0]])
        #expect(report.regrets == [2, 6])
        #expect(report.optimalObjectives == [3, 5])
        #expect(abs(report.normalizedRegret - 8 / (8 + g)) < 1e-15)
        #expect(abs(report.meanRelativeRegret - (2 / (3 + g) + 6 / (5 + g)) / 2) < 1e-15)
        #expect(report.regrets.allSatisfy { $0 >= 0 })
        #expect(
            DecisionMetrics.regret(
                sense: .maximize, trueCosts: [1, 2, 3], decision: [1, 0, 0], optimalObjective: 3)
                == 2)
    }

    @Test("negative optimal objectives are normalized by |z*|")
    func negativeObjectives() {
        // z* = −2 (min over c = [−2, 1, 0]); decision e₃ costs 0: regret 2, relative 2/|−2| = 1.
        let r = DecisionMetrics.regret(
            sense: .minimize, trueCosts: [-2, 1, 0], decision: [0, 0, 1], optimalObjective: -2)
        #expect(r == 2)
        #expect(
            abs(DecisionMetrics.normalizedRegret(regrets: [r], optimalObjectives: [-2]) - 1) < 1e-8)
        #expect(
            abs(DecisionMetrics.meanRelativeRegret(regrets: [r], optimalObjectives: [-2]) - 1)
                < 1e-8)
        // Ratio of sums vs mean of ratios differ when |z*| varies.
        let regrets = [1.0, 1.0]
        let z = [1.0, 9.0]
        #expect(
            abs(
                DecisionMetrics.normalizedRegret(regrets: regrets, optimalObjectives: z) - 2
                    / (10 + g)) < 1e-15)
        #expect(
            abs(
                DecisionMetrics.meanRelativeRegret(regrets: regrets, optimalObjectives: z)
                    - (1 / (1 + g) + 1 / (9 + g)) / 2)
                < 1e-15)
    }

    @Test("perfect predictions have zero regret and zero decision error")
    func perfectPrediction() throws {
        let report = try DecisionMetrics.evaluate(
            solver: CandidateSolver(), problem: .units(.minimize),
            predictedCosts: Self.minTrue, trueCosts: Self.minTrue)
        #expect(report.regrets == [0, 0, 0] && report.normalizedRegret == 0)
        #expect(report.squaredDecisionError == 0 && report.costMSE == 0)
    }

    @Test("cached objectives and decisions give the same report; threads do not matter")
    func cachingAndThreads() throws {
        let problem = CandidateProblem.units(.minimize)
        let flatTrue = Self.minTrue.flatMap { $0 }
        let flatPred = Self.minPredicted.flatMap { $0 }
        let plain = try DecisionMetrics.evaluate(
            solver: CandidateSolver(), problem: problem, predictedCosts: flatPred,
            trueCosts: flatTrue)
        let cached = try DecisionMetrics.evaluate(
            solver: CandidateSolver(), problem: problem, predictedCosts: flatPred,
            trueCosts: flatTrue, optimalObjectives: [1, 1, 10],
            optimalDecisions: [1, 0, 0, 0, 1, 0, 1, 0, 0], threads: 2)
        #expect(plain == cached)
        // Stored z* are used as given (PyEPO uses the dataset's objectives).
        let shifted = try DecisionMetrics.evaluate(
            solver: CandidateSolver(), problem: problem, predictedCosts: flatPred,
            trueCosts: flatTrue, optimalObjectives: [0, 0, 0], decisionErrors: false)
        #expect(shifted.regrets == [2, 4, 40])
        #expect(shifted.squaredDecisionError == nil && shifted.decisionRMSE == nil)
        let json = try JSONEncoder().encode(plain)
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: json) == plain)
    }

    @Test("bad inputs throw MetricsError; solver failures name the instance")
    func errors() {
        let problem = CandidateProblem.units(.minimize)
        #expect {
            try DecisionMetrics.evaluate(
                solver: CandidateSolver(), problem: problem, predictedCosts: [1, 2, 3],
                trueCosts: [1, 2, 3, 4, 5, 6])
        } throws: { ($0 as? MetricsError)?.reason == .dimensionMismatch }
        #expect {
            try DecisionMetrics.evaluate(
                solver: CandidateSolver(), problem: problem, predictedCosts: [[1, 2, 3]],
                trueCosts: [[1, 2]])
        } throws: { ($0 as? MetricsError)?.message.contains("trueCosts[0]") == true }
        #expect {
            try DecisionMetrics.evaluate(
                solver: CandidateSolver(), problem: problem, predictedCosts: [Double](),
                trueCosts: [Double]())
        } throws: { ($0 as? MetricsError)?.reason == .empty }
        #expect {
            try DecisionMetrics.evaluate(
                solver: CandidateSolver(), problem: problem, predictedCosts: [1, 2, 3],
                trueCosts: [1, 2, 3], optimalObjectives: [1, 2])
        } throws: { ($0 as? MetricsError)?.message.contains("optimalObjectives") == true }
        #expect {
            try DecisionMetrics.evaluate(
                solver: CandidateSolver(), problem: problem, predictedCosts: [1, 2, 3, 1, .nan, 3],
                trueCosts: [1, 2, 3, 1, 2, 3])
        } throws: { ($0 as? MetricsError)?.reason == .nonFiniteValue }
        #expect {
            try DecisionMetrics.evaluate(
                solver: FailingSolver(), problem: problem,
                predictedCosts: [1, 2, 3, 1, 2, 3, -1000, 0, 0],
                trueCosts: [Double](repeating: 1, count: 9),
                threads: 2)
        } throws: { error in
            let e = error as? SolverError
            return e?.reason == .infeasible && e!.message.hasPrefix("candidates[2]")
        }
    }
}
