import DFLLosses
import DFLNN
import DFLOptimizers
import DFLRandom
import DFLTensor
import DFLTraining
import Foundation

/// Windows of an epidemic series for 7-day bed allocation (So-EBM §4.2).
///
/// Sample `t`: input = the last 21 days of the 9 compartments (`log10(count + 1)`, z-scored with
/// training statistics), the current state (for simulation), the observed hospital demand of the
/// next 7 days in thousands (`y`), and the true log transmission rates of those days.
public struct CovidWindows: Sendable {
    /// `[count, 21, 9]` standardized inputs, row-major.
    public var inputs: [Double]
    /// `[count, 9]` compartment fractions at the end of the last input day.
    public var currentStates: [Double]
    /// `[count, 7]` observed demand in thousands of beds.
    public var demand: [Double]
    /// `[count, 7]` log transmission rates of the forecast days.
    public var logBeta: [Double]
    /// Number of samples.
    public var count: Int
    /// Input window (21) and horizon (7).
    public static let window = 21, horizon = 7

    /// Builds all windows of `series`.
    public init(series: EpidemicSeries, model: SEIRHDModel) throws {
        let W = CovidWindows.window, H = CovidWindows.horizon, C = SEIRHDModel.compartmentCount
        guard series.dayCount >= W + H + 1 else {
            throw BenchmarkError.invalidArgument(
                name: "series", reason: "need at least \(W + H + 1) days, got \(series.dayCount)")
        }
        inputs = []
        currentStates = []
        demand = []
        logBeta = []
        count = 0
        for t in W..<(series.dayCount - H + 1) {
            for d in (t - W)..<t { for c in 0..<C { inputs.append(log10(series.states[d][c] * model.population + 1)) } }
            currentStates += series.states[t - 1]
            for k in 0..<H {
                demand.append(series.hospitalized[t + k] / 1000)
                logBeta.append(log(series.beta[t + k]))
            }
            count += 1
        }
    }

    /// The samples at `indices`.
    public func subset(_ indices: [Int]) -> CovidWindows {
        let W = CovidWindows.window, H = CovidWindows.horizon, C = SEIRHDModel.compartmentCount
        var copy = self
        copy.inputs = indices.flatMap { inputs[($0 * W * C)..<(($0 + 1) * W * C)] }
        copy.currentStates = indices.flatMap { currentStates[($0 * C)..<(($0 + 1) * C)] }
        copy.demand = indices.flatMap { demand[($0 * H)..<(($0 + 1) * H)] }
        copy.logBeta = indices.flatMap { logBeta[($0 * H)..<(($0 + 1) * H)] }
        copy.count = indices.count
        return copy
    }

    /// Standardizes the inputs per compartment with the statistics of `reference`.
    public func standardized(using reference: CovidWindows) -> CovidWindows {
        let C = SEIRHDModel.compartmentCount
        var mean = [Double](repeating: 0, count: C), sq = mean
        let rows = reference.inputs.count / C
        for r in 0..<rows {
            for c in 0..<C {
                let v = reference.inputs[r * C + c]
                mean[c] += v
                sq[c] += v * v
            }
        }
        for c in 0..<C {
            mean[c] /= Double(rows)
            sq[c] = max(sq[c] / Double(rows) - mean[c] * mean[c], 1e-12).squareRoot()
        }
        var copy = self
        for i in 0..<copy.inputs.count {
            let c = i % C
            copy.inputs[i] = (copy.inputs[i] - mean[c]) / sq[c]
        }
        return copy
    }
}

/// Two-stage, DFL (implicit sample-average layer) and So-EBM on the bed-allocation task.
public struct CovidBenchmark: Sendable {
    /// The simulator.
    public let model: SEIRHDModel
    /// The cost.
    public let task: BedAllocation
    /// Standardized training, validation and test windows.
    public let train: CovidWindows, validation: CovidWindows, test: CovidWindows
    /// Monte-Carlo samples of β per forecast (default 100, the paper's).
    public var monteCarloSamples = 100
    /// GRU hidden size (32).
    public var hiddenSize = 32

    /// Splits `series` chronologically: first 70 % train+validation (random 80/20 by `seed`), last 30 % test.
    public init(
        series: EpidemicSeries, model: SEIRHDModel = SEIRHDModel(), task: BedAllocation = BedAllocation(), seed: UInt64
    ) throws {
        let all = try CovidWindows(series: series, model: model)
        let cut = Int(0.7 * Double(all.count))
        var rng = SeededGenerator(seed: seed)
        let perm = rng.permutation(cut)
        let trainCut = Int(0.8 * Double(cut))
        let rawTrain = all.subset(Array(perm[0..<trainCut]))
        train = rawTrain.standardized(using: rawTrain)
        validation = all.subset(Array(perm[trainCut...])).standardized(using: rawTrain)
        test = all.subset(Array(cut..<all.count)).standardized(using: rawTrain)
        self.model = model
        self.task = task
    }

    /// A fresh 2-layer GRU forecaster of the 7 daily log transmission rates.
    public func makeForecaster(seed: UInt64) -> GaussianGRU {
        var rng = SeededGenerator(seed: seed)
        return GaussianGRU(
            inputSize: SEIRHDModel.compartmentCount, hiddenSize: hiddenSize, layerCount: 2,
            outputSize: CovidWindows.horizon, rng: &rng)
    }

