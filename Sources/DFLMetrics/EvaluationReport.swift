import DFLOptimization

/// Decision quality of predicted costs on a set of instances, as computed by
/// ``DecisionMetrics/evaluate(solver:problem:predictedCosts:trueCosts:optimalObjectives:optimalDecisions:decisionErrors:threads:)``.
public struct EvaluationReport: Sendable, Codable, Equatable {
    /// Number of instances `n`.
    public var instanceCount: Int
    /// Cost dimension `d`.
    public var costDimension: Int
    /// Objective sense of the problem.
    public var sense: ObjectiveSense
    /// Per-instance regret `sense.sign · (cᵢᵀŵᵢ − z*ᵢ)`.
    public var regrets: [Double]
    /// True optimal objectives `z*ᵢ` used for the regrets.
    public var optimalObjectives: [Double]
    /// True objectives `cᵢᵀŵᵢ` of the decisions made from the predictions.
    public var predictedDecisionObjectives: [Double]
    /// `Σᵢ regretᵢ`.
    public var totalRegret: Double
    /// `Σᵢ regretᵢ / n`.
    public var meanRegret: Double
    /// PyEPO's normalized regret `Σ regret / (Σ |z*| + 1e−8)`.
    public var normalizedRegret: Double
    /// The smoothing paper's mean relative regret `mean(regretᵢ / (|z*ᵢ| + 1e−8))` (Eq. 14).
    public var meanRelativeRegret: Double
    /// Mean squared error between predicted and true costs.
    public var costMSE: Double
    /// Mean of `(ŵ − w*)²` over instances and coordinates, when decision errors were computed.
    public var squaredDecisionError: Double?
    /// `√squaredDecisionError`, when decision errors were computed.
    public var decisionRMSE: Double?
    /// Per-instance mean squared error of the predicted costs (their mean is ``costMSE``).
    public var instanceCostMSE: [Double]? = nil
    /// Per instance: whether the decision equals the optimal one (when decision errors were computed).
    public var decisionMatches: [Bool]? = nil
    /// The fraction of instances whose decision equals the optimal one (when decision errors were computed).
    public var decisionAccuracy: Double? = nil
    /// PyEPO's per-instance unambiguous regret (worst decision among the predicted costs' optima),
    /// when a worst-case solver was given.
    public var unambiguousRegrets: [Double]? = nil
    /// PyEPO's normalized unambiguous regret `Σ uregretᵢ / (Σ |z*| + 1e−8)`, likewise.
    public var unambiguousNormalizedRegret: Double? = nil
    /// The decisions made from the predicted costs, flat `n × d`.
    public var predictedDecisions: [Double]? = nil

    /// Creates a report from its fields.
    public init(
        instanceCount: Int, costDimension: Int, sense: ObjectiveSense, regrets: [Double],
        optimalObjectives: [Double], predictedDecisionObjectives: [Double], totalRegret: Double,
        meanRegret: Double, normalizedRegret: Double, meanRelativeRegret: Double, costMSE: Double,
        squaredDecisionError: Double?, decisionRMSE: Double?, instanceCostMSE: [Double]? = nil,
        decisionMatches: [Bool]? = nil, decisionAccuracy: Double? = nil, unambiguousRegrets: [Double]? = nil,
        unambiguousNormalizedRegret: Double? = nil, predictedDecisions: [Double]? = nil
    ) {
        self.instanceCount = instanceCount
        self.costDimension = costDimension
        self.sense = sense
        self.regrets = regrets
        self.optimalObjectives = optimalObjectives
        self.predictedDecisionObjectives = predictedDecisionObjectives
        self.totalRegret = totalRegret
        self.meanRegret = meanRegret
        self.normalizedRegret = normalizedRegret
        self.meanRelativeRegret = meanRelativeRegret
        self.costMSE = costMSE
        self.squaredDecisionError = squaredDecisionError
        self.decisionRMSE = decisionRMSE
        self.instanceCostMSE = instanceCostMSE
        self.decisionMatches = decisionMatches
        self.decisionAccuracy = decisionAccuracy
        self.unambiguousRegrets = unambiguousRegrets
        self.unambiguousNormalizedRegret = unambiguousNormalizedRegret
        self.predictedDecisions = predictedDecisions
    }
}
