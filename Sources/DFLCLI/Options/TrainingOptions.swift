import ArgumentParser
import DFLLosses
import DFLTraining

/// `dfl train`'s training settings: method, optimizer, schedule and predictor. Each flag is also a
/// `--config` key; unset flags keep ``TrainingConfiguration``'s defaults.
public struct TrainingOptions: ParsableArguments {
    @Option(help: "Training method (default spo+).") var method: MethodChoice?
    @Option(help: "Epochs, in \(SettingRanges.epochs.text) (default 10).") var epochs: Int?
    @Option(
        name: .customLong("batch-size"), help: "Mini-batch size, in \(SettingRanges.batchSize.text) (default 32).")
    var batchSize: Int?
    @Option(help: "Learning rate, in \(SettingRanges.learningRate.text) (default 0.01).") var lr: Double?
    @Option(help: "Optimizer (default adam).") var optimizer: OptimizerChoice?
    @Option(
        name: .customLong("weight-decay"),
        help: "Weight decay (AdamW decoupled, SGD L2), in \(SettingRanges.weightDecay.text) (default 0).")
    var weightDecay: Double?
    @Option(help: "SGD momentum, in \(SettingRanges.momentum.text) (default 0).") var momentum: Double?
    @Option(
        name: .customLong("gradient-clip-norm"),
        help: "Clip gradients to this global norm, in \(SettingRanges.gradientClipNorm.text) (default: no clipping).")
    var gradientClipNorm: Double?
    @Option(
        name: .customLong("solve-ratio"),
        help:
            "Probability in \(SettingRanges.solveRatio.text) of calling the solver instead of the solution pool (default 1)."
    )
    var solveRatio: Double?
    @Option(
        help:
            "Predictor layout: dense (all features → all costs) or itemwise (one shared map per item; default for top-k)."
    )
    var predictor: PredictorChoice?
    @Option(
        help:
            "Hidden layer sizes, comma-separated, each in \(SettingRanges.hidden.text) (empty: linear model, the default)."
    )
    var hidden: HiddenSizes?
    @Option(
        name: .customLong("eval-every"),
        help:
            "Evaluate (validation set if any, and the test set) every N epochs, N in \(SettingRanges.evalEvery.text) (default 1)."
    )
    var evalEvery: Int?
    @Option(
        help:
            "Stop after N evaluations without improvement on the validation set, N in \(SettingRanges.patience.text); needs --validation or --validation-data."
    )
    var patience: Int?

    /// No settings: the defaults.
    public init() {}

    /// Every number in its range.
    public func validate() throws {
        typealias R = SettingRanges
        try SettingRange.check(
            [(epochs, R.epochs), (batchSize, R.batchSize), (evalEvery, R.evalEvery), (patience, R.patience)],
            [
                (lr, R.learningRate), (weightDecay, R.weightDecay), (momentum, R.momentum),
                (gradientClipNorm, R.gradientClipNorm), (solveRatio, R.solveRatio),
            ])
        try R.hidden.check(hidden?.sizes ?? [])
    }

    /// Writes the given settings into `c`.
    func apply(to c: inout TrainingConfiguration) {
        if let method { c.method = method.rawValue }
        if let epochs { c.epochs = epochs }
        if let batchSize { c.batchSize = batchSize }
        if let lr { c.learningRate = lr }
        if let optimizer { c.optimizer = optimizer.rawValue }
        if let weightDecay { c.weightDecay = weightDecay }
        if let momentum { c.momentum = momentum }
        if let gradientClipNorm { c.gradientClipNorm = gradientClipNorm }
        if let solveRatio { c.solveRatio = solveRatio }
        if let predictor { c.predictor = predictor.rawValue }
        if let hidden { c.hiddenSizes = hidden.sizes }
        if let evalEvery { c.evaluateEvery = evalEvery }
        if let patience { c.earlyStoppingPatience = patience }
    }
}

/// The methods' hyper-parameters (``LossHyperparameters``), each a flag and a `--config` key;
/// unset flags keep the method's (PyEPO's or the paper's) default.
public struct MethodOptions: ParsableArguments {
    @Option(
        help:
            "Smoothing strength of the smoothed-layer methods (μ of the QP/DYS layer, τ of the norm layer), in \(SettingRanges.smoothing.text) (default 1)."
    )
    var smoothing: Double?
    @Option(
        help:
            "Noise scale σ of PFYL, PFYMul, DPO, DPOMul, I-MLE and AI-MLE, in \(SettingRanges.sigma.text) (default 1).")
    var sigma: Double?
    @Option(help: "Monte-Carlo samples of the perturbed methods, in \(SettingRanges.samples.text) (default 10).")
    var samples: Int?
    @Option(help: "Interpolation strength λ of DBB and I-MLE, in \(SettingRanges.lambda.text) (default 10).")
    var lambda: Double?
    @Option(
        name: .customLong("imle-kappa"),
        help: "I-MLE and AI-MLE sum-of-gamma shape κ, in \(SettingRanges.imleKappa.text) (default 5).")
    var imleKappa: Double?
    @Option(
        name: .customLong("pg-width"),
        help: "Finite-difference width σ of PGB, PGF and PGC, in \(SettingRanges.pgWidth.text) (default 0.1).")
    var pgWidth: Double?
    @Option(
        name: .customLong("fw-lambda"),
        help: "Regularization strength λ of RFWO and RFY, in \(SettingRanges.fwLambda.text) (default 1).")
    var fwLambda: Double?
    @Option(help: "Listwise learning-to-rank temperature, in \(SettingRanges.temperature.text) (default 1).")
    var temperature: Double?
    @Option(
        name: .customLong("dys-step-size"),
        help: "Davis–Yin step size α, in \(SettingRanges.dysStepSize.text) (default 0.05).")
    var dysStepSize: Double?
    @Option(
        name: .customLong("dys-iterations"),
        help: "Davis–Yin iteration limit, in \(SettingRanges.dysIterations.text) (default 300).")
    var dysIterations: Int?

    /// No settings: the defaults.
    public init() {}

    /// Every number in its range.
    public func validate() throws {
        typealias R = SettingRanges
        try SettingRange.check(
            [(samples, R.samples), (dysIterations, R.dysIterations)],
            [
                (smoothing, R.smoothing), (sigma, R.sigma), (lambda, R.lambda), (imleKappa, R.imleKappa),
                (temperature, R.temperature), (dysStepSize, R.dysStepSize), (pgWidth, R.pgWidth),
                (fwLambda, R.fwLambda),
            ])
    }

    /// Writes the given settings into `h`.
    func apply(to h: inout LossHyperparameters) {
        if let smoothing { h.smoothing = smoothing }
        if let sigma { h.sigma = sigma }
        if let samples { h.samples = samples }
        if let lambda { h.lambda = lambda }
        if let imleKappa { h.imleKappa = imleKappa }
        if let pgWidth { h.pgWidth = pgWidth }
        if let fwLambda { h.fwLambda = fwLambda }
        if let temperature { h.temperature = temperature }
        if let dysStepSize { h.dysStepSize = dysStepSize }
        if let dysIterations { h.dysIterations = dysIterations }
    }
}
