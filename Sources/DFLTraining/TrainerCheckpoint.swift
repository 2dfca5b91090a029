import DFLData
import DFLOptimizers
import DFLRandom
import DFLTensor
import Foundation

/// What a ``Trainer`` checkpoint was written for: the problem, the data and their sizes. A run
/// resumes only from a checkpoint whose fingerprint and settings equal its own.
struct RunFingerprint: Codable, Equatable {
    /// The problem's name (`shortest-path 5x5`, a model file's name).
    var problem: String
    /// Costs per instance.
    var costDimension: Int
    /// Features per instance.
    var featureCount: Int
    /// Training instances.
    var trainCount: Int
    /// Test instances.
    var testCount: Int
    /// FNV-1a hash of the training features, costs and decisions (hex).
    var trainData: String
    /// FNV-1a hash of the test features and costs (hex).
    var testData: String
    /// FNV-1a hash of the validation features, costs and decisions (nil: no validation set).
    var validationData: String? = nil

    /// The fingerprint of a run on `train`, `validation` and `test` for the problem called `problem`.
    init(problem: String, train: Dataset, validation: Dataset? = nil, test: Dataset) {
        self.problem = problem
        costDimension = train.costDimension
        featureCount = train.featureCount
        trainCount = train.count
        testCount = test.count
        trainData = Self.hash([train.features, train.costs, train.solutions ?? []])
        testData = Self.hash([test.features, test.costs])
        validationData = validation.map { Self.hash([$0.features, $0.costs, $0.solutions ?? []]) }
    }

    /// The fields that differ from `other`, as `name this ≠ that`.
    func differences(from other: RunFingerprint) -> [String] {
        var out: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T) { if a != b { out.append("\(name) \(a) ≠ \(b)") } }
        compare("problem", problem, other.problem)
        compare("costs per instance", costDimension, other.costDimension)
        compare("features", featureCount, other.featureCount)
        compare("training instances", trainCount, other.trainCount)
        compare("test instances", testCount, other.testCount)
        if trainData != other.trainData { out.append("training data differ") }
        if testData != other.testData { out.append("test data differ") }
        if validationData != other.validationData { out.append("validation data differ") }
        return out
    }

    /// FNV-1a over the bit patterns of the arrays, with their lengths.
    static func hash(_ arrays: [[Double]]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ word: UInt64) {
            var w = word
            for _ in 0..<8 {
                h = (h ^ (w & 0xff)) &* 0x100_0000_01b3
                w >>= 8
            }
        }
        for a in arrays {
            mix(UInt64(a.count))
            for v in a { mix(v.bitPattern) }
        }
        return String(h, radix: 16)
    }
}

/// The full resumable state of a ``Trainer`` run, written after every epoch.
struct TrainerCheckpoint: Codable {
    var fingerprint: RunFingerprint?
    var configuration: TrainingConfiguration
    var completedEpochs: Int
    var parameters: [String: Tensor]
    var optimizer: OptimizerState
    var shuffle: SeededGenerator
    var pool: [[Double]]?
    var history: [EpochRecord]
    var initialNormalizedRegret: Double
    var bestRegret: Double
    var evaluationsWithoutImprovement: Int
    /// The best-on-validation snapshot of a run with a validation set (restored at its end).
    var keptBest: KeptSnapshot? = nil

