import DFLNN
import DFLOptimizers
import DFLTensor
import DFLTraining
import Testing

/// One scalar parameter `w`; the loss `(w − 3)²` under SGD with rate 1/4 moves it by the closed
/// form `w ← w/2 + 3/2` (0, 1.5, 2.25, 2.625, 2.8125, …), every step exact in binary floating point.
private func scalarModel(_ start: Double = 0, name: String = "w") -> TrainableParameters {
    TrainableParameters(parameters: [Parameter(name: name, value: Tensor([start]))])
}

private func value(_ m: TrainableParameters) -> Double { m.parameters[0].value.scalars[0] }

private func quadraticLoss(_ m: TrainableParameters) -> Variable {
    let d = Variable(parameter: m.parameters[0]) - 3
    return sum(d * d)
}

@Suite struct TrainingLoopTests {
    @Test func stepsFollowTheClosedForm() throws {
        let m = scalarModel()
        var loop = TrainingLoop(model: m, optimizer: .sgd(learningRate: 0.25))
        let run = try loop.run(epochs: 4, prepareEpoch: { _ in 1 }, loss: { _, _ in quadraticLoss(m) })
        #expect(value(m) == 2.8125)
        #expect(run.history.map(\.epoch) == [1, 2, 3, 4])
        #expect(run.history.map(\.trainLoss) == [9, 2.25, 0.5625, 0.140625])
        #expect(!run.stoppedEarly)
    }

    @Test func keepBestRestoresTheBestEpoch() throws {
        let m = scalarModel()
        var hooks = TrainingHooks()
        hooks.evaluation = EvaluationHook { abs(value(m) - 2.3) }
        hooks.keepBest = KeepBestHook()
        var loop = TrainingLoop(model: m, optimizer: .sgd(learningRate: 0.25), hooks: hooks)
        let run = try loop.run(epochs: 5, prepareEpoch: { _ in 1 }, loss: { _, _ in quadraticLoss(m) })
        // Scores after epochs 1…5: 0.8, 0.05, 0.325, 0.5125, …: epoch 2 (w = 2.25) is kept.
        #expect(value(m) == 2.25)
        #expect(run.bestEpoch == 2)
        #expect(run.bestScore == abs(2.25 - 2.3))
    }

    @Test func keepBestKeepsTheStartingModelAndHigherCanBeBetter() throws {
        let m = scalarModel()
        var hooks = TrainingHooks()
        hooks.evaluation = EvaluationHook(direction: .higherIsBetter) { -value(m) }
        var restored = false
        hooks.keepBest = KeepBestHook(afterRestore: { restored = true })
        var loop = TrainingLoop(model: m, optimizer: .sgd(learningRate: 0.25), hooks: hooks)
        let run = try loop.run(epochs: 3, prepareEpoch: { _ in 1 }, loss: { _, _ in quadraticLoss(m) })
        #expect(value(m) == 0)
        #expect(run.bestEpoch == 0)
        #expect(restored)
    }

    @Test func evaluationScheduleAndEarlyStopping() throws {
        let m = scalarModel()
        var evaluated: [Int] = []
        var hooks = TrainingHooks()
        hooks.evaluation = EvaluationHook(every: 3) { epoch, record in
            evaluated.append(epoch)
            record.testNormalizedRegret = Double(epoch)
            return 1
        }
        var loop = TrainingLoop(model: m, optimizer: .sgd(learningRate: 0.25), hooks: hooks)
        let run = try loop.run(epochs: 7, prepareEpoch: { _ in 1 }, loss: { _, _ in quadraticLoss(m) })
        #expect(evaluated == [3, 6, 7])
        #expect(run.history.compactMap(\.testNormalizedRegret) == [3, 6, 7])

        // A constant score improves once (on +∞), then `patience` stale evaluations stop the run.
        let n = scalarModel()
        var stopping = TrainingHooks()
        stopping.evaluation = EvaluationHook { 1 }
        stopping.earlyStopping = EarlyStoppingHook(patience: 2)
        var loop2 = TrainingLoop(model: n, optimizer: .sgd(learningRate: 0.25), hooks: stopping)
        let stopped = try loop2.run(epochs: 10, prepareEpoch: { _ in 1 }, loss: { _, _ in quadraticLoss(n) })
        #expect(stopped.stoppedEarly)
        #expect(stopped.history.count == 3)
        #expect(value(n) == 2.625)
    }

