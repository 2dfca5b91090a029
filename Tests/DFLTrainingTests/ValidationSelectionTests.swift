import DFLData
import DFLOptimization
import DFLTraining
import Foundation
import Testing

/// Model selection on a validation set: the test set is only reported.
@Suite struct ValidationSelectionTests {
    /// 96 training instances split into 72 + 24 validation, and the 64 test instances.
    func data() throws -> (DecisionOracle, Dataset, Dataset, Dataset) {
        let (oracle, all, test) = try smallShortestPath()
        let parts = try all.split(trainCount: 72, testCount: 0, validationCount: 24, seed: 9)
        return (oracle, parts.train, parts.validation, test)
    }

    func configuration(epochs: Int = 6, patience: Int? = nil) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.method = "spo+"
        c.epochs = epochs
        c.batchSize = 8
        c.learningRate = 0.3  // large enough that validation regret goes up and down
        c.earlyStoppingPatience = patience
        return c
    }

    @Test func theKeptModelIsTheBestOnValidationAndItsTestRegretIsTheOneReported() throws {
        let (oracle, train, validation, test) = try data()
        let c = configuration()
        let r = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, validation: validation, test: test)
        let scores = r.history.compactMap(\.validationNormalizedRegret)
        #expect(scores.count == c.epochs)
        #expect(r.validationCount == 24 && r.trainCount == 72)
        let best = try #require(r.validationNormalizedRegret)
        let bestEpoch = try #require(r.bestEpoch)
        // The kept score is the minimum over the epochs, taken before the last one (the seeded run
        // overshoots at this learning rate), so keep-best really restores an earlier model.
        #expect(best == scores.min()! && scores[bestEpoch - 1] == best)
        #expect(bestEpoch > 0 && bestEpoch < c.epochs, "scores \(scores), kept epoch \(bestEpoch)")
        // The restored model is that epoch's: its test regret is the one recorded then.
        #expect(r.normalizedRegret == r.history[bestEpoch - 1].testNormalizedRegret)
    }

    @Test func theUntrainedModelsValidationRegretIsReported() throws {
        let (oracle, train, validation, test) = try data()
        let c = configuration(epochs: 2)
        let r = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, validation: validation, test: test)
        // The same seeded model scored on the validation set as a test set, before any epoch.
        let asTest = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, test: validation)
        #expect(r.initialValidationNormalizedRegret == asTest.initialNormalizedRegret)
        #expect(asTest.initialValidationNormalizedRegret == nil)
    }

    @Test func theTestSetNeverChangesTheChoice() throws {
        let (oracle, train, validation, test) = try data()
        let (_, _, otherTest) = try smallShortestPath(seed: 2)
        let c = configuration(patience: 2)
        let a = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, validation: validation, test: test)
        let b = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, validation: validation, test: otherTest)
        #expect(a.bestEpoch == b.bestEpoch && a.epochs == b.epochs && a.stoppedEarly == b.stoppedEarly)
        #expect(a.history.map(\.validationNormalizedRegret) == b.history.map(\.validationNormalizedRegret))
        #expect(a.normalizedRegret != b.normalizedRegret)  // only the report differs
    }

    @Test func earlyStoppingWithoutAValidationSetIsRefused() throws {
        let (oracle, train, _, test) = try data()
        let trainer = try Trainer(
            configuration: configuration(patience: 2), featureCount: train.featureCount, oracle: oracle)
        #expect(throws: TrainingError.self) { try trainer.fit(train: train, test: test) }
    }

    @Test func aResumedRunKeepsTheSameBestModel() throws {
        let (oracle, train, validation, test) = try data()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dfl-val-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = configuration()
        let full = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, validation: validation, test: test)
        c.checkpointPath = dir + "/run.json"
        c.epochs = 3
        _ = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, validation: validation, test: test)
        c.epochs = 6
        let resumed = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            .fit(train: train, validation: validation, test: test)
        #expect(resumed.bestEpoch == full.bestEpoch)
        #expect(resumed.normalizedRegret == full.normalizedRegret)
        #expect(
            resumed.history
                == full.history.map {
                    var e = $0
                    let other = resumed.history[$0.epoch - 1]
                    (e.seconds, e.solverSeconds, e.evaluationSeconds) = (
                        other.seconds, other.solverSeconds, other.evaluationSeconds
                    )
                    return e
                })
    }
}
