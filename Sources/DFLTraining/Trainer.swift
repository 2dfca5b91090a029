import DFLData
import DFLLosses
import DFLMetrics
import DFLNN
import DFLOptimization
import DFLOptimizers
import DFLRandom
import DFLTensor
import Dispatch
import Foundation

/// Trains a predictor of costs from features for the quality of the decisions it leads to.
///
/// Mini-batches are drawn in a seeded shuffled order; each batch's predictions go through the
/// configured ``DecisionLoss`` (whose solver calls run in parallel on `threads` workers); the
/// optimizer updates the model; every `evaluateEvery` epochs the test set is scored with the EXACT
/// solver. With a checkpoint path the run writes its full state after every epoch and, when
/// started again with the same configuration, resumes where it stopped and ends with the same
/// numbers as an uninterrupted run.
///
/// The predictor is any ``CostPredictor``: pass one to
/// ``init(configuration:predictor:oracle:relaxation:)``, or let
/// ``init(configuration:featureCount:oracle:relaxation:)`` build the configuration's MLP.
///
/// The Trainer is a thin layer over the ``TrainingLoop``: it builds the optimizer and the batch
/// loss from its ``TrainingConfiguration`` and installs the hooks it needs (evaluation on the test
/// set, early stopping, checkpoint/resume, non-finite guards, the observer).
public final class Trainer {
    /// The settings.
    public let configuration: TrainingConfiguration
    /// The predictor `features [B, featureCount] → costs [B, d]` being trained.
    public let model: any CostPredictor
    /// The exact solver bound to the problem.
    public let oracle: DecisionOracle
    /// The loss.
    public let loss: any DecisionLoss
    /// Receives the run's progress (resume, epoch start, batch, epoch end); nil: nothing observes.
    public var observer: ((TrainingEvent) -> Void)?

    /// Creates a trainer of `predictor`, whose parameters are trained as they are (the trainer
    /// draws no initial values). The configuration's `predictor` and `hiddenSizes` are not used.
    /// - Throws: ``TrainingError`` for an invalid configuration or an unknown method.
    public init(
        configuration: TrainingConfiguration, predictor: any CostPredictor, oracle: DecisionOracle,
        relaxation: (any LinearProgramRepresentable)? = nil
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        model = predictor
        var o = oracle
        o.threads = configuration.threads
        self.oracle = o
        do {
            loss = try LossRegistry.make(
                configuration.method, hyperparameters: configuration.hyperparameters, relaxation: relaxation)
        } catch let e as LossError {
            throw TrainingError.invalidConfiguration(e.description)
        }
    }

    /// Creates a trainer with a fresh model of `featureCount → costDimension` (linear when the
    /// configuration has no hidden sizes; item-wise `featureCount/costDimension → 1` shared by all
    /// items for `predictor = "itemwise"`), initialized from the configuration's seed: a
    /// ``DenseMLPPredictor`` or an ``ItemwiseMLPPredictor`` whose parameters are named `predictor.…`.
    /// - Throws: ``TrainingError`` for an invalid configuration, an unknown method, or an item-wise
    ///   layout whose feature count is not a multiple of the cost dimension.
    public convenience init(
        configuration: TrainingConfiguration, featureCount: Int, oracle: DecisionOracle,
        relaxation: (any LinearProgramRepresentable)? = nil
    ) throws {
        try configuration.validate()
        var rng = SeededGenerator(seed: configuration.seed)
        let d = oracle.costDimension
        let predictor: any CostPredictor
        if configuration.predictor == "itemwise" {
            guard featureCount >= d, featureCount % d == 0 else {
                throw TrainingError.invalidConfiguration(
                    "item-wise predictor: \(featureCount) features are not a whole number of features for each of the \(d) items"
                )
            }
            predictor = ItemwiseMLPPredictor(
                network: MLP(
                    inputSize: featureCount / d, hiddenSizes: configuration.hiddenSizes, outputSize: 1,
                    activation: .relu, name: "predictor", rng: &rng),
                itemCount: d)
        } else {
            predictor = DenseMLPPredictor(
                network: MLP(
                    inputSize: featureCount, hiddenSizes: configuration.hiddenSizes, outputSize: d,
                    activation: .relu, name: "predictor", rng: &rng))
        }
        try self.init(configuration: configuration, predictor: predictor, oracle: oracle, relaxation: relaxation)
    }

    /// Features per item of the item-wise layout (nil for any other predictor).
    public var featuresPerItem: Int? { (model as? ItemwiseMLPPredictor)?.featuresPerItem }

