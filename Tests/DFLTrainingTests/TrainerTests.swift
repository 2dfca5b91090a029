import DFLBenchmarks
import DFLData
import DFLLosses
import DFLMetrics
import DFLOptimization
import DFLTraining
import Foundation
import Testing

func smallShortestPath(seed: UInt64 = 1) throws -> (DecisionOracle, Dataset, Dataset) {
    try BuiltinProblem.shortestPath(rows: 3, columns: 3).makeData(
        train: 96, test: 64, features: 4, degree: 4, noise: 0.3, seed: seed, threads: 2)
}

@Suite struct TrainerTests {
    @Test(arguments: ["two-stage", "spo+", "pfyl", "dbb", "nce", "ltr-listwise"])
    func trainingLowersTestRegret(method: String) throws {
        let (oracle, train, test) = try smallShortestPath()
        var c = TrainingConfiguration()
        c.method = method
        c.epochs = 4
        c.batchSize = 16
        c.learningRate = 0.05
        c.hyperparameters.samples = 3
        let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        let r = try trainer.fit(train: train, test: test)
        #expect(r.history.count == 4)
        #expect(
            r.normalizedRegret < r.initialNormalizedRegret,
            "\(method): \(r.initialNormalizedRegret) → \(r.normalizedRegret)")
        #expect(r.history.last?.testNormalizedRegret == r.normalizedRegret)
    }

    @Test func sameSeedSameNumbers() throws {
        let (oracle, train, test) = try smallShortestPath()
        var c = TrainingConfiguration()
        c.epochs = 2
        c.method = "pfyl"
        c.hyperparameters.samples = 2
        let runs = try (0..<2).map { _ -> TrainingResult in
            let t = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            return try t.fit(train: train, test: test)
        }
        #expect(runs[0].history.map(\.trainLoss) == runs[1].history.map(\.trainLoss))
        #expect(runs[0].normalizedRegret == runs[1].normalizedRegret)
    }

    @Test func interruptedRunResumesToTheSameNumbers() throws {
        let (oracle, train, test) = try smallShortestPath()
        let dir = NSTemporaryDirectory() + "dflkit-resume-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = TrainingConfiguration()
        c.method = "nce"
        c.solveRatio = 0.5
        c.epochs = 4
        let straight = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        let full = try straight.fit(train: train, test: test)
        // The same run, stopped after 2 epochs, then started again with 4.
        c.checkpointPath = dir + "/run.json"
        c.epochs = 2
        let first = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        _ = try first.fit(train: train, test: test)
        c.epochs = 4
        let second = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        let resumed = try second.fit(train: train, test: test)
        #expect(resumed.history.map(\.trainLoss) == full.history.map(\.trainLoss))
        #expect(resumed.normalizedRegret == full.normalizedRegret)
        // A checkpoint from different settings is refused.
        c.learningRate = 0.5
        let other = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        #expect(throws: TrainingError.self) { try other.fit(train: train, test: test) }
    }

    @Test func divergingRunStopsWithAClearError() throws {
        let (oracle, train, test) = try smallShortestPath()
        var c = TrainingConfiguration()
        c.method = "two-stage"
        c.learningRate = 1e200
        c.optimizer = "sgd"
        c.epochs = 3
        let t = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        do {
            _ = try t.fit(train: train, test: test)
            Issue.record("expected a non-finite error")
        } catch let e as TrainingError {
            switch e {
            case .nonFiniteLoss, .nonFinitePrediction: break
            default: Issue.record("unexpected error \(e)")
            }
        }
    }

    @Test func badSettingsAndDataAreRejected() throws {
        let (oracle, train, test) = try smallShortestPath()
        var c = TrainingConfiguration()
        c.method = "nonsense"
        #expect(throws: TrainingError.self) { try Trainer(configuration: c, featureCount: 4, oracle: oracle) }
        c = TrainingConfiguration()
        c.batchSize = 0
        #expect(throws: TrainingError.self) { try c.validate() }
        c = TrainingConfiguration()
        let t = try Trainer(configuration: c, featureCount: 4, oracle: oracle)
        #expect(throws: TrainingError.self) { try t.fit(train: train.withoutSolutions, test: test) }
        #expect(throws: TrainingError.self) { try t.fit(train: try train.subset(0..<0), test: test) }
    }
}

@Suite struct TrainerEvaluationTests {
    /// The Trainer's regrets come from the one metrics path and equal, bit for bit, the
    /// per-instance computation it used before (solve each prediction, `DecisionMetrics.regret`).
    @Test func trainerEvaluationIsTheMetricsPath() throws {
        let (oracle, train, test) = try smallShortestPath()
        let trainer = try Trainer(
            configuration: TrainingConfiguration(), featureCount: train.featureCount, oracle: oracle)
        let pred = trainer.predict(test)
        let d = test.costDimension
        let sols = try trainer.oracle.solveBatch(
            (0..<test.count).map { Array(pred.scalars[($0 * d)..<(($0 + 1) * d)]) })
        let objectives = try #require(test.objectives)
        let regrets = (0..<test.count).map { i in
            DecisionMetrics.regret(
                sense: oracle.sense, trueCosts: test.costs(at: i), decision: sols[i].decision,
                optimalObjective: objectives[i])
        }
        let (nr, mrr) = try trainer.evaluate(test)
        #expect(nr == DecisionMetrics.normalizedRegret(regrets: regrets, optimalObjectives: objectives))
        #expect(mrr == DecisionMetrics.meanRelativeRegret(regrets: regrets, optimalObjectives: objectives))
        let report = try trainer.evaluationReport(test)
        #expect(report.regrets == regrets)
        #expect(report.decisionRMSE == nil)
    }
}
