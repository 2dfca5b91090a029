import DFLLosses
import DFLNN
import DFLOptimization
import DFLOptimizers
import DFLRandom
import DFLTensor
import DFLTraining
import Foundation

/// One network-security-game instance: node features and true attractiveness on a shared graph.
public struct SecurityInstance: Sendable {
    /// `[nodes, featureCount]` node features, row-major.
    public var features: [Double]
    /// True attractiveness `φ` (centred).
    public var attractiveness: [Double]
}

/// The network security game benchmark (So-EBM §4.3): a GCN predicts a Gaussian attractiveness
/// per node; the defender covers edges (budget `k`) against the absorbing-random-walk attacker.
public struct SecurityGameBenchmark: Sendable {
    /// The attacker model (holds the graph).
    public let attacker: AbsorbingWalkAttacker
    /// Defender budget `k` (3).
    public let budget: Double
    /// Train / validation / test instances (35 / 5 / 10 by default).
    public let train: [SecurityInstance], validation: [SecurityInstance], test: [SecurityInstance]
    /// Feature dimension.
    public let featureCount: Int
    /// Projected-gradient iterations of the defender (default 60).
    public var defenderIterations = 60
    /// Attractiveness scenarios used for decisions and Monte-Carlo energies (default 4).
    public var scenarios = 4

    /// Generates the graph and instances: `φ_v = −dist(v, nearest target) + U(−1, 1)`, centred;
    /// features = a fixed random 3-layer GCN of `φ` (tanh), z-scored with training statistics,
    /// plus Gaussian noise `featureNoise` (default 0.2).
    public init(
        nodes: Int = 100, radius: Double = 0.2, budget: Double = 3,
        counts: (train: Int, validation: Int, test: Int) = (35, 5, 10),
        featureCount: Int = 16, featureNoise: Double = 0.2, seed: UInt64
    ) throws {
        var rng = SeededGenerator(seed: seed)
        let graph = try SecurityGraph.randomGeometric(nodes: nodes, radius: radius, budget: budget, rng: &rng)
        attacker = AbsorbingWalkAttacker(graph: graph)
        self.budget = budget
        self.featureCount = featureCount
        var adjacency = [[Double]](repeating: [Double](repeating: 0, count: nodes), count: nodes)
        for uv in graph.edges {
            adjacency[uv[0]][uv[1]] = 1
            adjacency[uv[1]][uv[0]] = 1
        }
        var featureRNG = rng.split()
        let g1 = GraphConvolution(adjacency: adjacency, inputSize: 1, outputSize: 16, name: "feat.g1", rng: &featureRNG)
        let g2 = GraphConvolution(
            adjacency: adjacency, inputSize: 16, outputSize: 16, name: "feat.g2", rng: &featureRNG)
        let g3 = GraphConvolution(
            adjacency: adjacency, inputSize: 16, outputSize: featureCount, name: "feat.g3", rng: &featureRNG)
        let distance = graph.distanceToNearestTarget()
        let total = counts.train + counts.validation + counts.test
        var instances: [SecurityInstance] = []
        for _ in 0..<total {
            var phi = distance.map { -$0 + rng.uniform(-1, 1) }
            let mean = phi.reduce(0, +) / Double(nodes)
            phi = phi.map { $0 - mean }
            let f = g3(tanh(g2(tanh(g1(Variable(Tensor(shape: [nodes, 1], scalars: phi)))))))
            instances.append(SecurityInstance(features: f.value.scalars, attractiveness: phi))
        }
        // Standardize with the training instances' statistics, then add noise.
        var mu = [Double](repeating: 0, count: featureCount), sd = mu
        let trainRows = counts.train * nodes
        for inst in instances.prefix(counts.train) {
            for i in 0..<inst.features.count { mu[i % featureCount] += inst.features[i] }
        }
        for j in 0..<featureCount { mu[j] /= Double(trainRows) }
        for inst in instances.prefix(counts.train) {
            for i in 0..<inst.features.count {
                let d = inst.features[i] - mu[i % featureCount]
                sd[i % featureCount] += d * d
            }
        }
        for j in 0..<featureCount { sd[j] = max((sd[j] / Double(trainRows)).squareRoot(), 1e-9) }
        for k in 0..<instances.count {
            for i in 0..<instances[k].features.count {
                instances[k].features[i] =
                    (instances[k].features[i] - mu[i % featureCount]) / sd[i % featureCount] + featureNoise
                    * rng.normal()
            }
        }
        train = Array(instances[0..<counts.train])
        validation = Array(instances[counts.train..<(counts.train + counts.validation)])
        test = Array(instances[(counts.train + counts.validation)...])
    }