    /// The feature count the trainer expects.
    public var featureCount: Int { model.featureCount }

    /// The predictor applied to features `[B, featureCount]`, giving costs `[B, d]`.
    public func forward(_ x: Variable) -> Variable { model(x) }

    /// Predicted costs for every instance of `data` (`[n, d]`).
    public func predict(_ data: Dataset) -> Tensor {
        let x = Tensor(shape: [data.count, data.featureCount], scalars: data.features)
        return forward(Variable(x)).value
    }

    /// Scores predictions on `data` with the exact solver, through the one metrics path
    /// (``DecisionMetrics/evaluate(sense:costDimension:name:predictedCosts:trueCosts:optimalObjectives:optimalDecisions:decisionErrors:solve:)``).
    /// - Returns: `(normalized regret, mean relative regret)`.
    /// - Throws: ``TrainingError`` for unlabelled data or unusable predictions; `SolverError`.
    public func evaluate(_ data: Dataset) throws -> (normalized: Double, meanRelative: Double) {
        let report = try evaluationReport(data)
        return (report.normalizedRegret, report.meanRelativeRegret)
    }

    /// The full decision-quality report of the predictions on `data` (decision errors omitted).
    /// - Throws: ``TrainingError`` for unlabelled data or unusable predictions; `SolverError`.
    public func evaluationReport(_ data: Dataset) throws -> EvaluationReport {
        guard let objectives = data.objectives else {
            throw TrainingError.invalidData("evaluation data have no optimal objectives")
        }
        let pred = predict(data)
        let oracle = self.oracle
        do {
            return try DecisionMetrics.evaluate(
                sense: oracle.sense, costDimension: oracle.costDimension, name: oracle.name,
                predictedCosts: pred.scalars,
                trueCosts: data.costs, optimalObjectives: objectives, decisionErrors: false
            ) { costs, n, d in
                try oracle.solveBatch((0..<n).map { Array(costs[($0 * d)..<(($0 + 1) * d)]) })
            }
        } catch let e as MetricsError {
            throw TrainingError.invalidData("evaluation: \(e.message)")
        }
    }

    func makeOptimizer() -> Optimizer {
        let c = configuration
        let kind: OptimizerKind
        switch c.optimizer {
        case "sgd": kind = .sgd(momentum: c.momentum, weightDecay: c.weightDecay)
        case "adamw": kind = .adamW(weightDecay: c.weightDecay)
        default: kind = .adam(weightDecay: c.weightDecay)
        }
        return Optimizer(kind, learningRate: c.learningRate, clipping: c.gradientClipNorm.map { .globalNorm($0) })
    }

    /// Trains on `train` and evaluates on `test` (both labelled with optimal solutions).
    /// - Throws: ``TrainingError`` for empty or unlabelled data, a NaN loss (the last good checkpoint
    ///   is kept), or an unreadable checkpoint; ``SolverError`` from the solver.
    public func fit(train: Dataset, test: Dataset) throws -> TrainingResult {
        try fit(train: train, validation: nil, test: test)
    }

