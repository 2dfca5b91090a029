import DFLData
import DFLNN
import DFLOptimization
import DFLTensor
import DFLTraining
import Foundation
import Testing

/// The `.dflmodel` format: a trained predictor saved, read back and used; every broken file a
/// typed one-line error.
@Suite struct SavedModelTests {
    static let problem = ProblemReference(
        name: "shortest path 3x3", sense: .minimize, costDimension: 12,
        builtin: ["problem": "shortest-path", "grid": "3x3"])

    /// A trained model and the trainer and test data it came from.
    func trained(hidden: [Int] = [], predictor: String = "dense") throws -> (Trainer, SavedModel, Dataset) {
        let (oracle, train, test) = try smallShortestPath()
        var c = TrainingConfiguration()
        c.epochs = 2
        c.hiddenSizes = hidden
        c.predictor = predictor
        let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        let result = try trainer.fit(train: train, test: test)
        return (trainer, try trainer.savedModel(problem: Self.problem, result: result), test)
    }

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("saved-\(UUID().uuidString).dflmodel").path
    }

    @Test(arguments: [[], [8, 4]])
    func aModelReadBackPredictsBitForBitTheTrainedModelsCosts(hidden: [Int]) throws {
        let (trainer, saved, test) = try trained(hidden: hidden)
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try saved.write(to: path)
        let loaded = try SavedModel.read(from: path)
        #expect(loaded == saved)
        #expect(loaded.architecture.hiddenSizes == hidden && loaded.architecture.featureCount == 4)
        #expect(loaded.method == "spo+" && loaded.dflkitVersion == DFLKitVersion.current)
        #expect(loaded.training?.epochs == 2)
        let predicted = try loaded.predict(features: test.features, count: test.count)
        #expect(predicted == trainer.predict(test).scalars)
    }

    @Test func theItemwiseLayoutIsSavedToo() throws {
        let (oracle, train, test) = try smallShortestPath()
        // 12 items × 1 feature each: the first 12 features of a repeated instance.
        let wide = { (d: Dataset) in
            try Dataset(
                featureCount: 12, costDimension: 12,
                features: (0..<d.count).flatMap { i in (0..<12).map { d.features[i * 4 + $0 % 4] } }, costs: d.costs
            ).withSolutions(from: oracle)
        }
        var c = TrainingConfiguration()
        c.epochs = 1
        c.predictor = "itemwise"
        let trainer = try Trainer(configuration: c, featureCount: 12, oracle: oracle)
        let (itemTrain, itemTest) = (try wide(train), try wide(test))
        _ = try trainer.fit(train: itemTrain, test: itemTest)
        let saved = try trainer.savedModel(problem: Self.problem)
        let back = try SavedModel.decode(try saved.encoded(), source: "memory")
        #expect(back.architecture.layout == "itemwise")
        #expect(
            try back.predict(features: itemTest.features, count: itemTest.count) == trainer.predict(itemTest).scalars)
    }

    @Test func brokenFilesAreTypedErrorsNamingTheFile() throws {
        let (_, saved, _) = try trained()
        let json = String(decoding: try saved.encoded(), as: UTF8.self)
        func reason(_ text: String) -> SavedModelError? {
            do {
                _ = try SavedModel.decode(Data(text.utf8), source: "m.dflmodel")
                return nil
            } catch let e as SavedModelError {
                #expect(e.description.hasPrefix("saved model: m.dflmodel") && !e.description.contains("\n"))
                return e
            } catch { return nil }
        }
        #expect(reason(String(json.prefix(json.count / 2)))?.reason == .malformed)  // truncated
        #expect(reason("[1, 2]")?.reason == .malformed)
        #expect(reason(json.replacingOccurrences(of: "\"dflkit-model\"", with: "\"other\""))?.reason == .malformed)
        #expect(
            reason(json.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2"))?.reason
                == .unsupportedVersion)
        // Weights of another shape than the architecture says.
        #expect(
            reason(json.replacingOccurrences(of: "\"featureCount\" : 4", with: "\"featureCount\" : 5"))?.reason
                == .mismatch)
        #expect(
            reason(
                json.replacingOccurrences(
                    of: "\"costDimension\" : 12,\n    \"featureCount\"",
                    with: "\"costDimension\" : 11,\n    \"featureCount\""))?.reason == .mismatch)
        var missing = saved
        missing.parameters.removeValue(forKey: "predictor.layers.0.bias")
        let text = String(decoding: try missing.encoded(), as: UTF8.self)
        #expect(reason(text)?.message.contains("predictor.layers.0.bias") == true)
    }

    @Test func featuresOfAnotherWidthAreRefused() throws {
        let (_, saved, _) = try trained()
        #expect(throws: SavedModelError.self) { try saved.predict(features: [1, 2, 3], count: 1) }
        #expect(try saved.predict(features: [], count: 0).isEmpty)
    }

    @Test func anUnreadableFileIsAnIOError() {
        #expect {
            try SavedModel.read(from: "/nonexistent/m.dflmodel")
        } throws: { ($0 as? SavedModelError)?.reason == .io }
    }
}