    /// Reparameterized demand samples `[count, S, 7]` (thousands of beds): `log β = μ + σ ε`,
    /// then the SEIR+HD ODE from each window's current state (RK4, differentiable).
    public func demandSamples(
        _ forecaster: GaussianGRU, on data: CovidWindows, samples S: Int, rng: inout SeededGenerator
    ) -> Variable {
        let B = data.count, H = CovidWindows.horizon, C = SEIRHDModel.compartmentCount
        let x = Variable(Tensor(shape: [B, CovidWindows.window, C], scalars: data.inputs))
        let (mu, sigma) = forecaster.predict(x)
        let rows = (0..<(B * S)).map { $0 / S }
        let eps = Tensor(shape: [B * S, H], scalars: rng.normal(count: B * S * H))
        let beta = exp(gather(mu, rows: rows) + gather(sigma, rows: rows) * eps)
        var state: [Variable] = []
        for c in 0..<C { state.append(Variable(Tensor(rows.map { data.currentStates[$0 * C + c] }))) }
        let hospital = model.simulateHospitalized(from: state, dailyBeta: beta)
        return reshape(hospital * (model.population / 1000), [B, S, H])
    }

    /// Mean 7-day cost of the sample-average decisions of `forecaster` on `data`.
    public func evaluate(_ forecaster: GaussianGRU, on data: CovidWindows, seed: UInt64) -> Double {
        var rng = SeededGenerator(seed: seed)
        let samples = demandSamples(forecaster, on: data, samples: monteCarloSamples, rng: &rng)
        let decisions = task.sampleAverageLayer(samples: samples).value.scalars
        let H = CovidWindows.horizon
        var total = 0.0
        for i in 0..<data.count {
            total += task.cost(
                demand: Array(data.demand[(i * H)..<((i + 1) * H)]), decision: Array(decisions[(i * H)..<((i + 1) * H)])
            )
        }
        return total / Double(max(data.count, 1))
    }

    /// Trains with `loss` for `epochs` full-batch Adam steps on the ``TrainingLoop``, keeping the
    /// epoch with the best validation cost (``KeepBestHook``, the starting model included);
    /// returns seconds per epoch.
    func fit(
        _ f: GaussianGRU, learningRate: Double, epochs: Int, seed: UInt64,
        loss: (inout SeededGenerator) throws -> Variable
    ) throws -> Double {
        var rng = SeededGenerator(seed: seed &+ 0xC0)
        var hooks = TrainingHooks()
        hooks.evaluation = EvaluationHook(every: 1, direction: .lowerIsBetter) { [self] in
            evaluate(f, on: validation, seed: seed)
        }
        hooks.keepBest = KeepBestHook(parameters: f.parameters)
        hooks.nonFiniteLoss = { _, _ in BenchmarkError.numerical(routine: "CovidBenchmark", reason: "non-finite loss") }
        var loop = TrainingLoop(model: f, optimizer: .adam(learningRate: learningRate), hooks: hooks)
        let run = try loop.run(epochs: epochs, prepareEpoch: { _ in 1 }, loss: { _, _ in try loss(&rng) })
        return run.secondsPerEpoch(over: epochs)
    }

    /// Two-stage: Gaussian NLL on the log transmission rates.
    public func trainTwoStage(seed: UInt64, epochs: Int, learningRate: Double = 1e-2) throws -> (GaussianGRU, Double) {
        let f = makeForecaster(seed: seed)
        let x = Variable(
            Tensor(shape: [train.count, CovidWindows.window, SEIRHDModel.compartmentCount], scalars: train.inputs))
        let y = Tensor(shape: [train.count, CovidWindows.horizon], scalars: train.logBeta)
        let s = try fit(f, learningRate: learningRate, epochs: epochs, seed: seed) { _ in
            let (m, sd) = f.predict(x)
            return gaussianNegativeLogLikelihood(mean: m, standardDeviation: sd, target: y)
        }
        return (f, s)
    }

    /// A copy of a forecaster.
    public func clone(_ f: GaussianGRU, seed: UInt64) throws -> GaussianGRU {
        let g = makeForecaster(seed: seed)
        try ParameterStore.restore(g.parameters, from: ParameterStore.snapshot(f.parameters))
        return g
    }

    /// DFL: the task loss of the sample-average decision, differentiated implicitly.
    public func trainDFL(
        from pretrained: GaussianGRU, seed: UInt64, epochs: Int, samples: Int, learningRate: Double = 1e-3
    ) throws -> (GaussianGRU, Double) {
        let f = try clone(pretrained, seed: seed)
        let y = Tensor(shape: [train.count, CovidWindows.horizon], scalars: train.demand)
        let t = task
        let s = try fit(f, learningRate: learningRate, epochs: epochs, seed: seed) { rng in
            let a = t.sampleAverageLayer(samples: demandSamples(f, on: train, samples: samples, rng: &rng))
            let d = Variable(y) - a
            let cost =
                t.shortageCost * relu(d) + t.idleCost * relu(-d) + t.shortageQuadratic * square(relu(d)) + t
                .idleQuadratic * square(relu(-d))
            return sum(cost) / Double(train.count)
        }
        return (f, s)
    }

    /// So-EBM with the Monte-Carlo energy (reparameterized ODE samples).
    public func trainSoEBM(
        from pretrained: GaussianGRU, seed: UInt64, epochs: Int, samples: Int, configuration: SoEBMConfiguration,
        learningRate: Double = 1e-3
    ) throws -> (GaussianGRU, Double) {
        let f = try clone(pretrained, seed: seed)
        let objective = try SoEBMObjective(configuration: configuration)
        let t = task, H = CovidWindows.horizon, data = train
        let s = try fit(f, learningRate: learningRate, epochs: epochs, seed: seed) { rng in
            let ys = demandSamples(f, on: data, samples: samples, rng: &rng)
            return try objective.loss(
                optimalDecisions: data.demand, dimension: H, energy: { t.energy(samples: ys, decisions: $0) },
                taskLoss: { b, a in t.cost(demand: Array(data.demand[(b * H)..<((b + 1) * H)]), decision: a) },
                rng: &rng)
        }
        return (f, s)
    }
}