    /// Trains on `train`, selects on `validation` and reports on `test` (all labelled with optimal
    /// solutions).
    ///
    /// With a validation set, every evaluation scores it; early stopping and keep-best follow its
    /// normalized regret, and the model with the best validation regret (the untrained one
    /// included) is the one returned and scored on the test set. The test set is only reported,
    /// never used to choose. Without one, the last model is kept, and early stopping is refused.
    /// - Throws: ``TrainingError`` `.invalidData` for empty, unlabelled or mismatched data, or
    ///   a patience without a validation set; otherwise as ``fit(train:test:)``.
    public func fit(train: Dataset, validation: Dataset?, test: Dataset) throws -> TrainingResult {
        let c = configuration
        if c.earlyStoppingPatience != nil, validation == nil {
            throw TrainingError.invalidData(
                "early stopping needs a validation set (the test set is only reported, never used to choose)")
        }
        // Every set must fit the problem and the model; training and validation need labels.
        let labelled = [("training", train)] + (validation.map { [("validation", $0)] } ?? [])
        let sets = labelled + [("test", test)]
        for (name, data) in sets where data.count == 0 { throw TrainingError.invalidData("the \(name) set is empty") }
        for (name, data) in labelled where data.solutions == nil || data.objectives == nil {
            throw TrainingError.invalidData("\(name) data have no optimal solutions (label them first)")
        }
        let trainSolutions = train.solutions ?? []
        for (name, data) in sets where data.costDimension != oracle.costDimension {
            throw TrainingError.invalidData(
                "\(name) data have \(data.costDimension) costs per instance, the problem '\(oracle.name)' has \(oracle.costDimension)"
            )
        }
        guard sets.allSatisfy({ $0.1.featureCount == featureCount }) else {
            throw TrainingError.invalidData(
                "feature counts differ: model \(featureCount), "
                    + sets.map { "\($0.0 == "training" ? "train" : $0.0) \($0.1.featureCount)" }.joined(separator: ", ")
            )
        }
        let d = train.costDimension
        var shuffle = SeededGenerator(seed: c.seed &+ 1)
        let poolNeeded = loss.needsPool || c.solveRatio < 1
        let pool: SolutionPool? =
            poolNeeded
            ? SolutionPool(
                initial: (0..<train.count).map { Array(trainSolutions[($0 * d)..<(($0 + 1) * d)]) },
                solveRatio: c.solveRatio, seed: c.seed)
            : nil
        let fitStart = DispatchTime.now().uptimeNanoseconds
        let solverClock = SolverClock()
        var evaluationSeconds = 0.0
        let trainingOracle = solverClock.timing(
            (c.solveRatio < 1 && !loss.needsPool) ? oracle.cached(by: pool!) : oracle)
        let fingerprint = RunFingerprint(problem: oracle.name, train: train, validation: validation, test: test)
        var initialRegret = 0.0

        var hooks = TrainingHooks(observer: observer)
        var solverSecondsBefore = 0.0
        hooks.evaluation = EvaluationHook(every: c.evaluateEvery) { [self] epoch, record in
            let start = DispatchTime.now().uptimeNanoseconds
            defer {
                let seconds = secondsSince(start)
                evaluationSeconds += seconds
                if epoch > 0 { record.evaluationSeconds = seconds }
            }
            guard let validation else {
                let (nr, mrr) = try evaluate(test)
                record.testNormalizedRegret = nr
                record.testMeanRelativeRegret = mrr
                return nr
            }
            let (vnr, vmrr) = try evaluate(validation)
            record.validationNormalizedRegret = vnr
            record.validationMeanRelativeRegret = vmrr
            if epoch > 0 {  // the test set is reported per epoch, never scored for the choice
                let (nr, mrr) = try evaluate(test)
                record.testNormalizedRegret = nr
                record.testMeanRelativeRegret = mrr
            }
            return vnr
        }
        if validation != nil { hooks.keepBest = KeepBestHook() }
        // Without a patience the best regret and the stale count are still tracked (the checkpoint
        // carries them), but never stop the run.
        hooks.earlyStopping = EarlyStoppingHook(patience: c.earlyStoppingPatience ?? .max, margin: 1e-12)
        // The checkpoint a failure names: the one written after the last good epoch, if any yet.
        let lastCheckpoint = { c.checkpointPath.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil } }
        hooks.nonFiniteLoss = { TrainingError.nonFiniteLoss(epoch: $0, batch: $1, lastCheckpoint: lastCheckpoint()) }
        hooks.gradientGuard = GradientGuard(
            test: .everyEntry,
            action: .fail { TrainingError.nonFiniteLoss(epoch: $0, batch: $1, lastCheckpoint: lastCheckpoint()) })
        if let path = c.checkpointPath {
            hooks.checkpoint = CheckpointHook { state in
                guard let optimizerState = state.optimizer else {
                    throw TrainingError.checkpoint("\(path): the loop handed over no optimizer state")
                }
                // A diverged model is never written: the last good checkpoint stays.
                guard state.parameters.values.allSatisfy({ $0.scalars.allSatisfy(\.isFinite) }) else {
                    throw TrainingError.nonFiniteParameters(
                        epoch: state.completedEpochs, lastCheckpoint: lastCheckpoint())
                }
                let ckpt = TrainerCheckpoint(
                    fingerprint: fingerprint, configuration: c, completedEpochs: state.completedEpochs,
                    parameters: state.parameters,
                    optimizer: optimizerState, shuffle: shuffle, pool: pool?.decisions, history: state.history,
                    initialNormalizedRegret: initialRegret, bestRegret: state.earlyStoppingBest ?? .infinity,
                    evaluationsWithoutImprovement: state.evaluationsWithoutImprovement, keptBest: state.keptBest)
                do {
                    try JSONEncoder().encode(ckpt).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw TrainingError.checkpoint("\(path): cannot write (\(error))")
                }
            }
        }
        let trainable = TrainableParameters(
            parameters: model.parameters, state: model.state, trainingMode: model.trainingMode)
        var loop = TrainingLoop(model: trainable, optimizer: makeOptimizer(), hooks: hooks)

