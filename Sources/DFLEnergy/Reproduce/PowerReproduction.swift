import DFLReport
import Foundation

/// Mean ± standard deviation of one method over seeds.
public struct EnergyMethodSummary: Sendable, Codable, Equatable {
    /// Method name.
    public var method: String
    /// Mean of the metric over seeds.
    public var mean: Double
    /// Sample standard deviation over seeds (0 for one seed).
    public var standardDeviation: Double
    /// Mean training seconds per epoch.
    public var secondsPerEpoch: Double
    /// The per-seed values.
    public var values: [Double]
    /// The paper's number for this row, when it reports one (as printed).
    public var paper: String?

    /// Summarises per-seed values.
    public init(method: String, values: [Double], secondsPerEpoch: Double, paper: String? = nil) {
        self.method = method
        self.values = values
        let n = Double(values.count)
        mean = values.reduce(0, +) / max(n, 1)
        let m = mean
        standardDeviation = values.count > 1 ? (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / (n - 1)).squareRoot() : 0
        self.secondsPerEpoch = secondsPerEpoch
        self.paper = paper
    }
}

/// The power-scheduling part of the reproduction: all methods over seeds, and the
/// training-data-ratio sweep (Fig. 8).
public struct PowerReproduction: Sendable {
    /// Paper numbers as printed (Table 1 / §4.1 text; DFL-QP derived from "7.3 % better").
    public static let paperNumbers: [PowerMethod: String] = [
        .twoStage: "4.52 ± 0.33", .soEBM: "3.83 ± 0.15", .soEBMWithoutMLE: "4.31 ± 0.17", .soEBMWithoutKL: "3.89 ± 0.18",
        .soEBMLangevin: "3.85 ± 0.13", .dflQP: "≈ 4.13 (derived)", .policyNet: "2–3× two-stage",
    ]
    /// Paper seconds per epoch where printed.
    public static let paperSeconds: [PowerMethod: String] = [.soEBM: "0.68", .dflQP: "93.12", .soEBMLangevin: "1.47"]

    /// Runs `methods` for every seed on the given splits; the two-stage model of each seed is the
    /// starting point of DFL-QP and every So-EBM variant (as in the reference code).
    public static func run(
        dataset: PowerDataset, settings: PowerTrainingSettings, seeds: [UInt64], methods: [PowerMethod],
        trainingFraction: Double = 1, log: (String) -> Void = { _ in }
    ) throws -> [EnergyMethodSummary] {
        var values: [PowerMethod: [Double]] = [:], seconds: [PowerMethod: [Double]] = [:]
        for seed in seeds {
            var (train, holdout, test) = dataset.benchmarkSplit(seed: seed)
            if trainingFraction < 1 {
                let keep = max(8, Int((Double(train.count) * trainingFraction).rounded()))
                train = train.subset(Array(0..<min(keep, train.count)))
                let keepHold = max(8, Int((Double(holdout.count) * trainingFraction).rounded()))
                holdout = holdout.subset(Array(0..<min(keepHold, holdout.count)))
            }
            let bench = try PowerBenchmark(train: train, holdout: holdout, test: test, settings: settings)
            let (twoStage, twoStageResult) = try bench.trainTwoStage(seed: seed)
            func record(_ m: PowerMethod, _ r: PowerMethodResult) {
                values[m, default: []].append(r.testTaskLoss)
                seconds[m, default: []].append(r.secondsPerEpoch)
                log("  seed \(seed) \(m.rawValue): test task loss \(formatFixed(r.testTaskLoss, digits: 3)), \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch")
            }
            for m in methods {
                switch m {
                case .twoStage: record(m, twoStageResult)
                case .dflQP: record(m, try bench.trainDFL(from: twoStage, seed: seed))
                case .policyNet: record(m, try bench.trainPolicyNet(seed: seed))
                case .soEBM, .soEBMWithoutMLE, .soEBMWithoutKL, .soEBMLangevin:
                    record(m, try bench.trainSoEBM(from: twoStage, variant: m, seed: seed))
                }
            }
        }
        return methods.map { m in
            let s = seconds[m] ?? []
            return EnergyMethodSummary(
                method: m.rawValue, values: values[m] ?? [], secondsPerEpoch: s.reduce(0, +) / Double(max(s.count, 1)),
                paper: paperNumbers[m])
        }
    }
}
