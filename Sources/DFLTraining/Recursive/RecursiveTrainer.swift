import DFLLayers
import DFLNN
import DFLOptimizers
import DFLRandom
import DFLTensor
import Dispatch

/// The four training schemes compared by the R-DFL paper.
public enum RecursiveMethod: String, Sendable, CaseIterable, Codable {
    /// Predict prices from features by MSE, then optimize.
    case pto = "PTO"
    /// Sequential DFL: features → prices → G, trained end to end on the decision error.
    case sequential = "S-DFL"
    /// Recursive DFL, unrolled K steps of x ← G(F(v, x)).
    case unrolled = "R-DFL-U"
    /// Recursive DFL, implicit differentiation at the fixed point.
    case implicit = "R-DFL-I"

    /// Whether the predictor sees the previous decision.
    public var isRecursive: Bool { self == .unrolled || self == .implicit }
}

/// Settings of one R-DFL training run on the newsvendor benchmark.
public struct RecursiveTrainingConfiguration: Sendable, Codable {
    /// Epochs (default 30).
    public var epochs = 30
    /// Batch size (paper: 8).
    public var batchSize = 8
    /// Adam learning rate (default 1e-3; unknown in the paper).
    public var learningRate = 1e-3
    /// Unrolling depth K (paper: 10).
    public var unrollSteps = 10
    /// Hidden width (paper: 32).
    public var hidden = 32
    /// Dropout (paper: 0.1).
    public var dropout = 0.1
    /// Seed.
    public var seed: UInt64 = 0
    /// Predictor network.
    public var predictor: PredictorKind = .mlp
    /// R-DFL-I: iterate to the fixed point without recording autodiff nodes (default true; false
    /// only to measure the cost of the graph-building forward).
    public var graphFreeForward = true
    /// R-DFL-I training forward: stop when `‖x_{k+1} − x_k‖∞` is below this (default 1e-6; relative
    /// to `‖x‖∞` when ``implicitRelativeTolerances``). The paper: 0.2.
    public var implicitForwardTolerance = 1e-6
    /// R-DFL-I training forward: iteration limit (default 300).
    public var implicitForwardMaxIterations = 300
    /// R-DFL-I backward: the Neumann iteration `u ← g + Jᵀu` stops when its step is below this
    /// (default 1e-8; relative to `‖g‖∞` when ``implicitRelativeTolerances``). The paper: 0.2.
    public var implicitBackwardTolerance = 1e-8
    /// R-DFL-I backward: iteration limit (default 200).
    public var implicitBackwardMaxIterations = 200
    /// Read the two R-DFL-I tolerances relative to the size of the iterate (default false: absolute).
    public var implicitRelativeTolerances = false
    /// When R-DFL-I estimates ρ(J) at the fixed point (default ``RecursiveContractionCheck/amortized``).
    public var contractionCheck = RecursiveContractionCheck.amortized
    /// Power iterations (vector–Jacobian products) per contraction check (default 10).
    public var contractionCheckIterations = 10
    /// Test-time fixed point: per-instance tolerance on `‖x_{k+1} − x_k‖∞` (default 1e-6).
    public var evaluationTolerance = 1e-6
    /// Test-time fixed point: iteration limit (default 1000).
    public var evaluationMaxIterations = 1000
    /// The defaults.
    public init() {}

    /// The paper's implicit settings (Appendix D: "a convergence tolerance of 0.2 for the implicit
    /// differentiation iterations"): forward and backward at relative tolerance 0.2, the
    /// contraction check amortized.
    public static var paperImplicit: RecursiveTrainingConfiguration {
        var c = RecursiveTrainingConfiguration()
        c.implicitForwardTolerance = 0.2
        c.implicitBackwardTolerance = 0.2
        c.implicitRelativeTolerances = true
        c.contractionCheck = .amortized
        return c
    }
}