    /// The predictor: 2 graph convolutions (out 16) + 2 dense layers (hidden 32) → `(μ, σ)` per node.
    public struct Predictor: Sendable {
        /// Layers.
        public let conv1: GraphConvolution, conv2: GraphConvolution, dense1: Linear, dense2: Linear
        /// `[φ mean, σ]` per node, each `[nodes]`.
        public func callAsFunction(_ x: Variable) -> (mean: Variable, standardDeviation: Variable) {
            let h = dense2(relu(dense1(relu(conv2(relu(conv1(x)))))))
            let n = x.shape[0]
            return (reshape(slice(h, axis: 1, 0..<1), [n]), reshape(softplus(slice(h, axis: 1, 1..<2)) + 1e-3, [n]))
        }
        /// Parameters.
        public var parameters: [Parameter] {
            conv1.parameters + conv2.parameters + dense1.parameters + dense2.parameters
        }
    }

    /// A fresh predictor.
    public func makePredictor(seed: UInt64) -> Predictor {
        var rng = SeededGenerator(seed: seed)
        let graph = attacker.graph
        var adjacency = [[Double]](repeating: [Double](repeating: 0, count: graph.nodeCount), count: graph.nodeCount)
        for uv in graph.edges {
            adjacency[uv[0]][uv[1]] = 1
            adjacency[uv[1]][uv[0]] = 1
        }
        return Predictor(
            conv1: GraphConvolution(
                adjacency: adjacency, inputSize: featureCount, outputSize: 16, name: "nsg.gcn1", rng: &rng),
            conv2: GraphConvolution(adjacency: adjacency, inputSize: 16, outputSize: 16, name: "nsg.gcn2", rng: &rng),
            dense1: Linear(inputSize: 16, outputSize: 32, name: "nsg.fc1", rng: &rng),
            dense2: Linear(inputSize: 32, outputSize: 2, name: "nsg.fc2", rng: &rng))
    }

    func input(_ inst: SecurityInstance) -> Variable {
        Variable(Tensor(shape: [attacker.graph.nodeCount, featureCount], scalars: inst.features))
    }

    /// Fixed standard-normal draws for the attractiveness scenarios of instance `k`.
    func noise(_ k: Int, count: Int) -> [[Double]] {
        var rng = SeededGenerator(seed: 0x5EC0 &+ UInt64(k))
        return (0..<count).map { _ in rng.normal(count: attacker.graph.nodeCount) }
    }

    /// The defender's coverage from a forecast: projected gradient on the mean attacker reward
    /// over `scenarios` reparameterized draws `μ + σ ε` (ε fixed per instance).
    public func decide(mean: [Double], standardDeviation: [Double], instance k: Int) throws -> [Double] {
        let phis = noise(k, count: scenarios).map { eps in
            (0..<mean.count).map { mean[$0] + standardDeviation[$0] * eps[$0] }
        }
        return try attacker.defend(scenarios: phis, budget: budget, iterations: defenderIterations)
    }

    /// Mean defender utility (`−obj` under the true `φ`) of `predictor`'s decisions on `instances`.
    public func evaluate(_ predictor: Predictor, on instances: [SecurityInstance], offset: Int) throws -> Double {
        let me = self
        let utilities = try parallelMap(instances.count) { k in
            let (m, s) = predictor(me.input(instances[k]))
            let a = try me.decide(mean: m.value.scalars, standardDeviation: s.value.scalars, instance: offset + k)
            return -(try me.attacker.objective(coverage: a, attractiveness: instances[k].attractiveness).value)
        }
        return utilities.reduce(0, +) / Double(max(instances.count, 1))
    }

    /// Mean defender utility of the decision made with the true attractiveness (an upper reference).
    public func oracleUtility(on instances: [SecurityInstance]) throws -> Double {
        let me = self
        let u = try parallelMap(instances.count) { k in
            let a = try me.attacker.defend(
                scenarios: [instances[k].attractiveness], budget: me.budget, iterations: me.defenderIterations)
            return -(try me.attacker.objective(coverage: a, attractiveness: instances[k].attractiveness).value)
        }
        return u.reduce(0, +) / Double(max(instances.count, 1))
    }

