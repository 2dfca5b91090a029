import ArgumentParser
import DFLBenchmarks
import DFLCoinOR
import DFLData
import DFLLosses
import DFLOptimization
import DFLReport
import DFLTraining
import Dispatch
import Foundation

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
            \(DFLExitCode.helpLine)
            """)

    @OptionGroup var seed: SeedOption
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var progress: QuietFlag
    @OptionGroup var solverLog: VerboseFlag
    @OptionGroup(title: "Problem and generated data") var problemOptions: ProblemOptions
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Method hyper-parameters") var methodOptions: MethodOptions
    @OptionGroup(title: "Files") var files: TrainingFiles

    /// Creates the command.
    public init() {}

    /// Rules between options (each number's range is checked by its option group).
    public func validate() throws {
        try files.validate(problem: problemOptions.problem)
        if training.patience != nil, files.validation == nil, files.validationData == nil {
            throw ValidationError(
                "--patience needs a validation set (--validation FRACTION or --validation-data FILE): the test set is only reported, never used to choose"
            )
        }
        if let method = training.method, methodOptions.smoothing != nil, !method.isSmoothed {
            throw ValidationError(
                "--smoothing applies to the smoothed-layer methods (<loss>-qp, -dys, -norm), not to --method \(method.rawValue)"
            )
        }
    }

    /// The configuration this invocation would train with (for tests).
    public func makeConfigurationForTesting() throws -> TrainingConfiguration { try makeConfiguration() }

    /// Builds the configuration: the defaults, then the settings given (by flag or `--config` file,
    /// which ``DFLCommand/parse(_:)`` has turned into flags, explicit flags last).
    func makeConfiguration() throws -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.seed = seed.seed
        c.threads = threads.threads
        training.apply(to: &c)
        methodOptions.apply(to: &c.hyperparameters)
        c.checkpointPath = files.checkpoint
        if training.predictor == nil, files.model == nil, problemOptions.problem == .topK {
            c.predictor = PredictorChoice.itemwise.rawValue
        }
        try c.validate()
        return c
    }

    /// The memory the run will need before the data and the model are made (``MemoryBudget``).
    func memoryDemands(_ c: TrainingConfiguration, size: ProblemSize, instances: Int, features: Int) -> [MemoryDemand] {
        // A batch never holds more than the training instances (none known yet: count one).
        let batch = min(c.batchSize, max(instances, 1))
        var demands = [size.dataDemand(instances: instances, features: features)]
        demands += size.modelDemands(features: features, hidden: c.hiddenSizes, batch: batch)
        if LossRegistry.isSmoothed(c.method) {
            demands += size.smoothedLayerDemands(batch: batch, threads: c.threads)
        }
        demands.append(size.perturbationDemand(samples: c.hyperparameters.samples, batch: batch))
        return demands
    }

    /// Runs the command (without a recorded command line: ``DFLCommand`` calls ``run(arguments:)``).
    public func run() throws { try run(arguments: nil) }

    /// Runs the command; `arguments` (the command line after `dfl`, a `--config` file's settings
    /// inserted) are recorded in the result's provenance so that `dfl rerun` can repeat the run.
    /// - Returns: the result (also printed and written to `--output`).
    @discardableResult public func run(arguments: [String]?) throws -> TrainingResult {
        let start = DispatchTime.now().uptimeNanoseconds
        try files.checkAccess()
        let c = try makeConfiguration()
        // Fingerprints of the inputs as they are read (a rerun checks them).
        var fingerprints: [String: FileFingerprint] = [:]
        for (option, path) in files.inputs {
            fingerprints[String(option.dropFirst(2))] = try FileFingerprint.of(path, option: option)
        }
        let p = problemOptions
        var oracle: DecisionOracle
        var train: Dataset, test: Dataset
        // The LP whose relaxation the smoothed methods (`sce-qp`, `spo+-dys`, …) smooth.
        var relaxation: (any LinearProgramRepresentable)?
        var costNames: [String]?
        if let model = files.model, let trainData = files.trainData, let testData = files.testData {
            let user = try UserModel(path: model)
            relaxation = user
            oracle = DecisionOracle(solver: MILPSolver<UserModel>(), problem: user, threads: c.threads)
            let d = oracle.costDimension
            try MemoryBudget.require(
                memoryDemands(
                    c, size: ProblemSize(name: user.name, variables: d, constraints: 0), instances: 0, features: 0))
            progress.log("\(user.name): \(d) variables, \(user.sense.rawValue); solving the labels with CBC…")
            // Cost columns by position (c0, c1, …) or named after the model's variables (c_<name>).
            costNames = user.costColumnNames
            train = try DatasetCSV.read(path: trainData, costNames: user.costColumnNames).withSolutions(from: oracle)
            test = try DatasetCSV.read(path: testData, costNames: user.costColumnNames).withSolutions(from: oracle)
        } else if let trainData = files.trainData, let testData = files.testData {
            try MemoryBudget.require(memoryDemands(c, size: p.size, instances: 0, features: 0))
            oracle = try p.builtin.oracle(threads: c.threads)
            relaxation = try p.builtin.relaxation(
                train: 1, test: 1, features: p.features, degree: p.deg, noise: p.noise, seed: c.seed)
            let d = oracle.costDimension
            train = try DatasetCSV.read(path: trainData, expectedCostDimension: d).withSolutions(from: oracle)
            test = try DatasetCSV.read(path: testData, expectedCostDimension: d).withSolutions(from: oracle)
        } else {
            try MemoryBudget.require(
                memoryDemands(
                    c, size: p.size, instances: MemoryBudget.sum(p.train, p.test), features: p.generatedFeatures))
            progress.log("generating \(p.train)+\(p.test) instances and solving them…")
            (oracle, train, test) = try p.builtin.makeData(
                train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise,
                seed: c.seed, threads: c.threads)
            relaxation = try p.builtin.relaxation(
                train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise, seed: c.seed)
        }
        oracle.threads = c.threads
        if files.model != nil || files.trainData != nil {
            try MemoryBudget.require(
                memoryDemands(
                    c, size: ProblemSize(name: oracle.name, variables: oracle.costDimension, constraints: 0),
                    instances: MemoryBudget.sum(train.count, test.count), features: train.featureCount))
        }
        var validation: Dataset?
        if let path = files.validationData {
            validation = try
                (costNames.map { try DatasetCSV.read(path: path, costNames: $0) }
                ?? DatasetCSV.read(path: path, expectedCostDimension: oracle.costDimension))
                .withSolutions(from: oracle)
        } else if let fraction = files.validation {
            // A seeded random part of the training set, held out before training.
            let held = max(1, Int((Double(train.count) * fraction).rounded()))
            guard held < train.count else {
                throw CommandFailure(.usage, "--validation \(fraction) leaves no training instances of \(train.count)")
            }
            let parts = try train.split(
                trainCount: train.count - held, testCount: 0, validationCount: held, seed: c.seed &+ 0x5EED)
            (train, validation) = (parts.train, parts.validation)
        }
        let dataSeconds = secondsSince(start)
        let trainer = try Trainer(
            configuration: c, featureCount: train.featureCount, oracle: oracle, relaxation: relaxation)
        trainer.observer = TrainingProgress(enabled: !progress.quiet).observer
        var result = try trainer.fit(train: train, validation: validation, test: test)
        let problem = ProblemReference(
            name: oracle.name, sense: oracle.sense, costDimension: oracle.costDimension,
            builtin: files.model == nil ? problemSettings : nil, modelFile: fingerprints["model"])
        if let path = files.saveModel {
            try OutputFile.write(
                try trainer.savedModel(problem: problem, result: result).encoded(), to: path, option: "--save-model")
        }
        result.provenance = RunProvenance(
            gitCommit: BuildInfo.gitCommit, arguments: Train.recordable(arguments ?? []),
            workingDirectory: FileManager.default.currentDirectoryPath, files: fingerprints,
            problemSettings: files.model == nil ? problemSettings : ["model": files.model ?? ""])
        result.timing?.dataSeconds = dataSeconds
        result.timing?.wallSeconds = secondsSince(start)
        try StandardOutput.print(Train.summary(result))
        if let output = files.output {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFile.write(enc.encode(result), to: output, option: "--output")
        }
        if let plot = files.plot { try OutputFile.write(Train.chart(result).svg(), to: plot, option: "--plot") }
        return result
    }

    /// The built-in problem's settings by flag name: what rebuilds it (sizes, and for knapsack the
    /// generator whose weights it shares), as resolved.
    var problemSettings: [String: String] {
        let p = problemOptions
        var settings = ["problem": p.problem.rawValue]
        switch p.problem {
        case .shortestPath: settings["grid"] = "\(p.grid.rows)x\(p.grid.columns)"
        case .tsp: settings["nodes"] = "\(p.nodes)"
        case .topK: (settings["items"], settings["k"]) = ("\(p.items)", "\(p.k)")
        case .knapsack:
            (settings["items"], settings["dims"], settings["capacity"]) = ("\(p.items)", "\(p.dims)", "\(p.capacity)")
        }
        if files.trainData == nil || p.problem == .knapsack {
            for (key, value) in [
                ("deg", "\(p.deg)"), ("noise", "\(p.noise)"), ("features", "\(p.features)"), ("train", "\(p.train)"),
                ("test", "\(p.test)"), ("seed", "\(seed.seed)"),
            ] { settings[key] = value }
        }
        return settings
    }

    /// `arguments` without the outputs and the `--config` file (whose settings are already in them).
    static func recordable(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
                continue
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard TrainingFiles.outputOptions.contains(name) || name == "--config" else {
                kept.append(argument)
                continue
            }
            skipNext = !argument.contains("=")
        }
        return kept
    }

    /// The summary table of a run: regrets, then where the time went (training per epoch with its
    /// solver calls, the solver calls alone, evaluation, data and labelling, and the wall time).
    public static func summary(_ r: TrainingResult) -> String {
        var t = TextTable(header: [
            "method", "problem", "epochs", "test regret", "mean rel. regret", "untrained", "s/epoch", "solver s",
            "eval s", "data s", "wall s",
        ])
        let timing = r.timing
        func seconds(_ value: Double?) -> String { value.map { formatFixed($0, digits: 3) } ?? "-" }
        t.add(row: [
            r.method, r.problem, "\(r.epochs)", formatFixed(r.normalizedRegret, digits: 4),
            formatFixed(r.meanRelativeRegret, digits: 4), formatFixed(r.initialNormalizedRegret, digits: 4),
            formatFixed(r.secondsPerEpoch, digits: 4), seconds(timing?.trainingSolverSeconds),
            seconds(timing?.evaluationSeconds), seconds(timing?.dataSeconds), seconds(timing?.wallSeconds),
        ])
        return t.render()
    }
}