    /// Reads the checkpoint at `path` and checks that it belongs to this run and that every field
    /// is usable.
    /// - Throws: ``TrainingError/checkpoint(_:)`` naming the file and what is wrong: unreadable,
    ///   another run's (naming the settings or data that differ), or an invalid field.
    static func read(
        _ path: String, configuration: TrainingConfiguration, fingerprint: RunFingerprint
    ) throws -> TrainerCheckpoint {
        let ckpt: TrainerCheckpoint
        do {
            ckpt = try JSONDecoder().decode(TrainerCheckpoint.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw TrainingError.checkpoint("\(path): cannot read (\(error))")
        }
        guard let theirs = ckpt.fingerprint else {
            throw TrainingError.checkpoint("\(path) has no data fingerprint (written by an older dfl); remove it")
        }
        var differences = fingerprint.differences(from: theirs)
        differences += settingDifferences(configuration, ckpt.configuration)
        guard differences.isEmpty else {
            throw TrainingError.checkpoint(
                "\(path) was written by another run (\(differences.joined(separator: "; "))); remove it or change --checkpoint"
            )
        }
        try ckpt.validate(path: path, costDimension: fingerprint.costDimension)
        return ckpt
    }

    /// The settings that differ, as `name this ≠ that` (epochs and the checkpoint path may differ:
    /// a run may be continued for more epochs).
    static func settingDifferences(_ mine: TrainingConfiguration, _ theirs: TrainingConfiguration) -> [String] {
        var a = mine, b = theirs
        a.epochs = 0
        b.epochs = 0
        a.checkpointPath = nil
        b.checkpointPath = nil
        guard a != b else { return [] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        func fields(_ c: TrainingConfiguration) -> [String: String] {
            guard let data = try? encoder.encode(c),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return [:] }
            var out: [String: String] = [:]
            for (key, value) in object {
                if let nested = value as? [String: Any] {
                    for (k, v) in nested { out["\(key).\(k)"] = "\(v)" }
                } else {
                    out[key] = "\(value)"
                }
            }
            return out
        }
        let fa = fields(a), fb = fields(b)
        let names = Set(fa.keys).union(fb.keys).sorted()
        let changed = names.filter { fa[$0] != fb[$0] }.map { "\($0) \(fa[$0] ?? "unset") ≠ \(fb[$0] ?? "unset")" }
        return changed.isEmpty ? ["settings differ"] : changed
    }

    /// Every field in range: counts ≥ 0 and consistent, numbers finite, optimizer moments and
    /// pool members of the model's and problem's sizes.
    func validate(path: String, costDimension d: Int) throws {
        func fail(_ what: String) throws { throw TrainingError.checkpoint("\(path): invalid field \(what)") }
        if completedEpochs < 0 { try fail("completedEpochs \(completedEpochs) (must be ≥ 0)") }
        if history.count != completedEpochs {
            try fail("history: \(history.count) records for \(completedEpochs) completed epochs")
        }
        for (i, record) in history.enumerated() where record.epoch != i + 1 || !record.trainLoss.isFinite {
            try fail("history[\(i)]: epoch \(record.epoch), loss \(record.trainLoss)")
        }
        // xoshiro256** has four words of state, not all zero.
        if shuffle.state.count != 4 || shuffle.state.allSatisfy({ $0 == 0 }) {
            try fail("shuffle.state: \(shuffle.state.count) words (expected 4, not all zero)")
        }
        // At most one evaluation per completed epoch (the counter is incremented on resume).
        if evaluationsWithoutImprovement < 0 || evaluationsWithoutImprovement > completedEpochs {
            try fail("evaluationsWithoutImprovement \(evaluationsWithoutImprovement) (must be in [0, completedEpochs])")
        }
        if !initialNormalizedRegret.isFinite { try fail("initialNormalizedRegret \(initialNormalizedRegret)") }
        if bestRegret.isNaN || bestRegret == -.infinity { try fail("bestRegret \(bestRegret)") }
        for (name, tensor) in parameters where !tensor.scalars.allSatisfy(\.isFinite) {
            try fail("parameters.\(name): a non-finite value")
        }
        // The step counter is incremented and used as a Double exponent: beyond 2^53 it is corrupt.
        if optimizer.step < 0 || optimizer.step > 1 << 53 {
            try fail("optimizer.step \(optimizer.step) (must be in [0, 2^53])")
        }
        for (label, moments) in [("firstMoments", optimizer.firstMoments), ("secondMoments", optimizer.secondMoments)] {
            for (name, values) in moments {
                guard let p = parameters[name], p.scalars.count == values.count else {
                    try fail("optimizer.\(label).\(name): \(values.count) values for no parameter of that size")
                    continue
                }
                if !values.allSatisfy(\.isFinite) { try fail("optimizer.\(label).\(name): a non-finite value") }
            }
        }
        if let kept = keptBest {
            if kept.epoch < 0 || kept.epoch > completedEpochs {
                try fail("keptBest.epoch \(kept.epoch) (must be in [0, completedEpochs])")
            }
            for (name, tensor) in kept.parameters
            where parameters[name]?.scalars.count != tensor.scalars.count || !tensor.scalars.allSatisfy(\.isFinite) {
                try fail("keptBest.parameters.\(name): not a finite snapshot of a parameter")
            }
        }
        for (i, member) in (pool ?? []).enumerated() where member.count != d || !member.allSatisfy(\.isFinite) {
            try fail("pool[\(i)]: \(member.count) values for \(d) decision variables")
        }
    }
}
