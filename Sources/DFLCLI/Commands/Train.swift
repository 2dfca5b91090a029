import DFLBenchmarks
import ArgumentParser
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
        abstract: "Train a cost predictor with a decision-focused loss.",
        discussion: """
            Built-in problems generate PyEPO-style data (`--problem shortest-path --grid 5x5 --deg 6 \
            --noise 0.5`); `--train-data/--test-data` read CSV files with columns x0..x{p-1}, c0..c{d-1} \
            for a built-in problem instead. Methods: \(LossRegistry.names.joined(separator: ", ")), and on a \
            smoothed layer: regret-qp, sqde-qp, sce-qp, spo+-qp, regret-dys, sqde-dys, sce-dys, spo+-dys, regret-norm, sqde-norm, sce-norm, spo+-norm.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var problemOptions: ProblemOptions

    @Option(help: "Loss / method name.") var method: String?
    @Option(help: "Epochs.") var epochs: Int?
    @Option(name: .customLong("batch-size"), help: "Mini-batch size.") var batchSize: Int?
    @Option(help: "Learning rate.") var lr: Double?
    @Option(help: "Optimizer: adam, adamw or sgd.") var optimizer: String?
    @Option(name: .customLong("solve-ratio"), help: "Probability of calling the solver instead of the solution pool.") var solveRatio: Double?
    @Option(help: "Predictor layout: dense (all features → all costs) or itemwise (one shared map per item; default for top-k).")
    var predictor: String?
    @Option(help: "Smoothing strength of the smoothed-layer methods (μ of the QP/DYS layer, τ of the norm layer).")
    var smoothing: Double?
    @Option(help: "Hidden layer sizes, comma-separated (empty: linear model).") var hidden: String?
    @Option(help: "A user's LP/MILP (MPS or LP file) whose objective coefficients are predicted; needs --train-data/--test-data.") var model: String?
    @Option(name: .customLong("train-data"), help: "Training CSV (x0.., c0..).") var trainData: String?
    @Option(name: .customLong("test-data"), help: "Test CSV (x0.., c0..).") var testData: String?
    @Option(help: "YAML or JSON file with training settings (flags override it).") var config: String?
    @Option(help: "Write the result JSON here.") var output: String?
    @Option(help: "Draw training loss and test regret per epoch as an SVG chart here.") var plot: String?
    @Option(help: "Checkpoint file: written every epoch; an existing one is resumed.") var checkpoint: String?
    @Option(name: .customLong("eval-every"), help: "Evaluate on the test set every N epochs.") var evalEvery: Int?
    @Option(help: "Stop after N evaluations without improvement.") var patience: Int?

    /// Creates the command.
    public init() {}

    /// The configuration this invocation would train with (for tests and `--dry-run` style checks).
    public func makeConfigurationForTesting() throws -> TrainingConfiguration { try makeConfiguration() }

    /// Builds the configuration: defaults, then the config file, then flags.
    func makeConfiguration() throws -> TrainingConfiguration {
        var c = TrainingConfiguration()
        if let config {
            let text: String
            do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
                throw ValidationError("cannot read --config \(config): \(error.localizedDescription)")
            }
            do {
                if config.hasSuffix(".json") {
                    c = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(text.utf8))
                } else {
                    c = try YAMLDecoder().decode(TrainingConfiguration.self, from: text)
                }
            } catch {
                throw ValidationError("--config \(config): \(error)")
            }
        }
        c.seed = global.seed
        c.threads = global.threads
        if let method { c.method = method }
        if let epochs { c.epochs = epochs }
        if let batchSize { c.batchSize = batchSize }
        if let lr { c.learningRate = lr }
        if let optimizer { c.optimizer = optimizer }
        if let solveRatio { c.solveRatio = solveRatio }
        if let predictor { c.predictor = predictor }
        if let smoothing { c.hyperparameters.smoothing = smoothing }
        if let hidden {
            let parts = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.allSatisfy({ $0 != nil }) else { throw ValidationError("--hidden must be comma-separated integers") }
            c.hiddenSizes = parts.compactMap { $0 }
        }
        if let checkpoint { c.checkpointPath = checkpoint }
        if let evalEvery { c.evaluateEvery = evalEvery }
        if let patience { c.earlyStoppingPatience = patience }
        try c.validate()
        return c
    }

    /// Runs the command.
    public func run() throws {
        do {
            var c = try makeConfiguration()
            let p = problemOptions
            if predictor == nil, config == nil, model == nil, case .topK = try problemOptions.builtin().value { c.predictor = "itemwise" }
            var oracle: DecisionOracle
            var train: Dataset, test: Dataset
            // The LP whose relaxation the smoothed methods (`sce-qp`, `spo+-dys`, …) smooth.
            var relaxation: (any LinearProgramRepresentable)?
            if let model {
                guard let trainData, let testData else {
                    throw ValidationError("--model needs --train-data and --test-data (columns x0.., c0..)")
                }
                let user = try UserModel(path: model)
                relaxation = user
                oracle = DecisionOracle(solver: MILPSolver<UserModel>(), problem: user, threads: c.threads)
                let d = oracle.costDimension
                if !global.quiet { writeStderr("\(user.name): \(d) variables, \(user.sense.rawValue); solving the labels with CBC…\n") }
                train = try DatasetCSV.read(path: trainData, expectedCostDimension: d).withSolutions(from: oracle)
                test = try DatasetCSV.read(path: testData, expectedCostDimension: d).withSolutions(from: oracle)
            } else if trainData != nil || testData != nil {
                let choice = try problemOptions.builtin()
                guard let trainData, let testData else {
                    throw ValidationError("--train-data and --test-data go together")
                }
                if case .knapsack = choice.value {
                    throw ValidationError("knapsack weights are not in the CSV files; use generated data for knapsack")
                }
                oracle = try choice.value.oracle(threads: c.threads)
                relaxation = try choice.value.relaxation(
                    train: 1, test: 1, features: p.features, degree: p.deg, noise: p.noise, seed: c.seed)
                let d = oracle.costDimension
                train = try DatasetCSV.read(path: trainData, expectedCostDimension: d).withSolutions(from: oracle)
                test = try DatasetCSV.read(path: testData, expectedCostDimension: d).withSolutions(from: oracle)
            } else {
                let choice = try problemOptions.builtin()
                if !global.quiet { writeStderr("generating \(p.train)+\(p.test) instances and solving them…\n") }
                (oracle, train, test) = try choice.value.makeData(
                    train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise,
                    seed: c.seed, threads: c.threads)
                relaxation = try choice.value.relaxation(
                    train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise, seed: c.seed)
            }
            oracle.threads = c.threads
            let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle, relaxation: relaxation)
            trainer.observer = TrainingProgress(enabled: !global.quiet).observer
            let result = try trainer.fit(train: train, test: test)
            print(Train.summary(result))
            if let output {
                let enc = JSONEncoder()
                enc.outputFormatting = [.prettyPrinted, .sortedKeys]
                try enc.encode(result).write(to: URL(fileURLWithPath: output), options: .atomic)
            }
            if let plot { try Train.chart(result).svg().write(toFile: plot, atomically: true, encoding: .utf8) }
        } catch let e as ValidationError {
            throw e
        } catch {
            throw CLIError(error)
        }
    }

    /// The summary table of a run.
    public static func summary(_ r: TrainingResult) -> String {
        var t = TextTable(header: ["method", "problem", "epochs", "test regret", "mean rel. regret", "untrained", "s/epoch"])
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
        chart.add(series: "test normalized regret", x: evaluated.map { Double($0.epoch) }, y: evaluated.map { $0.testNormalizedRegret! })
        return chart
    }
}

/// A library error surfaced by the CLI as a one-line message and exit code 1.
public struct CLIError: Error, CustomStringConvertible {
    /// The underlying error.
    public let underlying: any Error
    /// Wraps an error.
    public init(_ e: any Error) { underlying = e }
    /// The underlying error's description.
    public var description: String { "error: \(underlying)" }
}