/// The timing breakdown of a run: every part present, none negative, together within the wall time.
@Suite struct RunTimingTests {
    @Test(arguments: [false, true])
    func thePartsArePresentNonNegativeAndSumToAtMostTheWallTime(withValidation: Bool) throws {
        let (oracle, all, test) = try smallShortestPath()
        let parts = try all.split(trainCount: 72, testCount: 0, validationCount: 24, seed: 9)
        var c = TrainingConfiguration()
        c.epochs = 3
        c.evaluateEvery = 2
        let trainer = try Trainer(configuration: c, featureCount: all.featureCount, oracle: oracle)
        let r = try trainer.fit(train: parts.train, validation: withValidation ? parts.validation : nil, test: test)
        let t = try #require(r.timing)
        for part in [t.trainingSeconds, t.trainingSolverSeconds, t.modelSeconds, t.evaluationSeconds, t.wallSeconds] {
            #expect(part >= 0)
        }
        #expect(t.dataSeconds == nil)  // the library receives labelled data
        #expect(t.partsSeconds <= t.wallSeconds)
        #expect(abs(t.trainingSolverSeconds + t.modelSeconds - t.trainingSeconds) <= 1e-9 * max(1, t.trainingSeconds))
        #expect(t.trainingSeconds == r.trainingSeconds)
        // Per epoch: the solver time is part of the epoch's; evaluated epochs (2 and the last) have
        // an evaluation time, the others none.
        for record in r.history {
            let solver = try #require(record.solverSeconds)
            #expect(solver >= 0 && solver <= record.seconds)
        }
        #expect(r.history.map { $0.evaluationSeconds != nil } == [false, true, true])
        #expect(r.history.compactMap(\.evaluationSeconds).reduce(0, +) <= t.evaluationSeconds)
        #expect(r.configuration == c)
    }

    @Test func olderResultFilesWithoutTheNewFieldsStillDecode() throws {
        let old = """
            {"method":"spo+","problem":"p","epochs":1,"normalizedRegret":0.1,"meanRelativeRegret":0.2,
             "initialNormalizedRegret":0.5,"secondsPerEpoch":0.01,"trainingSeconds":0.01,"seed":42,
             "trainCount":10,"testCount":5,"stoppedEarly":false,
             "history":[{"epoch":1,"trainLoss":1.5,"seconds":0.01,"testNormalizedRegret":0.1}]}
            """
        let r = try JSONDecoder().decode(TrainingResult.self, from: Data(old.utf8))
        #expect(r.timing == nil && r.provenance == nil && r.configuration == nil)
        #expect(r.history[0].solverSeconds == nil && r.history[0].evaluationSeconds == nil)
    }
}
