import ArgumentParser
import DFLBenchmarks
import DFLCoinOR
import DFLData
import DFLLosses
import DFLOptimization
import DFLReport
import DFLTraining
import Foundation
import Yams

/// `dfl train`: train one predictor with one method and print a summary table.
public struct Train: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a cost predictor with a decision-focused loss.",
        discussion: """
            Built-in problems generate PyEPO-style data (--problem shortest-path --grid 5x5 --deg 6 \
            --noise 0.5); --train-data/--test-data read CSV files with columns x0..x{p-1}, c0..c{d-1} \
            for a built-in problem instead, and --model trains on a user's LP/MILP. Methods that call \
            the exact solver: \(LossRegistry.exactSolverNames.joined(separator: ", ")); methods on a \
            smoothed layer of the LP relaxation (strength --smoothing): \
            \(LossRegistry.smoothedNames.joined(separator: ", ")).
            """)

    @OptionGroup var seed: SeedOption
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var progress: QuietFlag
    @OptionGroup(title: "Problem and generated data") var problemOptions: ProblemOptions

    @Option(help: "Training method (default spo+).") var method: MethodChoice?
    @Option(help: "Epochs, ≥ 1 (default 10).") var epochs: Int?
    @Option(name: .customLong("batch-size"), help: "Mini-batch size, ≥ 1 (default 32).") var batchSize: Int?
    @Option(help: "Learning rate, > 0 (default 0.01).") var lr: Double?
    @Option(help: "Optimizer (default adam).") var optimizer: OptimizerChoice?
    @Option(
        name: .customLong("solve-ratio"),
        help: "Probability in [0, 1] of calling the solver instead of the solution pool (default 1).")
    var solveRatio: Double?
    @Option(
        help:
            "Predictor layout: dense (all features → all costs) or itemwise (one shared map per item; default for top-k)."
    )
    var predictor: PredictorChoice?
    @Option(
        help:
            "Smoothing strength > 0 of the smoothed-layer methods (μ of the QP/DYS layer, τ of the norm layer; default 1)."
    )
    var smoothing: Double?
    @Option(help: "Hidden layer sizes, comma-separated (empty: linear model).") var hidden: HiddenSizes?
    @Option(
        help:
            "A user's LP/MILP (MPS or LP file) whose objective coefficients are predicted; needs --train-data and --test-data.",
        completion: .file(extensions: ["mps", "lp"]))
    var model: String?
    @Option(
        name: .customLong("train-data"), help: "Training CSV (x0.., c0..); needs --test-data.",
        completion: .file(extensions: ["csv"]))
    var trainData: String?
    @Option(
        name: .customLong("test-data"), help: "Test CSV (x0.., c0..); needs --train-data.",
        completion: .file(extensions: ["csv"]))
    var testData: String?
    @Option(
        help: "YAML or JSON file with training settings (flags override it).",
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var config: String?
    @Option(help: "Write the result JSON here.") var output: String?
    @Option(help: "Draw training loss and test regret per epoch as an SVG chart here.") var plot: String?
    @Option(help: "Checkpoint file: written every epoch; an existing one is resumed.") var checkpoint: String?
    @Option(name: .customLong("eval-every"), help: "Evaluate on the test set every N ≥ 1 epochs (default 1).")
    var evalEvery: Int?
    @Option(help: "Stop after N ≥ 1 evaluations without improvement.") var patience: Int?

    /// Creates the command.
    public init() {}

    /// Rules between options and ranges of numbers, checked before any work.
    public func validate() throws {
        func require(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw ValidationError(message()) }
        }
        if model != nil {
            try require(
                trainData != nil && testData != nil, "--model needs --train-data and --test-data (columns x0.., c0..)")
        } else {
            try require((trainData == nil) == (testData == nil), "--train-data and --test-data go together")
            try require(
                trainData == nil || problemOptions.problem != .knapsack,
                "knapsack weights are not in the CSV files; use generated data for knapsack")
        }
        if let method, smoothing != nil {
            try require(
                method.isSmoothed,
                "--smoothing applies to the smoothed-layer methods (<loss>-qp, -dys, -norm), not to --method \(method.rawValue)"
            )
        }
        if let epochs { try require(epochs >= 1, "--epochs must be ≥ 1 (got \(epochs))") }
        if let batchSize { try require(batchSize >= 1, "--batch-size must be ≥ 1 (got \(batchSize))") }
        if let lr { try require(lr > 0 && lr.isFinite, "--lr must be > 0 (got \(lr))") }
        if let solveRatio {
            try require((0...1).contains(solveRatio), "--solve-ratio must be in [0, 1] (got \(solveRatio))")
        }
        if let smoothing {
            try require(smoothing > 0 && smoothing.isFinite, "--smoothing must be > 0 (got \(smoothing))")
        }
        if let hidden {
            try require(hidden.sizes.allSatisfy { $0 >= 1 }, "--hidden sizes must be ≥ 1 (got \(hidden.sizes))")
        }
        if let evalEvery { try require(evalEvery >= 1, "--eval-every must be ≥ 1 (got \(evalEvery))") }
        if let patience { try require(patience >= 1, "--patience must be ≥ 1 (got \(patience))") }
    }

    /// The configuration this invocation would train with (for tests).
    public func makeConfigurationForTesting() throws -> TrainingConfiguration { try makeConfiguration() }

    /// Builds the configuration: defaults, then the config file, then flags.
    func makeConfiguration() throws -> TrainingConfiguration {
        var c = TrainingConfiguration()
        if let config {
            let text = try InputFile.read(config, option: "--config")
            do {
                if config.hasSuffix(".json") {
                    c = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(text.utf8))
                } else {
                    c = try YAMLDecoder().decode(TrainingConfiguration.self, from: text)
                }
            } catch {
                throw CommandFailure(.dataError, "--config \(config): \(error)")
            }
        }
        c.seed = seed.seed
        c.threads = threads.threads
        if let method { c.method = method.rawValue }
        if let epochs { c.epochs = epochs }
        if let batchSize { c.batchSize = batchSize }
        if let lr { c.learningRate = lr }
        if let optimizer { c.optimizer = optimizer.rawValue }
        if let solveRatio { c.solveRatio = solveRatio }
        if let predictor { c.predictor = predictor.rawValue }
        if let smoothing { c.hyperparameters.smoothing = smoothing }
        if let hidden { c.hiddenSizes = hidden.sizes }
        if let checkpoint { c.checkpointPath = checkpoint }
        if let evalEvery { c.evaluateEvery = evalEvery }
        if let patience { c.earlyStoppingPatience = patience }
        try c.validate()
        return c
    }

    /// Runs the command.
    public func run() throws {
        for (path, option) in [
            (model, "--model"), (trainData, "--train-data"), (testData, "--test-data"), (config, "--config"),
        ] {
            if let path { try InputFile.requireExists(path, option: option) }
        }
        var c = try makeConfiguration()
        let p = problemOptions
        if predictor == nil, config == nil, model == nil, case .topK = p.builtin {
            c.predictor = PredictorChoice.itemwise.rawValue
        }
        var oracle: DecisionOracle
        var train: Dataset, test: Dataset
        // The LP whose relaxation the smoothed methods (`sce-qp`, `spo+-dys`, …) smooth.
        var relaxation: (any LinearProgramRepresentable)?
        if let model, let trainData, let testData {
            let user = try UserModel(path: model)
            relaxation = user
            oracle = DecisionOracle(solver: MILPSolver<UserModel>(), problem: user, threads: c.threads)
            let d = oracle.costDimension
            progress.log("\(user.name): \(d) variables, \(user.sense.rawValue); solving the labels with CBC…")
            train = try DatasetCSV.read(path: trainData, expectedCostDimension: d).withSolutions(from: oracle)
            test = try DatasetCSV.read(path: testData, expectedCostDimension: d).withSolutions(from: oracle)
        } else if let trainData, let testData {
            oracle = try p.builtin.oracle(threads: c.threads)
            relaxation = try p.builtin.relaxation(
                train: 1, test: 1, features: p.features, degree: p.deg, noise: p.noise, seed: c.seed)
            let d = oracle.costDimension
            train = try DatasetCSV.read(path: trainData, expectedCostDimension: d).withSolutions(from: oracle)
            test = try DatasetCSV.read(path: testData, expectedCostDimension: d).withSolutions(from: oracle)
        } else {
            progress.log("generating \(p.train)+\(p.test) instances and solving them…")
            (oracle, train, test) = try p.builtin.makeData(
                train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise,
                seed: c.seed, threads: c.threads)
            relaxation = try p.builtin.relaxation(
                train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise, seed: c.seed)
        }
        oracle.threads = c.threads
        let trainer = try Trainer(
            configuration: c, featureCount: train.featureCount, oracle: oracle, relaxation: relaxation)
        trainer.observer = TrainingProgress(enabled: !progress.quiet).observer
        let result = try trainer.fit(train: train, test: test)
        print(Train.summary(result))
        if let output {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFile.write(enc.encode(result), to: output, option: "--output")
        }
        if let plot { try OutputFile.write(Train.chart(result).svg(), to: plot, option: "--plot") }
    }

    /// The summary table of a run.
    public static func summary(_ r: TrainingResult) -> String {
        var t = TextTable(header: [
            "method", "problem", "epochs", "test regret", "mean rel. regret", "untrained", "s/epoch",
        ])
        t.add(row: [
            r.method, r.problem, "\(r.epochs)", formatFixed(r.normalizedRegret, digits: 4),
            formatFixed(r.meanRelativeRegret, digits: 4), formatFixed(r.initialNormalizedRegret, digits: 4),
            formatFixed(r.secondsPerEpoch, digits: 4),
        ])
        return t.render()
    }

    /// Training loss and test regret per epoch.
    public static func chart(_ r: TrainingResult) -> SVGLineChart {
        var chart = SVGLineChart(title: "\(r.method) on \(r.problem)", xLabel: "epoch", yLabel: "value")
        let epochs = r.history.map { Double($0.epoch) }
        chart.add(series: "train loss", x: epochs, y: r.history.map(\.trainLoss))
        let evaluated = r.history.filter { $0.testNormalizedRegret != nil }
        chart.add(
            series: "test normalized regret", x: evaluated.map { Double($0.epoch) },
            y: evaluated.map { $0.testNormalizedRegret! })
        return chart
    }
}
