import DFLNN
import DFLLosses
import DFLBenchmarks
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
    ///
    /// With a `journal`, runs already recorded under `part` are reused and new ones are recorded as
    /// they finish, so an interrupted reproduction resumes where it stopped.
    public static func run(
        dataset: PowerDataset, settings: PowerTrainingSettings, seeds: [UInt64], methods: [PowerMethod],
        trainingFraction: Double = 1, journal: EnergyRunJournal? = nil, part: String = "power", log: (String) -> Void = { _ in }
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
            // The two-stage model is trained only when a method that needs it has not finished yet.
            var twoStageRun: (model: GaussianMLP, result: PowerMethodResult)?
            func twoStage() throws -> (model: GaussianMLP, result: PowerMethodResult) {
                if let r = twoStageRun { return r }
                let r = try bench.trainTwoStage(seed: seed)
                twoStageRun = r
                return r
            }
            func record(_ m: PowerMethod, _ value: Double, _ perEpoch: Double, resumed: Bool) throws {
                values[m, default: []].append(value)
                seconds[m, default: []].append(perEpoch)
                if !resumed {
                    try journal?.record(part: part, seed: seed, method: m.rawValue, value: value, secondsPerEpoch: perEpoch)
                }
                log("  seed \(seed) \(m.rawValue): test task loss \(formatFixed(value, digits: 3)), \(formatFixed(perEpoch, digits: 3)) s/epoch" + (resumed ? " (from journal)" : ""))
            }
            for m in methods {
                if let done = journal?.entry(part: part, seed: seed, method: m.rawValue) {
                    try record(m, done.value, done.secondsPerEpoch, resumed: true)
                    continue
                }
                let r: PowerMethodResult
                switch m {
                case .twoStage: r = try twoStage().result
                case .dflQP: r = try bench.trainDFL(from: try twoStage().model, seed: seed)
                case .policyNet: r = try bench.trainPolicyNet(seed: seed)
                case .soEBM, .soEBMWithoutMLE, .soEBMWithoutKL, .soEBMLangevin:
                    r = try bench.trainSoEBM(from: try twoStage().model, variant: m, seed: seed)
                }
                try record(m, r.testTaskLoss, r.secondsPerEpoch, resumed: false)
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