/// When R-DFL-I checks that the learned map contracts at its fixed point (a power-iteration estimate
/// of ρ(J), ``FixedPointConfiguration/contractionCheckIterations`` vector–Jacobian products).
public enum RecursiveContractionCheck: String, Sendable, Codable, CaseIterable {
    /// At every batch (the pre-issue-17 behaviour).
    case everyBatch
    /// At the first batch of every epoch and at the batch after one whose fixed point failed or
    /// whose backward series did not converge (a failed backward also estimates ρ on the spot).
    case amortized
    /// Never (a failed backward still estimates ρ and falls back to the K-term series).
    case never
}

/// The result of one run.
public struct RecursiveRunResult: Sendable, Codable {
    /// Method.
    public var method: RecursiveMethod
    /// Test decision RMSE.
    public var decisionRMSE: Double
    /// Mean training seconds per epoch.
    public var secondsPerEpoch: Double
    /// Batches where the implicit method fell back to unrolling because the fixed point failed, whose
    /// implicit backward series did not converge (truncated to K terms), or whose update was skipped
    /// for a non-finite gradient.
    public var implicitFallbacks: Int
    /// The last fixed-point failure, when there were fallbacks.
    public var lastFallbackReason: String? = nil
    /// Recursive methods: test instances whose fixed-point iteration did not converge and that were
    /// scored with their own K-step output instead (each instance is decided on its own).
    public var evaluationFallbacks: Int = 0
    /// Test instances scored.
    public var evaluationInstances: Int = 0
    /// R-DFL-I: the last estimate of ρ(J) at the training fixed point (nil when never checked).
    public var lastSpectralRadius: Double? = nil
    /// R-DFL-I: mean evaluations of the map per training batch (forward iterations + 1).
    public var forwardEvaluationsPerBatch: Double = 0
    /// R-DFL-I: mean vector–Jacobian products per batch in the matrix-free backward.
    public var backwardPullbacksPerBatch: Double = 0
    /// R-DFL-I: mean vector–Jacobian products per batch in the contraction check.
    public var contractionPullbacksPerBatch: Double = 0
    /// R-DFL-I: dense Jacobian columns built in training (0: the backward never formed J).
    public var denseJacobianColumns: Int = 0
}

/// One instance of a recursive benchmark.
public struct RecursiveInstance: Sendable {
    /// Exogenous features v.
    public var features: [Double]
    /// Equilibrium decision x* (the ground truth).
    public var decision: [Double]
    /// Parameters observed at the equilibrium (prices, costs), possibly noisy: PTO's target.
    public var parameters: [Double]
    /// Alias of ``parameters`` for the newsvendor.
    public var prices: [Double] { parameters }

    /// Creates an instance.
    public init(features: [Double], decision: [Double], parameters: [Double]) {
        self.features = features
        self.decision = decision
        self.parameters = parameters
    }
}

/// A decision problem with prediction ↔ optimization feedback: the predictor maps features (and, for
/// R-DFL, the current decision) to parameters; `optimize` is the differentiable layer G.
public protocol RecursiveProblem: Sendable {
    /// Exogenous feature count.
    var featureCount: Int { get }
    /// Decision count.
    var decisionCount: Int { get }
    /// Predicted parameter count.
    var parameterCount: Int { get }
    /// Decisions are fed back divided by this.
    var decisionScale: Double { get }
    /// Initial decision value of the recursion.
    var startDecision: Double { get }
    /// G: parameters `[batch, parameterCount]` → decisions `[batch, decisionCount]`, differentiable.
    func optimize(_ parameters: Variable) throws -> Variable
}

/// Trains and evaluates one method on a ``RecursiveProblem``.
public struct RecursiveTrainer<Problem: RecursiveProblem> {
    /// The benchmark.
    public let benchmark: Problem
    /// Settings.
    public let configuration: RecursiveTrainingConfiguration

    /// Creates a trainer.
    public init(benchmark: Problem, configuration: RecursiveTrainingConfiguration) {
        self.benchmark = benchmark
        self.configuration = configuration
    }

