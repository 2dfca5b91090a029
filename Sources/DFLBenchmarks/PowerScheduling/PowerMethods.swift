import DFLLosses
import DFLNN
import DFLOptimization
import DFLOptimizers
import DFLRandom
import DFLTensor
import DFLTraining
import Foundation

/// The methods compared on the power-scheduling benchmark (So-EBM Fig. 5 and Table 1).
public enum PowerMethod: String, Sendable, Codable, CaseIterable {
    /// Gaussian NLL, then argmin of the expected cost.
    case twoStage = "two-stage"
    /// DFL through the last SQP QP (Donti et al.), from the two-stage weights.
    case dflQP = "DFL-QP"
    /// Features → decision directly, trained on the task loss.
    case policyNet = "Policy-Net"
    /// So-EBM (NLL + λ·KL by SNIS), from the two-stage weights.
    case soEBM = "So-EBM"
    /// Ablation: KL term only.
    case soEBMWithoutMLE = "So-EBM w/o MLE"
    /// Ablation: NLL term only.
    case soEBMWithoutKL = "So-EBM w/o KL"
    /// Ablation: negatives by contrastive-divergence Langevin dynamics.
    case soEBMLangevin = "So-EBM CD-LD"
}

/// Training budgets and learning rates for the power benchmark (defaults from the reference code).
public struct PowerTrainingSettings: Sendable, Codable, Equatable {
    /// Two-stage full-batch Adam iterations (default 3000) and rate (1e-3).
    public var twoStageIterations = 3000, twoStageLearningRate = 1e-3
    /// Evaluate the hold-out set every this many iterations (default 20) for model selection.
    public var evaluationInterval = 20
    /// DFL-QP iterations (default 1000) and rate (1e-5, hard-coded in Donti's code).
    public var dflIterations = 1000, dflLearningRate = 1e-5
    /// So-EBM full-batch epochs (default 10) and rate (1e-4).
    public var soEBMEpochs = 10, soEBMLearningRate = 1e-4
    /// Policy-Net iterations (default 3000) and rate (1e-3).
    public var policyIterations = 3000, policyLearningRate = 1e-3
    /// So-EBM hyper-parameters.
    public var soEBM = SoEBMConfiguration()
    /// Langevin settings of the CD-LD ablation (authors' code: 32 steps, step 0.1, noise 0.01).
    public var langevinSteps = 32, langevinStepSize = 0.1, langevinNoise = 0.01
    /// Hidden sizes (default 200, 200) and dropout (0.2) of the networks.
    public var hiddenSizes = [200, 200], dropoutRate = 0.2
    /// Creates the defaults.
    public init() {}
}

/// One method's outcome on one seed.
public struct PowerMethodResult: Sendable, Codable, Equatable {
    /// Method name.
    public var method: String
    /// Mean daily task loss on the test days.
    public var testTaskLoss: Double
    /// Mean daily task loss on the hold-out days (model selection).
    public var holdoutTaskLoss: Double
    /// Training seconds per epoch (one pass over the training days; evaluation excluded).
    public var secondsPerEpoch: Double
    /// Epochs (full-batch steps) run.
    public var epochs: Int
}

/// The power-scheduling benchmark: data splits, the task, the solver, and one trainer per method.
public struct PowerBenchmark: Sendable {
    /// The task constants.
    public let task: PowerScheduling
    /// Training, hold-out and test sets.
    public let train: PowerDataset, holdout: PowerDataset, test: PowerDataset
    /// Budgets.
    public var settings: PowerTrainingSettings
    /// `a*` for every training day (pre-processing for So-EBM).
    public let trainOptimalDecisions: [Double]
    let scheduler: RampConstrainedScheduler

