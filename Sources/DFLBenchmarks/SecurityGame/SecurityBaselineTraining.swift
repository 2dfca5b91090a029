import DFLOptimization
import DFLOptimizers
import DFLRandom
import DFLTensor
import DFLTraining
import Foundation

/// Training of the decision-focused security-game baselines of Wang et al. 2020 (DFL-Block and
/// Surrogate). Both fine-tune a (two-stage) predictor on the task loss `obj(a(μ, σ), φ_true)`
/// with Adam; the reparameterized scenarios `φ_s = μ + σ ε_s` carry the gradient to `μ` and `σ`.
/// Model selection: best validation utility (the starting model included), as for So-EBM.
extension SecurityGameBenchmark {
    /// Scenarios `μ + σ ε_s` of instance `k`.
    func scenarioDraws(mean: [Double], standardDeviation: [Double], instance k: Int) -> (
        phis: [[Double]], noise: [[Double]]
    ) {
        let eps = noise(k, count: scenarios)
        return (eps.map { e in (0..<mean.count).map { mean[$0] + standardDeviation[$0] * e[$0] } }, eps)
    }

    /// A scalar loss node whose pullback to `(μ, σ)` is given by the per-scenario gradients.
    func taskLossNode(
        loss: Double, mean: Variable, standardDeviation: Variable, scenarioGradients: [[Double]], noise eps: [[Double]]
    ) -> Variable {
        let n = mean.shape[0]
        var gm = [Double](repeating: 0, count: n), gs = gm
        for (s, g) in scenarioGradients.enumerated() {
            for v in 0..<n {
                gm[v] += g[v]
                gs[v] += g[v] * eps[s][v]
            }
        }
        let gMean = gm, gSD = gs
        return Variable.record(Tensor(shape: [], scalars: [loss]), parents: [mean, standardDeviation]) { c in
            let w = c.scalars[0]
            return [Tensor(gMean.map { $0 * w }), Tensor(gSD.map { $0 * w })]
        }
    }

    /// DFL-Block fine-tuning: the gradient of the true attacker reward through the defender's
    /// full-space KKT system (``AbsorbingWalkAttacker/blockGradient(scenarios:decision:budget:lossGradient:)``).
    /// Returns the selected predictor and seconds per epoch.
    public func trainDFLBlock(seed: UInt64, epochs: Int, learningRate: Double = 1e-3, from pretrained: Predictor? = nil)
        throws -> (predictor: Predictor, secondsPerEpoch: Double)
    {
        let p = copy(pretrained, seed: seed)
        var loop = TrainingLoop(
            model: p, optimizer: .adam(learningRate: learningRate),
            hooks: selectingOnValidation(p.parameters) {
                try evaluate(p, on: validation, offset: train.count)
            })
        let run = try loop.run(epochs: epochs, prepareEpoch: { _ in train.count }) { _, k in
            let inst = train[k]
            let (m, s) = p(input(inst))
            let (phis, eps) = scenarioDraws(mean: m.value.scalars, standardDeviation: s.value.scalars, instance: k)
            let a = try attacker.defend(scenarios: phis, budget: budget, iterations: defenderIterations)
            let outcome = try attacker.objective(coverage: a, attractiveness: inst.attractiveness)
            let grads = try attacker.blockGradient(
                scenarios: phis, decision: a, budget: budget, lossGradient: outcome.coverage)
            return taskLossNode(
                loss: outcome.value, mean: m, standardDeviation: s, scenarioGradients: grads, noise: eps)
        }
        return (p, run.secondsPerEpoch(over: epochs))
    }

    /// Surrogate fine-tuning: learns the predictor and the reparameterization `P` (``SecuritySurrogate``,
    /// `K = dimension`) jointly through the small problem. Returns the selected pair and seconds per epoch.
    public func trainSurrogate(
        seed: UInt64, epochs: Int, dimension: Int = 10, learningRate: Double = 1e-3,
        reparameterizationLearningRate: Double = 1e-1,
        from pretrained: Predictor? = nil
    ) throws -> (predictor: Predictor, surrogate: SecuritySurrogate, secondsPerEpoch: Double) {
        let p = copy(pretrained, seed: seed)
        var rng = SeededGenerator(seed: seed &+ 0x5A77)
        var surrogate = try SecuritySurrogate(edgeCount: attacker.graph.edges.count, dimension: dimension, rng: &rng)
        let logits = Parameter(
            name: "nsg.surrogate.logits",
            value: Tensor(shape: [surrogate.edgeCount, dimension], scalars: surrogate.logits))
        var pOptimizer = Optimizer.adam(learningRate: reparameterizationLearningRate)
        // The reparameterization is kept and restored with the predictor; its own optimizer steps
        // after the predictor's, from the gradient of the same batch.
        var hooks = selectingOnValidation(p.parameters + [logits]) {
            try evaluate(p, surrogate: surrogate, on: validation, offset: train.count)
        }
        hooks.keepBest?.afterRestore = { surrogate.logits = logits.value.scalars }
        var logitGradient: [Double] = []
        hooks.afterUpdate = { _, _ in
            logits.gradient = Tensor(shape: logits.value.shape, scalars: logitGradient)
            pOptimizer.step([logits])
            surrogate.logits = logits.value.scalars
        }
        var loop = TrainingLoop(model: p, optimizer: .adam(learningRate: learningRate), hooks: hooks)
        let run = try loop.run(epochs: epochs, prepareEpoch: { _ in train.count }) { _, k in
            let inst = train[k]
            let (m, s) = p(input(inst))
            let (phis, eps) = scenarioDraws(mean: m.value.scalars, standardDeviation: s.value.scalars, instance: k)
            let r = try surrogate.taskLossGradient(
                attacker: attacker, scenarios: phis, truth: inst.attractiveness, budget: budget)
            logitGradient = r.logits
            return taskLossNode(loss: r.loss, mean: m, standardDeviation: s, scenarioGradients: r.scenarios, noise: eps)
        }
        return (p, surrogate, run.secondsPerEpoch(over: epochs))
    }

    /// Hooks of the fine-tuning runs: validation utility after every epoch (higher is better),
    /// keeping and finally restoring the best of `parameters` (the starting model included).
    func selectingOnValidation(_ parameters: [Parameter], utility: @escaping () throws -> Double) -> TrainingHooks {
        TrainingHooks(
            evaluation: EvaluationHook(every: 1, direction: .higherIsBetter, score: utility),
            keepBest: KeepBestHook(parameters: parameters))
    }

    /// Mean defender utility when decisions come from the Surrogate's small problem.
    public func evaluate(
        _ predictor: Predictor, surrogate: SecuritySurrogate, on instances: [SecurityInstance], offset: Int
    ) throws -> Double {
        let me = self
        let utilities = try parallelMap(instances.count) { k in
            let (m, s) = predictor(me.input(instances[k]))
            let phis = me.scenarioDraws(mean: m.value.scalars, standardDeviation: s.value.scalars, instance: offset + k)
                .phis
            let y = try surrogate.solve(attacker: me.attacker, scenarios: phis, budget: me.budget)
            return
                -(try me.attacker.objective(
                    coverage: surrogate.decision(y), attractiveness: instances[k].attractiveness
                ).value)
        }
        return utilities.reduce(0, +) / Double(max(instances.count, 1))
    }

    func copy(_ pretrained: Predictor?, seed: UInt64) -> Predictor {
        let p = makePredictor(seed: seed)
        if let pretrained { for (dst, src) in zip(p.parameters, pretrained.parameters) { dst.value = src.value } }
        return p
    }
}