    func stack(_ rows: [[Double]]) -> Tensor {
        Tensor(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 })
    }

    /// Trains `method` on `train` and returns its decision RMSE on `test`.
    public func run(_ method: RecursiveMethod, train: [RecursiveInstance], test: [RecursiveInstance]) throws
        -> RecursiveRunResult
    {
        let c = configuration
        let n = benchmark.decisionCount, q = benchmark.featureCount, m = benchmark.parameterCount
        var rng = SeededGenerator(seed: c.seed)
        let mode = ModeSwitch()
        let mlp = MLP(
            inputSize: q + (method.isRecursive ? n : 0), hiddenSizes: [c.hidden], outputSize: m, activation: .leakyRelu,
            dropoutRate: c.dropout, mode: mode, name: "predictor", initializer: .kaimingUniform, rng: &rng)
        precondition(c.predictor == .mlp || m == n, "sequence predictors need one parameter per decision")
        let sequence: SequencePredictor? =
            c.predictor == .mlp
            ? nil
            : SequencePredictor(
                kind: c.predictor, products: n, features: q, recursive: method.isRecursive, hidden: c.hidden, rng: &rng)
        let model = PredictorBox(mlp: mlp, sequence: sequence, mode: mode)
        // Variational dropout: one mask per batch, shared by every application of the predictor in
        // the recursion, so the map x ↦ G(F(v, x)) is deterministic within a batch (needed for a
        // fixed point to exist) — a DFLKit choice, used for both recursive methods alike.
        model.mlp.dropout?.reusesMask = method.isRecursive
        let problem = benchmark
        let scale = benchmark.decisionScale
        let startValue = benchmark.startDecision
        func predictPrices(_ v: Tensor, _ x: Variable?) -> Variable {
            if let x { return model(concat([Variable(v), x / scale], axis: 1)) }
            return model(Variable(v))
        }
        func decide(_ v: Tensor, gradient: FixedPointGradient, checkContraction: Bool = false) throws -> Variable {
            let b = v.shape[0]
            let x0 = Tensor(shape: [b, n], scalars: [Double](repeating: startValue, count: b * n))
            switch method {
            case .pto, .sequential: return try problem.optimize(predictPrices(v, nil))
            case .unrolled, .implicit:
                var config = FixedPointConfiguration()
                config.gradient = gradient
                config.tolerance = c.implicitForwardTolerance
                config.relativeTolerance = c.implicitRelativeTolerances
                config.maxIterations = c.implicitForwardMaxIterations
                config.contractionCheckIterations = c.contractionCheckIterations
                config.checkContraction = checkContraction
                config.fallbackTruncation = c.unrollSteps
                config.graphFreeForward = c.graphFreeForward
                return try fixedPoint(
                    { x in (try? problem.optimize(predictPrices(v, x))) ?? x * Double.nan }, start: x0,
                    configuration: config,
                    statistics: statistics)
            }
        }
        var fallbacks = 0
        var lastReason: String?
        let statistics = FixedPointStatistics()
        // Amortized contraction check: first batch of an epoch, and the batch after a failure.
        var checkNext = false
        var backwardFallbacksSeen = 0
        var hooks = TrainingHooks()
        // A non-finite gradient (a QP backward or series that broke down) would turn every
        // weight into NaN: that batch's update is skipped and counted as a fallback.
        hooks.gradientGuard = GradientGuard(
            test: .globalNorm,
            action: .skipUpdate { _, _ in
                fallbacks += 1
                lastReason = "non-finite gradient; update skipped"
            })
        var loop = TrainingLoop(model: model, optimizer: Optimizer(.adam(), learningRate: c.learningRate), hooks: hooks)
        var order: [Int] = []
        let run = try loop.run(
            epochs: c.epochs,
            prepareEpoch: { _ in
                order = rng.permutation(train.count)
                return (train.count + c.batchSize - 1) / c.batchSize
            },
            loss: { _, b in
                let startIndex = b * c.batchSize
                let idx = Array(order[startIndex..<min(startIndex + c.batchSize, train.count)])
                let v = stack(idx.map { train[$0].features })
                model.mlp.dropout?.clearMask()
                switch method {
                case .pto:
                    return mean(square(predictPrices(v, nil) - stack(idx.map { train[$0].parameters })))
                case .sequential:
                    return mean(
                        square(try decide(v, gradient: .unrolled(steps: 1)) - stack(idx.map { train[$0].decision })))
                case .unrolled:
                    return mean(
                        square(
                            try decide(v, gradient: .unrolled(steps: c.unrollSteps))
                                - stack(idx.map { train[$0].decision })))
                case .implicit:
                    let x: Variable
                    if statistics.backwardFallbacks > backwardFallbacksSeen {
                        backwardFallbacksSeen = statistics.backwardFallbacks
                        checkNext = true
                    }
                    let check: Bool
                    switch c.contractionCheck {
                    case .everyBatch: check = true
                    case .amortized: check = b == 0 || checkNext
                    case .never: check = false
                    }
                    checkNext = false
                    do {
                        x = try decide(
                            v,
                            gradient: .implicit(
                                denseLimit: 0, tolerance: c.implicitBackwardTolerance,
                                maxIterations: c.implicitBackwardMaxIterations), checkContraction: check)
                    } catch let e as FixedPointError {
                        fallbacks += 1
                        lastReason = e.description
                        checkNext = true
                        x = try decide(v, gradient: .unrolled(steps: c.unrollSteps))
                    }
                    return mean(square(x - stack(idx.map { train[$0].decision })))
                }
            })
        // Evaluation (the loop left the model in inference mode): recursive methods iterate each
        // test instance to its own fixed point; one that does not converge is scored with its
        // K-step output and counted.
        let v = stack(test.map(\.features))
        let xHat: Tensor
        var evaluationFallbacks = 0
        switch method {
        case .pto, .sequential: xHat = try withoutGradients { try decide(v, gradient: .unrolled(steps: 1)).value }
        case .unrolled, .implicit:
            let solver = PerInstanceFixedPoint(
                tolerance: c.evaluationTolerance, maxIterations: c.evaluationMaxIterations,
                fallbackSteps: c.unrollSteps)
            let vRows = test.map(\.features)
            let outcome = withoutGradients {
                solver.run(start: test.map { _ in [Double](repeating: startValue, count: n) }) { rows, x in
                    try problem.optimize(predictPrices(stack(rows.map { vRows[$0] }), Variable(x))).value
                }
            }
            evaluationFallbacks = outcome.fallbackRows.count
            xHat = stack(outcome.decisions)
        }
        let truth = stack(test.map(\.decision))
        let mse =
            zip(xHat.scalars, truth.scalars).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(truth.scalarCount)
        var result = RecursiveRunResult(
            method: method, decisionRMSE: mse.squareRoot(),
            secondsPerEpoch: run.secondsPerEpoch(over: run.history.count),
            implicitFallbacks: fallbacks + statistics.backwardFallbacks, lastFallbackReason: lastReason)
        let solves = Double(max(statistics.solves, 1))
        result.forwardEvaluationsPerBatch = Double(statistics.forwardEvaluations) / solves
        result.backwardPullbacksPerBatch = Double(statistics.backwardPullbacks) / solves
        result.contractionPullbacksPerBatch = Double(statistics.contractionCheckPullbacks) / solves
        result.denseJacobianColumns = statistics.denseJacobianColumns
        result.evaluationFallbacks = evaluationFallbacks
        result.evaluationInstances = test.count
        result.lastSpectralRadius = statistics.lastSpectralRadius
        return result
    }
}

/// The MLP or a sequence predictor behind one call.
struct PredictorBox: TrainableModel {
    let mlp: MLP
    let sequence: SequencePredictor?
    let mode: ModeSwitch
    var trainingMode: ModeSwitch? { mode }
    func callAsFunction(_ x: Variable) -> Variable { sequence.map { $0(x) } ?? mlp(x) }
    var parameters: [Parameter] { sequence?.parameters ?? mlp.parameters }
}