    /// Creates the benchmark and pre-computes `a*_i = argmin_{a∈C} f(y_i, a)` on the training days.
    public init(
        task: PowerScheduling = PowerScheduling(), train: PowerDataset, holdout: PowerDataset, test: PowerDataset,
        settings: PowerTrainingSettings = PowerTrainingSettings()
    ) throws {
        guard train.hours == task.hours, holdout.hours == task.hours, test.hours == task.hours else {
            throw BenchmarkError.invalidArgument(name: "datasets", reason: "hours differ from the task's \(task.hours)")
        }
        self.task = task
        self.train = train
        self.holdout = holdout
        self.test = test
        self.settings = settings
        let scheduler = RampConstrainedScheduler(rampLimit: task.rampLimit)
        self.scheduler = scheduler
        trainOptimalDecisions = try parallelMap(train.count) { i in
            try scheduler.optimalSchedule(for: task, load: train.load(i))
        }.flatMap { $0 }
    }

    // MARK: - Models and evaluation

    /// A fresh Gaussian network for this data.
    public func makeModel(seed: UInt64) -> GaussianMLP {
        var rng = SeededGenerator(seed: seed)
        return GaussianMLP(
            inputSize: train.featureCount, hiddenSizes: settings.hiddenSizes, outputSize: task.hours,
            dropoutRate: settings.dropoutRate, rng: &rng)
    }

    func inputs(_ d: PowerDataset) -> Variable {
        Variable(Tensor(shape: [d.count, d.featureCount], scalars: d.features))
    }
    func targets(_ d: PowerDataset) -> Tensor { Tensor(shape: [d.count, d.hours], scalars: d.loads) }

    /// Expected-cost-optimal decisions (ramp-feasible) of `model` on `data`, row-major.
    public func decisions(of model: any GaussianPredictor, on data: PowerDataset) throws -> [Double] {
        let wasTraining = model.mode.isTraining
        model.mode.isTraining = false
        defer { model.mode.isTraining = wasTraining }
        let (mu, sigma) = model.predict(inputs(data))
        let H = task.hours, task = self.task, scheduler = self.scheduler
        let m = mu.value.scalars, s = sigma.value.scalars
        return try parallelMap(data.count) { i in
            try scheduler.optimalSchedule(
                for: task, mean: Array(m[(i * H)..<((i + 1) * H)]), standardDeviation: Array(s[(i * H)..<((i + 1) * H)])
            )
        }.flatMap { $0 }
    }

    /// Mean daily task loss of flat decisions on `data`.
    public func meanTaskLoss(decisions a: [Double], on data: PowerDataset) -> Double {
        let H = task.hours
        var total = 0.0
        for i in 0..<data.count {
            total += task.taskLoss(load: data.load(i), decision: Array(a[(i * H)..<((i + 1) * H)]))
        }
        return total / Double(max(data.count, 1))
    }

    /// Mean daily task loss of `model`'s decisions on `data`.
    public func evaluate(_ model: any GaussianPredictor, on data: PowerDataset) throws -> Double {
        try meanTaskLoss(decisions: decisions(of: model, on: data), on: data)
    }

    /// Mean Gaussian NLL of `model` on `data` (inference mode).
    public func negativeLogLikelihood(_ model: any GaussianPredictor, on data: PowerDataset) -> Double {
        let wasTraining = model.mode.isTraining
        model.mode.isTraining = false
        defer { model.mode.isTraining = wasTraining }
        let (mu, sigma) = model.predict(inputs(data))
        return gaussianNegativeLogLikelihood(mean: mu, standardDeviation: sigma, target: targets(data)).value.scalar
    }

    // MARK: - Trainers

