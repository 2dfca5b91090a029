import DFLBenchmarks
import DFLData
import DFLNN
import DFLRandom
import DFLTensor
import DFLTraining
import Foundation
import Testing

/// A predictor written outside the library: two affine layers with a ReLU between them.
struct TwoLayerCostNet: CostPredictor {
    let hidden: Linear
    let output: Linear

    init(featureCount: Int, hiddenSize: Int, costDimension: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        hidden = Linear(inputSize: featureCount, outputSize: hiddenSize, name: "net.hidden", rng: &rng)
        output = Linear(inputSize: hiddenSize, outputSize: costDimension, name: "net.output", rng: &rng)
    }

    var featureCount: Int { hidden.inputSize }
    var parameters: [Parameter] { hidden.parameters + output.parameters }
    func callAsFunction(_ features: Variable) -> Variable { output(relu(hidden(features))) }
}

@Suite struct CostPredictorTests {
    @Test func customPredictorTrainedWithSPOPlusLowersRegret() throws {
        let (oracle, train, test) = try smallShortestPath()
        var c = TrainingConfiguration()
        c.method = "spo+"
        c.epochs = 4
        c.batchSize = 16
        c.learningRate = 0.05
        let net = TwoLayerCostNet(
            featureCount: train.featureCount, hiddenSize: 8, costDimension: oracle.costDimension, seed: 7)
        let trainer = try Trainer(configuration: c, predictor: net, oracle: oracle)
        #expect(trainer.featureCount == train.featureCount)
        #expect(trainer.featuresPerItem == nil)
        let before = net.parameters.map(\.value.scalars)
        let r = try trainer.fit(train: train, test: test)
        #expect(r.history.count == 4)
        #expect(r.normalizedRegret < r.initialNormalizedRegret, "\(r.initialNormalizedRegret) → \(r.normalizedRegret)")
        // The trainer trained the very parameters of the value it was given.
        #expect(net.parameters.map(\.value.scalars) != before)
    }

    @Test func customPredictorResumesFromACheckpointToTheSameNumbers() throws {
        let (oracle, train, test) = try smallShortestPath()
        let dir = NSTemporaryDirectory() + "dflkit-predictor-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var c = TrainingConfiguration()
        c.method = "spo+"
        c.epochs = 3
        func net() -> TwoLayerCostNet {
            TwoLayerCostNet(
                featureCount: train.featureCount, hiddenSize: 6, costDimension: oracle.costDimension, seed: 3)
        }
        let full = try Trainer(configuration: c, predictor: net(), oracle: oracle).fit(train: train, test: test)
        c.checkpointPath = dir + "/run.json"
        c.epochs = 1
        _ = try Trainer(configuration: c, predictor: net(), oracle: oracle).fit(train: train, test: test)
        c.epochs = 3
        let resumed = try Trainer(configuration: c, predictor: net(), oracle: oracle).fit(train: train, test: test)
        #expect(resumed.history.map(\.trainLoss) == full.history.map(\.trainLoss))
        #expect(resumed.normalizedRegret == full.normalizedRegret)
    }

    /// The configuration-driven initializer is the predictor initializer with the MLP drawn from
    /// the configuration's seed: both give the same numbers, bit for bit, in both layouts.
    @Test(arguments: ["dense", "itemwise"])
    func convenienceInitializerIsTheSeededMLP(layout: String) throws {
        let problem = BuiltinProblem.topK(items: 6, k: 2)
        let (oracle, train, test) = try problem.makeData(
            train: 48, test: 32, features: 2, degree: 2, noise: 0.2, seed: 5, threads: 2)
        var c = TrainingConfiguration()
        c.method = "spo+"
        c.epochs = 2
        c.hiddenSizes = [4]
        c.predictor = layout
        let built = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
        var rng = SeededGenerator(seed: c.seed)
        let d = oracle.costDimension
        let predictor: any CostPredictor =
            layout == "itemwise"
            ? ItemwiseMLPPredictor(
                network: MLP(
                    inputSize: train.featureCount / d, hiddenSizes: [4], outputSize: 1, activation: .relu,
                    name: "predictor", rng: &rng),
                itemCount: d)
            : DenseMLPPredictor(
                network: MLP(
                    inputSize: train.featureCount, hiddenSizes: [4], outputSize: d, activation: .relu,
                    name: "predictor", rng: &rng))
        #expect(built.model.parameters.map(\.name) == predictor.parameters.map(\.name))
        #expect(built.model.parameters.map(\.value.scalars) == predictor.parameters.map(\.value.scalars))
        let given = try Trainer(configuration: c, predictor: predictor, oracle: oracle)
        #expect(built.featuresPerItem == given.featuresPerItem)
        let a = try built.fit(train: train, test: test), b = try given.fit(train: train, test: test)
        #expect(a.history.map(\.trainLoss) == b.history.map(\.trainLoss))
        #expect(a.normalizedRegret == b.normalizedRegret)
    }
}
