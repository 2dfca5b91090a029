import ArgumentParser
import DFLBenchmarks
import DFLData
import DFLModelFormats
import Foundation

/// `dfl data`: data sets on disk.
public struct DataCommand: ParsableCommand {
    /// Command configuration: `generate`.
    public static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Generate data sets as PyEPO-style CSV files.", subcommands: [DataGenerate.self])

    /// Creates the command.
    public init() {}
}

/// `dfl data generate --problem … --out DIR`: PyEPO's `genData` to CSV files, labelled by the exact
/// solver, with the generator's settings in a sidecar JSON.
public struct DataGenerate: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated data set (features, costs, optimal decisions and objectives) as CSV files.",
        discussion: """
            Writes DIR/train.csv and DIR/test.csv (x0..x{p-1}, c0..c{d-1}), DIR/train_opt.csv and \
            DIR/test_opt.csv (z, w0..w{d-1}: optimal objective and decision, by the exact solver), \
            and DIR/generator.json (the settings, the seed and the files). These are the instances \
            `dfl train` generates with the same flags and seed (the first --train rows train, the \
            rest test). Knapsack weights are not in the CSV files: DIR/model.mps holds the knapsack, \
            to train with --model DIR/model.mps.
            \(DFLExitCode.helpLine)
            """)

    @OptionGroup var seed: SeedOption
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var solverLog: VerboseFlag
    @OptionGroup(title: "Problem and generated data") var problemOptions: ProblemOptions
    @Option(help: "The folder to write (created if missing).", completion: .directory) var out: String

    /// Creates the command.
    public init() {}

    /// The settings a generated data set records in `generator.json`.
    public struct Sidecar: Codable, Equatable, Sendable {
        /// The DFLKit version that wrote it.
        public var dflkit: String
        /// The generator's settings under `dfl train`'s flag names (problem, sizes, deg, noise,
        /// features, train, test, seed).
        public var settings: [String: String]
        /// Features per instance `p` and costs per instance `d`.
        public var featureCount: Int, costDimension: Int
        /// The files written, by role (`train`, `trainSolutions`, `test`, `testSolutions`, `model`).
        public var files: [String: String]
        /// A `dfl train` command that trains on these files.
        public var trainCommand: String
    }

    /// File names inside the folder.
    static let trainFile = "train.csv", trainSolutionsFile = "train_opt.csv"
    static let testFile = "test.csv", testSolutionsFile = "test_opt.csv"
    static let sidecarFile = "generator.json", modelFile = "model.mps"

    /// Generates, labels and writes the data set.
    public func run() throws {
        let p = problemOptions
        try OutputFile.requireWritableDirectory(out, option: "--out")
        let path = { (name: String) in (out as NSString).appendingPathComponent(name) }
        var files = [
            "train": Self.trainFile, "trainSolutions": Self.trainSolutionsFile, "test": Self.testFile,
            "testSolutions": Self.testSolutionsFile,
        ]
        if p.problem == .knapsack { files["model"] = Self.modelFile }
        for name in files.values + [Self.sidecarFile] { try OutputFile.requireWritable(path(name), option: "--out") }
        try MemoryBudget.require([
            p.size.dataDemand(instances: MemoryBudget.sum(p.train, p.test), features: p.generatedFeatures)
        ])
        let (oracle, train, test) = try p.builtin.makeData(
            train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise, seed: seed.seed,
            threads: threads.threads)
        try OutputFile.write(DatasetCSV.dataText(train), to: path(Self.trainFile), option: "--out")
        try OutputFile.write(try DatasetCSV.solutionsText(train), to: path(Self.trainSolutionsFile), option: "--out")
        try OutputFile.write(DatasetCSV.dataText(test), to: path(Self.testFile), option: "--out")
        try OutputFile.write(try DatasetCSV.solutionsText(test), to: path(Self.testSolutionsFile), option: "--out")
        var command = "dfl train "
        if p.problem == .knapsack {
            let knapsack = try p.builtin.relaxation(
                train: p.train, test: p.test, features: p.features, degree: p.deg, noise: p.noise, seed: seed.seed)
            let text = MPSWriter.text(knapsack.asMILP(costs: nil), name: "KNAPSACK")
            try OutputFile.write(text, to: path(Self.modelFile), option: "--out")
            command += "--model \(path(Self.modelFile))"
        } else {
            command += settingFlags(["problem"] + sizeKeys).joined(separator: " ")
        }
        command += " --train-data \(path(Self.trainFile)) --test-data \(path(Self.testFile))"
        let sidecar = Sidecar(
            dflkit: DFLCommand.configuration.version, settings: settings, featureCount: train.featureCount,
            costDimension: oracle.costDimension, files: files, trainCommand: command)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try OutputFile.write(try encoder.encode(sidecar), to: path(Self.sidecarFile), option: "--out")
        try StandardOutput.print(
            "\(oracle.name): \(train.count) training and \(test.count) test instances, \(train.featureCount) features, "
                + "\(oracle.costDimension) costs, written to \(out)\ntrain on them: \(command)")
    }

    /// The size flags of the chosen problem.
    var sizeKeys: [String] {
        switch problemOptions.problem {
        case .shortestPath: return ["grid"]
        case .knapsack: return ["items", "dims", "capacity"]
        case .tsp: return ["nodes"]
        case .topK: return ["items", "k"]
        }
    }

    /// Every setting that shaped the data, under its flag name.
    var settings: [String: String] {
        let p = problemOptions
        var all: [String: String] = [
            "problem": p.problem.rawValue, "grid": "\(p.grid.rows)x\(p.grid.columns)", "items": "\(p.items)",
            "dims": "\(p.dims)", "capacity": "\(p.capacity)", "nodes": "\(p.nodes)", "k": "\(p.k)",
            "train": "\(p.train)", "test": "\(p.test)", "seed": "\(seed.seed)",
        ]
        // Top-K's cubic generator has one feature per item and no degree or noise.
        if p.problem != .topK {
            all.merge(["deg": "\(p.deg)", "noise": "\(p.noise)", "features": "\(p.features)"]) { $1 }
        }
        let kept = Set(["problem", "train", "test", "seed", "deg", "noise", "features"] + sizeKeys)
        return all.filter { kept.contains($0.key) }
    }

    /// `--key value` for each of `keys`.
    func settingFlags(_ keys: [String]) -> [String] {
        let s = settings
        return keys.compactMap { key in s[key].map { "--\(key) \($0)" } }
    }
}