    /// Runs `steps` full-batch Adam updates of `loss` on the ``TrainingLoop`` (one step per
    /// epoch), scoring `selection` (lower is better) before training, every `interval` steps and
    /// at the end, and restores the best snapshot of the model's parameters and state
    /// (``KeepBestHook``). Returns (seconds/epoch, steps).
    func optimize<Model: TrainableModel>(
        _ model: Model, learningRate: Double, steps: Int, interval: Int,
        loss: (Int) throws -> Variable, selection: @escaping () throws -> Double
    ) throws -> (secondsPerEpoch: Double, steps: Int) {
        var hooks = TrainingHooks()
        hooks.evaluation = EvaluationHook(every: interval, direction: .lowerIsBetter, score: selection)
        hooks.keepBest = KeepBestHook()
        hooks.nonFiniteLoss = { epoch, _ in
            BenchmarkError.numerical(routine: "training", reason: "non-finite loss at step \(epoch - 1)")
        }
        var loop = TrainingLoop(model: model, optimizer: .adam(learningRate: learningRate), hooks: hooks)
        let run = try loop.run(epochs: steps, prepareEpoch: { _ in 1 }, loss: { epoch, _ in try loss(epoch - 1) })
        return (run.secondsPerEpoch(over: steps), steps)
    }

    /// ``optimize(_:learningRate:steps:interval:loss:selection:)`` of a Gaussian model whose loss
    /// reads the model's full-batch prediction `(mean, standard deviation)` on the training inputs.
    func optimizePrediction(
        _ model: GaussianMLP, learningRate: Double, steps: Int, interval: Int,
        loss: (_ mean: Variable, _ standardDeviation: Variable) throws -> Variable,
        selection: @escaping () throws -> Double
    ) throws -> (secondsPerEpoch: Double, steps: Int) {
        let x = inputs(train)
        return try optimize(
            model, learningRate: learningRate, steps: steps, interval: interval,
            loss: { _ in
                let (m, s) = model.predict(x)
                return try loss(m, s)
            }, selection: selection)
    }

    /// Two-stage: Gaussian NLL, full batch, early stopping on hold-out NLL.
    public func trainTwoStage(seed: UInt64) throws -> (model: GaussianMLP, result: PowerMethodResult) {
        let model = makeModel(seed: seed)
        let y = targets(train)
        let timing = try optimizePrediction(
            model, learningRate: settings.twoStageLearningRate,
            steps: settings.twoStageIterations, interval: settings.evaluationInterval,
            loss: { m, s in gaussianNegativeLogLikelihood(mean: m, standardDeviation: s, target: y) },
            selection: { negativeLogLikelihood(model, on: holdout) })
        return (model, try result(.twoStage, model, timing))
    }

    /// A copy of `model` (same architecture and seed, parameters and running statistics copied).
    public func clone(_ model: GaussianMLP, seed: UInt64) throws -> GaussianMLP {
        let copy = makeModel(seed: seed)
        try ParameterStore.restore(
            copy.parameters + copy.state, from: ParameterStore.snapshot(model.parameters + model.state))
        return copy
    }

    /// DFL-QP from a pre-trained model: task loss through ``PowerDecisionLayer``, selection on hold-out task loss.
    public func trainDFL(from pretrained: GaussianMLP, seed: UInt64) throws -> PowerMethodResult {
        let model = try clone(pretrained, seed: seed)
        let layer = PowerDecisionLayer(task: task)
        let y = targets(train)
        let timing = try optimizePrediction(
            model, learningRate: settings.dflLearningRate,
            steps: settings.dflIterations, interval: settings.evaluationInterval,
            loss: { m, s in task.taskLoss(decisions: try layer(mean: m, standardDeviation: s), loads: y) },
            selection: { try evaluate(model, on: holdout) })
        return try result(.dflQP, model, timing)
    }

