import DFLBenchmarks
import DFLLosses
import DFLNN
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
        let statistics = SampleStatistics(values)
        mean = statistics.mean
        standardDeviation = statistics.standardDeviation
        self.secondsPerEpoch = secondsPerEpoch
        self.paper = paper
    }
}

/// The power-scheduling part of the reproduction: all methods over seeds, and the
/// training-data-ratio sweep (Fig. 8).
public struct PowerReproduction: Sendable {
    /// The paper's task loss per method as the report prints it (`energy-paper.json`, `power`:
    /// Table 1 / §4.1 text; DFL-QP derived from "7.3 % better").
    /// - Throws: ``PaperNumbersError`` naming a method missing from the file.
    public static var paperNumbers: [PowerMethod: String] {
        get throws {
            let power = try PaperNumbers.energy.power
            var out: [PowerMethod: String] = [:]
            for m in PowerMethod.allCases {
                out[m] = try power.methods.value(m.rawValue).printed(
                    decimals: power.decimals ?? 2, file: power.methods.file, key: power.methods.key + "." + m.rawValue)
            }
            return out
        }
    }
    /// The paper's seconds per epoch where printed (`energy-paper.json`, `powerSeconds`).
    /// - Throws: ``PaperNumbersError`` for an entry that names no ``PowerMethod``.
    public static var paperSeconds: [PowerMethod: String] {
        get throws {
            let seconds = try PaperNumbers.energy.powerSeconds
            var out: [PowerMethod: String] = [:]
            for (name, value) in seconds.methods.entries {
                guard let m = PowerMethod(rawValue: name) else {
                    throw PaperNumbersError.malformed(
                        file: seconds.methods.file, key: seconds.methods.key + "." + name, reason: "not a power method")
                }
                out[m] = formatFixed(value, digits: seconds.decimals)
            }
            return out
        }
    }

    /// Runs `methods` for every seed on the given splits; the two-stage model of each seed is the
    /// starting point of DFL-QP and every So-EBM variant (as in the reference code).
    public static func run(
        dataset: PowerDataset, settings: PowerTrainingSettings, seeds: [UInt64], methods: [PowerMethod],
        trainingFraction: Double = 1, log: (String) -> Void = { _ in }
    ) throws -> [EnergyMethodSummary] {
        let runs = try seeds.map { seed in
            try seedRuns(
                dataset: dataset, settings: settings, seed: seed, methods: methods, trainingFraction: trainingFraction,
                log: log)
        }
        return try summaries(methods: methods, runs: runs)
    }

    /// The methods summarised over per-seed runs (in seed order), with the paper's numbers.
    /// - Throws: ``PaperNumbersError`` for a method missing from `energy-paper.json`.
    static func summaries(methods: [PowerMethod], runs: [[EnergySeedRuns.Run]]) throws -> [EnergyMethodSummary] {
        let paper = try paperNumbers
        return EnergySeedRuns.summaries(
            methods: methods.map(\.rawValue), runs: runs,
            paper: Dictionary(uniqueKeysWithValues: paper.map { ($0.key.rawValue, $0.value) }))
    }

    /// Every method of `methods` on one seed (one cell of the reproduction's plan): test task loss
    /// and training seconds per epoch, in `methods` order.
    static func seedRuns(
        dataset: PowerDataset, settings: PowerTrainingSettings, seed: UInt64, methods: [PowerMethod],
        trainingFraction: Double, log: (String) -> Void
    ) throws -> [EnergySeedRuns.Run] {
        var (train, holdout, test) = dataset.benchmarkSplit(seed: seed)
        if trainingFraction < 1 {
            let keep = max(8, Int((Double(train.count) * trainingFraction).rounded()))
            train = train.subset(Array(0..<min(keep, train.count)))
            let keepHold = max(8, Int((Double(holdout.count) * trainingFraction).rounded()))
            holdout = holdout.subset(Array(0..<min(keepHold, holdout.count)))
        }
        let bench = try PowerBenchmark(train: train, holdout: holdout, test: test, settings: settings)
        // The two-stage model is trained only when a method that needs it runs.
        var twoStageRun: (model: GaussianMLP, result: PowerMethodResult)?
        func twoStage() throws -> (model: GaussianMLP, result: PowerMethodResult) {
            if let r = twoStageRun { return r }
            let r = try bench.trainTwoStage(seed: seed)
            twoStageRun = r
            return r
        }
        return try methods.map { m in
            let r: PowerMethodResult
            switch m {
            case .twoStage: r = try twoStage().result
            case .dflQP: r = try bench.trainDFL(from: try twoStage().model, seed: seed)
            case .policyNet: r = try bench.trainPolicyNet(seed: seed)
            case .soEBM, .soEBMWithoutMLE, .soEBMWithoutKL, .soEBMLangevin:
                r = try bench.trainSoEBM(from: try twoStage().model, variant: m, seed: seed)
            }
            log(
                "  seed \(seed) \(m.rawValue): test task loss \(formatFixed(r.testTaskLoss, digits: 3)), \(formatFixed(r.secondsPerEpoch, digits: 3)) s/epoch"
            )
            return (m.rawValue, r.testTaskLoss, r.secondsPerEpoch)
        }
    }
}
