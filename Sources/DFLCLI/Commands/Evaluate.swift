import ArgumentParser
import DFLCoinOR
import DFLData
import DFLMetrics
import DFLReport
import DFLTraining
import Foundation

/// `dfl evaluate`: a saved model's decision quality on labelled data, per instance and in summary.
public struct Evaluate: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a saved model's decisions on data with true costs.",
        discussion: """
            Reads --data (x0..x{p-1}, c0..c{d-1}), solves each instance with its true costs and with \
            the saved model's predicted costs, and reports: regret and normalized regret (PyEPO's \
            Σ regret / Σ |z*|), mean relative regret (mean of regret / |z*|), PyEPO's unambiguous \
            regret (the worst decision among the predicted costs' optima, through CBC on the \
            problem's MILP; it equals the regret when the optimum is unique), cost MSE and decision \
            accuracy (the share of instances whose decision equals the optimal one). --output writes \
            the summary and every instance: JSON, or CSV (one row per instance) by its extension.
            \(DFLExitCode.helpLine)
            """)

    @OptionGroup var threads: ThreadsOption
    @OptionGroup var inputs: SavedModelInputs
    @Option(help: "Write the summary and per-instance results here (.json, or .csv for the per-instance rows).")
    var output: String?
    @Flag(
        name: .customLong("skip-unambiguous"),
        help: "Do not compute the unambiguous regret (one extra CBC solve per instance).")
    var skipUnambiguous = false

    /// Creates the command.
    public init() {}

    /// Runs the command.
    public func run() throws {
        if let output { try OutputFile.requireWritable(output, option: "--output") }
        try InputFile.requireExists(inputs.data, option: "--data")
        let use = try SavedModelProblem(path: inputs.modelFile, modelOverride: inputs.model, threads: threads.threads)
        let d = use.oracle.costDimension
        // A model file's cost columns may be named after its variables (c_<name>).
        let data = try
            ((use.program as? UserModel).map { try DatasetCSV.read(path: inputs.data, costNames: $0.costColumnNames) }
            ?? DatasetCSV.read(path: inputs.data, expectedCostDimension: d)).withSolutions(from: use.oracle)
        let predicted = try use.predict(
            features: data.features, count: data.count, featureCount: data.featureCount, source: inputs.data)
        let oracle = use.oracle
        let report = try DecisionMetrics.evaluate(
            sense: oracle.sense, costDimension: d, name: oracle.name, predictedCosts: predicted, trueCosts: data.costs,
            optimalObjectives: data.objectives, optimalDecisions: data.solutions, decisionErrors: true,
            worstCase: skipUnambiguous ? nil : use.worstCase
        ) { costs, n, d in try oracle.solveBatch((0..<n).map { Array(costs[($0 * d)..<(($0 + 1) * d)]) }) }
        let result = EvaluationFile(
            model: use.fingerprint, data: try FileFingerprint.of(inputs.data, option: "--data"), report: report)
        try StandardOutput.print(Self.summary(result.summary, problem: oracle.name))
        guard let output else { return }
        if output.lowercased().hasSuffix(".csv") {
            try OutputFile.write(Self.csv(result.instances), to: output, option: "--output")
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFile.write(try encoder.encode(result), to: output, option: "--output")
        }
    }

    /// The summary table.
    static func summary(_ s: EvaluationSummary, problem: String) -> String {
        var t = TextTable(header: [
            "problem", "instances", "mean regret", "norm. regret", "mean rel. regret", "unamb. regret", "cost MSE",
            "decision acc.",
        ])
        t.add(row: [
            problem, "\(s.instances)", formatFixed(s.meanRegret, digits: 4), formatFixed(s.normalizedRegret, digits: 4),
            formatFixed(s.meanRelativeRegret, digits: 4),
            s.unambiguousNormalizedRegret.map { formatFixed($0, digits: 4) } ?? "-", formatFixed(s.costMSE, digits: 4),
            formatFixed(s.decisionAccuracy, digits: 4),
        ])
        return t.render()
    }

    /// One CSV row per instance.
    static func csv(_ rows: [InstanceEvaluation]) -> String {
        var text =
            "row,regret,normalized_regret,unambiguous_regret,cost_mse,optimal_decision,objective,optimal_objective\n"
        for r in rows {
            text +=
                "\(r.row),\(r.regret),\(r.normalizedRegret),\(r.unambiguousRegret.map { "\($0)" } ?? ""),\(r.costMSE),"
                + "\(r.optimalDecision),\(r.objective),\(r.optimalObjective)\n"
        }
        return text
    }
}

/// `dfl evaluate --output e.json`: the inputs, the summary and every instance.
struct EvaluationFile: Codable, Equatable {
    /// The saved model evaluated.
    var model: FileFingerprint
    /// The data read.
    var data: FileFingerprint
    /// The aggregate metrics.
    var summary: EvaluationSummary
    /// One entry per instance, in data order.
    var instances: [InstanceEvaluation]

    /// The file for `report` (from ``DecisionMetrics``).
    init(model: FileFingerprint, data: FileFingerprint, report r: EvaluationReport) {
        self.model = model
        self.data = data
        summary = EvaluationSummary(
            instances: r.instanceCount, meanRegret: r.meanRegret, normalizedRegret: r.normalizedRegret,
            meanRelativeRegret: r.meanRelativeRegret, unambiguousNormalizedRegret: r.unambiguousNormalizedRegret,
            costMSE: r.costMSE, decisionAccuracy: r.decisionAccuracy ?? 0)
        instances = (0..<r.instanceCount).map { i in
            InstanceEvaluation(
                row: i, regret: r.regrets[i],
                normalizedRegret: r.regrets[i] / (abs(r.optimalObjectives[i]) + DecisionMetrics.denominatorGuard),
                unambiguousRegret: r.unambiguousRegrets?[i], costMSE: r.instanceCostMSE?[i] ?? 0,
                optimalDecision: r.decisionMatches?[i] ?? false, objective: r.predictedDecisionObjectives[i],
                optimalObjective: r.optimalObjectives[i])
        }
    }
}

/// The aggregate metrics of `dfl evaluate`.
struct EvaluationSummary: Codable, Equatable {
    /// Instances evaluated.
    var instances: Int
    /// Mean regret.
    var meanRegret: Double
    /// PyEPO's normalized regret Σ regret / (Σ |z*| + 1e−8).
    var normalizedRegret: Double
    /// Mean of regret / (|z*| + 1e−8).
    var meanRelativeRegret: Double
    /// PyEPO's normalized unambiguous regret (nil: not computed).
    var unambiguousNormalizedRegret: Double?
    /// Mean squared error of the predicted costs.
    var costMSE: Double
    /// Share of instances whose decision equals the optimal one.
    var decisionAccuracy: Double
}

/// One instance of `dfl evaluate`.
struct InstanceEvaluation: Codable, Equatable {
    /// 0-based data row.
    var row: Int
    /// cᵀŵ − z* (sign-adjusted when maximizing).
    var regret: Double
    /// regret / (|z*| + 1e−8).
    var normalizedRegret: Double
    /// PyEPO's unambiguous regret (nil: not computed).
    var unambiguousRegret: Double?
    /// Mean squared error of this instance's predicted costs.
    var costMSE: Double
    /// Whether ŵ equals the labelled optimal decision.
    var optimalDecision: Bool
    /// cᵀŵ, the true objective of the decision.
    var objective: Double
    /// z*, the true optimum.
    var optimalObjective: Double
}