    /// So-EBM (or an ablation) from a pre-trained model: one full-batch step per epoch, selection
    /// on hold-out task loss.
    public func trainSoEBM(from pretrained: GaussianMLP, variant: PowerMethod = .soEBM, seed: UInt64) throws
        -> PowerMethodResult
    {
        var configuration = settings.soEBM
        switch variant {
        case .soEBMWithoutMLE:
            configuration.mleWeight = 0
            configuration.klWeight = 1
        case .soEBMWithoutKL: configuration.klWeight = 0
        case .soEBMLangevin:
            configuration.negativeSampler = .langevin(
                steps: settings.langevinSteps, stepSize: settings.langevinStepSize, noise: settings.langevinNoise)
        case .soEBM: break
        default:
            throw BenchmarkError.invalidArgument(name: "variant", reason: "\(variant.rawValue) is not a So-EBM variant")
        }
        let objective = try SoEBMObjective(configuration: configuration)
        let model = try clone(pretrained, seed: seed)
        let H = task.hours, task = self.task, train = self.train
        var rng = SeededGenerator(seed: seed &+ 0x5EB)
        let timing = try optimizePrediction(
            model, learningRate: settings.soEBMLearningRate,
            steps: settings.soEBMEpochs, interval: 1,
            loss: { m, s in
                try objective.loss(
                    optimalDecisions: trainOptimalDecisions, dimension: H,
                    energy: { task.energy(mean: m, standardDeviation: s, decisions: $0) },
                    taskLoss: { b, a in task.taskLoss(load: train.load(b), decision: a) },
                    decisionGradient: {
                        task.energyDecisionGradient(mean: m.value, standardDeviation: s.value, decisions: $0)
                    },
                    rng: &rng)
            },
            selection: { try evaluate(model, on: holdout) })
        return try result(variant, model, timing)
    }

    /// Policy-Net: an MLP maps features to the 24 decisions, trained on the task loss; its outputs
    /// are projected onto the ramp constraints (Euclidean projection) for evaluation.
    public func trainPolicyNet(seed: UInt64) throws -> PowerMethodResult {
        var rng = SeededGenerator(seed: seed)
        let mode = ModeSwitch()
        let net = MLP(
            inputSize: train.featureCount, hiddenSizes: settings.hiddenSizes, outputSize: task.hours,
            dropoutRate: settings.dropoutRate,
            mode: mode, name: "policy", rng: &rng)
        let x = inputs(train), y = targets(train)
        let meanLoad = train.loads.reduce(0, +) / Double(max(train.loads.count, 1))
        func policyDecisions(_ d: PowerDataset) throws -> [Double] {
            let raw = (net(inputs(d)) + meanLoad).value.scalars
            let H = task.hours, scheduler = self.scheduler
            return try parallelMap(d.count) { i in
                let target = Array(raw[(i * H)..<((i + 1) * H)])
                return try scheduler.minimize(
                    hours: H,
                    smooth: { h, a in
                        let r = a - target[h]
                        return (0.5 * r * r, r, 1)
                    })
            }.flatMap { $0 }
        }
        let timing = try optimize(
            TrainableParameters(parameters: net.parameters, trainingMode: mode),
            learningRate: settings.policyLearningRate,
            steps: settings.policyIterations, interval: settings.evaluationInterval,
            loss: { _ in task.taskLoss(decisions: net(x) + meanLoad, loads: y) },
            selection: { meanTaskLoss(decisions: try policyDecisions(holdout), on: holdout) })
        return PowerMethodResult(
            method: PowerMethod.policyNet.rawValue,
            testTaskLoss: meanTaskLoss(decisions: try policyDecisions(test), on: test),
            holdoutTaskLoss: meanTaskLoss(decisions: try policyDecisions(holdout), on: holdout),
            secondsPerEpoch: timing.secondsPerEpoch,
            epochs: timing.steps)
    }

    func result(_ method: PowerMethod, _ model: GaussianMLP, _ timing: (secondsPerEpoch: Double, steps: Int)) throws
        -> PowerMethodResult
    {
        PowerMethodResult(
            method: method.rawValue, testTaskLoss: try evaluate(model, on: test),
            holdoutTaskLoss: try evaluate(model, on: holdout),
            secondsPerEpoch: timing.secondsPerEpoch, epochs: timing.steps)
    }
}