    /// The Monte-Carlo energy `E(a) = (1/S) Σ_s obj(a, μ + σ ε_s)` at decisions `[1, count, |E|]`
    /// (clamped to `[0, 1]`), differentiable in `μ` and `σ` (`[nodes]` each). Returns `[1, count]`.
    public func energy(mean: Variable, standardDeviation: Variable, decisions: Tensor, noise eps: [[Double]]) throws
        -> Variable
    {
        let M = decisions.shape[1], E = decisions.shape[2], n = attacker.graph.nodeCount
        let mu = mean.value.scalars, sd = standardDeviation.value.scalars
        let phis = eps.map { e in (0..<n).map { mu[$0] + sd[$0] * e[$0] } }
        let me = self
        let results = try parallelMap(M) { m in
            let a = (0..<E).map { min(max(decisions.scalars[m * E + $0], 0), 1) }
            var value = 0.0
            var gMu = [Double](repeating: 0, count: n), gSd = gMu
            for (s, phi) in phis.enumerated() {
                let r = try me.attacker.objective(coverage: a, attractiveness: phi)
                value += r.value
                for v in 0..<n {
                    gMu[v] += r.attractiveness[v]
                    gSd[v] += r.attractiveness[v] * eps[s][v]
                }
            }
            let w = 1 / Double(phis.count)
            return (value * w, gMu.map { $0 * w }, gSd.map { $0 * w })
        }
        return Variable.record(Tensor(shape: [1, M], scalars: results.map(\.0)), parents: [mean, standardDeviation]) {
            g in
            var gm = [Double](repeating: 0, count: n), gs = gm
            for m in 0..<M {
                for v in 0..<n {
                    gm[v] += g.scalars[m] * results[m].1[v]
                    gs[v] += g.scalars[m] * results[m].2[v]
                }
            }
            return [Tensor(gm), Tensor(gs)]
        }
    }

    /// Two-stage training (Gaussian NLL on `φ`), then optionally So-EBM fine-tuning; returns the
    /// predictor and seconds per epoch. Model selection (So-EBM only): best validation utility, the
    /// starting model included (``KeepBestHook`` on the ``TrainingLoop``).
    public func train(
        seed: UInt64, twoStageEpochs: Int, soEBMEpochs: Int = 0,
        configuration: SoEBMConfiguration = SoEBMConfiguration(),
        learningRate: Double = 1e-2, soEBMLearningRate: Double = 1e-3, from pretrained: Predictor? = nil
    ) throws -> (predictor: Predictor, secondsPerEpoch: Double) {
        let p = makePredictor(seed: seed)
        if let pretrained {
            for (dst, src) in zip(p.parameters, pretrained.parameters) { dst.value = src.value }
        }
        let optimizer = Optimizer.adam(learningRate: soEBMEpochs > 0 ? soEBMLearningRate : learningRate)
        var rng = SeededGenerator(seed: seed &+ 0x75)
        let objective = try SoEBMObjective(configuration: configuration)
        let epochs = soEBMEpochs > 0 ? soEBMEpochs : twoStageEpochs
        // Pre-computed a* under the true φ for So-EBM.
        let me = self
        let optimal: [[Double]] =
            soEBMEpochs > 0
            ? try parallelMap(train.count) { k in
                try me.attacker.defend(
                    scenarios: [me.train[k].attractiveness], budget: me.budget, iterations: me.defenderIterations)
            }
            : []
        var hooks = TrainingHooks()
        if soEBMEpochs > 0 {
            hooks.evaluation = EvaluationHook(every: 1, direction: .higherIsBetter) {
                try me.evaluate(p, on: me.validation, offset: me.train.count)
            }
            hooks.keepBest = KeepBestHook(parameters: p.parameters)
        }
        var loop = TrainingLoop(model: p, optimizer: optimizer, hooks: hooks)
        let run = try loop.run(epochs: epochs, prepareEpoch: { _ in train.count }) { _, k in
            let inst = train[k]
            let (m, s) = p(input(inst))
            if soEBMEpochs > 0 {
                let eps = noise(k, count: scenarios)
                return try objective.loss(
                    optimalDecisions: optimal[k], dimension: optimal[k].count,
                    energy: { try me.energy(mean: m, standardDeviation: s, decisions: $0, noise: eps) },
                    taskLoss: { _, a in
                        (try? me.attacker.objective(
                            coverage: a.map { min(max($0, 0), 1) }, attractiveness: inst.attractiveness
                        ).value) ?? .infinity
                    }, rng: &rng)
            }
            return gaussianNegativeLogLikelihood(
                mean: reshape(m, [1, m.shape[0]]), standardDeviation: reshape(s, [1, s.shape[0]]),
                target: Tensor(shape: [1, inst.attractiveness.count], scalars: inst.attractiveness))
        }
        return (p, run.secondsPerEpoch(over: epochs))
    }
}

extension SecurityGameBenchmark.Predictor: TrainableModel {}