    @Test func nonFiniteGradientsAreSkippedOrFatal() throws {
        let m = scalarModel()
        var skipped: [Int] = []
        var hooks = TrainingHooks()
        hooks.gradientGuard = GradientGuard(test: .globalNorm, action: .skipUpdate { _, b in skipped.append(b) })
        var loop = TrainingLoop(model: m, optimizer: .sgd(learningRate: 0.25), hooks: hooks)
        _ = try loop.run(epochs: 1, prepareEpoch: { _ in 3 }) { _, b in
            b == 1 ? Variable(parameter: m.parameters[0]) * Double.nan : quadraticLoss(m)
        }
        #expect(skipped == [1])
        #expect(value(m) == 2.25)  // two real steps
        #expect(m.parameters[0].gradient == nil)

        struct Diverged: Error {}
        var fatal = TrainingHooks()
        fatal.nonFiniteLoss = { _, _ in Diverged() }
        var loop2 = TrainingLoop(model: m, optimizer: .sgd(learningRate: 0.25), hooks: fatal)
        #expect(throws: Diverged.self) {
            _ = try loop2.run(epochs: 1, prepareEpoch: { _ in 1 }) { _, _ in
                Variable(parameter: m.parameters[0]) * Double.nan
            }
        }
    }

    @Test func resumingFromACheckpointGivesTheUninterruptedRun() throws {
        let straight = scalarModel()
        var a = TrainingLoop(model: straight, optimizer: .adam(learningRate: 0.1))
        _ = try a.run(epochs: 5, prepareEpoch: { _ in 2 }, loss: { _, _ in quadraticLoss(straight) })

        let first = scalarModel()
        var saved: [TrainingLoopState] = []
        var b = TrainingLoop(
            model: first, optimizer: .adam(learningRate: 0.1),
            hooks: TrainingHooks(checkpoint: CheckpointHook { saved.append($0) }))
        _ = try b.run(epochs: 2, prepareEpoch: { _ in 2 }, loss: { _, _ in quadraticLoss(first) })
        #expect(saved.map(\.completedEpochs) == [1, 2])

        let second = scalarModel(42)
        var events: [TrainingEvent] = []
        var c = TrainingLoop(
            model: second, optimizer: .adam(learningRate: 0.1), hooks: TrainingHooks(observer: { events.append($0) }))
        try c.restore(saved[1], source: "memory")
        let run = try c.run(epochs: 5, prepareEpoch: { _ in 2 }, loss: { _, _ in quadraticLoss(second) })
        #expect(value(second) == value(straight))
        #expect(c.optimizer.state == a.optimizer.state)
        #expect(run.history.map(\.epoch) == [1, 2, 3, 4, 5])
        #expect(events.first == .resumed(path: "memory", completedEpochs: 2))

        let wrong = scalarModel(name: "other")
        var d = TrainingLoop(model: wrong, optimizer: .adam(learningRate: 0.1))
        #expect(throws: CheckpointError.self) { try d.restore(saved[1], source: "memory") }
        #expect(value(wrong) == 0)
    }

    @Test func modelsSwitchToTrainingModeOnlyForTheSteps() throws {
        let mode = ModeSwitch(isTraining: false)
        let m = TrainableParameters(parameters: [Parameter(name: "w", value: Tensor([0]))], trainingMode: mode)
        var seen: [Bool] = []
        var hooks = TrainingHooks()
        hooks.evaluation = EvaluationHook {
            seen.append(mode.isTraining)
            return 0
        }
        var loop = TrainingLoop(model: m, optimizer: .sgd(learningRate: 0.25), hooks: hooks)
        _ = try loop.run(epochs: 2, prepareEpoch: { _ in 1 }) { _, _ in
            seen.append(mode.isTraining)
            return quadraticLoss(m)
        }
        #expect(seen == [true, false, true, false])
        #expect(!mode.isTraining)
    }
}