        if let path = c.checkpointPath, FileManager.default.fileExists(atPath: path) {
            let ckpt = try TrainerCheckpoint.read(path, configuration: c, fingerprint: fingerprint)
            var state = TrainingLoopState()
            state.completedEpochs = ckpt.completedEpochs
            state.parameters = ckpt.parameters
            state.optimizer = ckpt.optimizer
            state.history = ckpt.history
            state.earlyStoppingBest = ckpt.bestRegret.isFinite ? ckpt.bestRegret : nil
            state.evaluationsWithoutImprovement = ckpt.evaluationsWithoutImprovement
            state.keptBest = ckpt.keptBest
            do { try loop.restore(state, source: path) } catch {
                throw TrainingError.checkpoint("\(error)")
            }
            shuffle = ckpt.shuffle
            if let members = ckpt.pool, let pool { for w in members { pool.insert(w) } }
            initialRegret = ckpt.initialNormalizedRegret
        } else {
            let start = DispatchTime.now().uptimeNanoseconds
            initialRegret = try evaluate(test).normalized
            evaluationSeconds += secondsSince(start)
        }

        var batches: DatasetBatches.Iterator?
        // Each epoch's record gets the solver time of its training.
        let observer = hooks.observer
        loop.hooks.observer = { event in
            if case .epochStarted = event { solverSecondsBefore = solverClock.seconds }
            observer?(event)
        }
        loop.hooks.annotateEpoch = { record in record.solverSeconds = solverClock.seconds - solverSecondsBefore }
        let run = try loop.run(
            epochs: c.epochs,
            prepareEpoch: { epoch in
                pool?.reseed(c.seed ^ (UInt64(epoch) &* 0x9E37_79B9))
                let pass = train.batches(size: c.batchSize, shuffledBy: &shuffle)
                batches = pass.makeIterator()
                return pass.batchCount
            },
            loss: { epoch, b in
                guard let batch = batches?.next() else {
                    preconditionFailure("the loop asked for batch \(b) of a finished pass")
                }
                let x = Variable(Tensor(shape: [batch.count, train.featureCount], scalars: batch.features))
                let pred = forward(x)
                guard pred.shape == [batch.count, d] else {
                    throw TrainingError.invalidData(
                        "the predictor gave costs of shape \(pred.shape) for a batch of \(batch.count) instances of \(d) costs"
                    )
                }
                if !pred.value.isFinite {
                    throw TrainingError.nonFinitePrediction(epoch: epoch, batch: b)
                }
                let lb = LossBatch(
                    count: batch.count, dimension: d, costs: batch.costs,
                    solutions: batch.solutions ?? [], objectives: batch.objectives ?? [])
                let ctx = LossContext(
                    oracle: trainingOracle, seed: c.seed &+ UInt64(epoch) &* 1_000_003 &+ UInt64(b), pool: pool)
                return try loss(pred, batch: lb, context: ctx)
            })
        let history = run.history
        let finalStart = DispatchTime.now().uptimeNanoseconds
        let final = try evaluate(test)
        evaluationSeconds += secondsSince(finalStart)
        let total = run.trainingSeconds
        let solverSeconds = history.compactMap(\.solverSeconds).reduce(0, +)
        return TrainingResult(
            method: loss.name, problem: oracle.name, epochs: history.count,
            normalizedRegret: final.normalized, meanRelativeRegret: final.meanRelative,
            initialNormalizedRegret: initialRegret,
            secondsPerEpoch: total / Double(max(history.count, 1)), trainingSeconds: total, seed: c.seed,
            trainCount: train.count, testCount: test.count, history: history, stoppedEarly: run.stoppedEarly,
            validationCount: validation?.count, bestEpoch: validation == nil ? nil : run.bestEpoch,
            validationNormalizedRegret: validation == nil ? nil : run.bestScore,
            initialValidationNormalizedRegret: validation == nil ? nil : run.startingScore,
            timing: RunTiming(
                wallSeconds: secondsSince(fitStart), trainingSeconds: total, trainingSolverSeconds: solverSeconds,
                modelSeconds: max(0, total - solverSeconds), evaluationSeconds: evaluationSeconds),
            configuration: c)
    }
}
