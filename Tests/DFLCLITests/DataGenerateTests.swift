import DFLBenchmarks
import DFLCLI
import DFLData
import DFLModelFormats
import DFLOptimization
import DFLTestSupport
import Foundation
import Testing

/// `dfl data generate`, run as the built binary: the files read back to the numbers of the
/// in-memory generator, their optimal decisions are optimal (brute force over every 0/1 vector),
/// the sidecar records the settings and the seed, and `dfl train` trains on the files.
@Suite struct DataGenerateTests {
    /// A fresh folder, removed by the caller.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "dflkit-datagen-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Reads the train and test files of `dir` with their solution files.
    static func readBack(_ dir: String) throws -> (train: Dataset, test: Dataset) {
        (
            try DatasetCSV.read(path: dir + "/train.csv", solutionsPath: dir + "/train_opt.csv"),
            try DatasetCSV.read(path: dir + "/test.csv", solutionsPath: dir + "/test_opt.csv")
        )
    }

    /// Features, costs, decisions and objectives are the same numbers, bit for bit.
    static func expectSame(_ read: Dataset, _ memory: Dataset, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(read.count == memory.count, sourceLocation: sourceLocation)
        #expect(read.features == memory.features, sourceLocation: sourceLocation)
        #expect(read.costs == memory.costs, sourceLocation: sourceLocation)
        #expect(read.solutions == memory.solutions, sourceLocation: sourceLocation)
        #expect(read.objectives == memory.objectives, sourceLocation: sourceLocation)
    }

    /// Every row's decision and objective against the brute-force optimum of `program(costs)`.
    static func expectOptimal(
        _ data: Dataset, program: ([Double]) -> MixedIntegerProgram, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        for i in 0..<data.count {
            let costs = Array(data.costs(at: i))
            let best = try #require(bruteForceBinary(program(costs)), sourceLocation: sourceLocation)
            let z = try #require(data.objectives?[i], sourceLocation: sourceLocation)
            let w = try #require(data.solution(at: i), sourceLocation: sourceLocation)
            // Costs are small integers or sums of a few doubles: both objectives are sums of the same
            // d terms, so they agree to rounding (d · ulp), far inside 1e-9 · (1 + |z|).
            #expect(abs(best.objective - z) <= 1e-9 * (1 + abs(z)), "row \(i)", sourceLocation: sourceLocation)
            #expect(abs(zip(costs, w).map(*).reduce(0, +) - z) <= 1e-9 * (1 + abs(z)), sourceLocation: sourceLocation)
        }
    }

    @Test func shortestPathFilesReadBackToTheGeneratorAndHoldOptimalPaths() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try BuiltBinaryTests.dfl([
            "data", "generate", "--problem", "shortest-path", "--grid", "3x3", "--train", "12", "--test", "5",
            "--features", "4", "--deg", "2", "--noise", "0.5", "--seed", "7", "--out", dir,
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let (train, test) = try Self.readBack(dir)
        let memory = try BuiltinProblem.shortestPath(rows: 3, columns: 3).makeData(
            train: 12, test: 5, features: 4, degree: 2, noise: 0.5, seed: 7, threads: 1)
        Self.expectSame(train, memory.train)
        Self.expectSame(test, memory.test)
        // 12 arcs: 4096 vectors per instance.
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        try Self.expectOptimal(train, program: { grid.asMILP(costs: $0) })
        try Self.expectOptimal(test, program: { grid.asMILP(costs: $0) })

        let sidecar = try JSONDecoder().decode(
            DFLCLI.DataGenerate.Sidecar.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/generator.json")))
        #expect(sidecar.settings["seed"] == "7" && sidecar.settings["grid"] == "3x3" && sidecar.settings["deg"] == "2")
        #expect(sidecar.settings["noise"] == "0.5" && sidecar.settings["features"] == "4")
        #expect(sidecar.featureCount == 4 && sidecar.costDimension == 12)

        // The files are what `dfl train --train-data/--test-data` reads.
        let trained = try BuiltBinaryTests.dfl([
            "train", "--problem", "shortest-path", "--grid", "3x3", "--train-data", dir + "/train.csv", "--test-data",
            dir + "/test.csv", "--epochs", "1", "--quiet",
        ])
        #expect(trained.status == 0 && trained.standardError.isEmpty, "\(trained.standardError)")
    }

    @Test func knapsackFilesComeWithTheirModelAndTrainThroughIt() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try BuiltBinaryTests.dfl([
            "data", "generate", "--problem", "knapsack", "--items", "10", "--dims", "2", "--capacity", "12",
            "--train", "6", "--test", "4", "--seed", "3", "--out", dir,
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let (train, test) = try Self.readBack(dir)
        let memory = try BuiltinProblem.knapsack(items: 10, dimensions: 2, capacity: 12).makeData(
            train: 6, test: 4, features: 5, degree: 6, noise: 0.5, seed: 3, threads: 1)
        Self.expectSame(train, memory.train)
        Self.expectSame(test, memory.test)
        // The weights travel in model.mps (maximize): brute force over its 1024 0/1 vectors.
        let model = try ModelFileReader.read(dir + "/model.mps")
        #expect(model.sense == .maximize && model.variableCount == 10)
        let program = { (costs: [Double]) -> MixedIntegerProgram in
            var p = model
            p.objective = costs
            return p
        }
        try Self.expectOptimal(train, program: program)
        try Self.expectOptimal(test, program: program)

        // `dfl train --model` trains on them through CBC; nothing of CBC's reaches the output.
        let trained = try BuiltBinaryTests.dfl([
            "train", "--model", dir + "/model.mps", "--train-data", dir + "/train.csv", "--test-data",
            dir + "/test.csv", "--epochs", "1", "--quiet",
        ])
        #expect(trained.status == 0 && trained.standardError.isEmpty, "\(trained.standardError)")
        #expect(trained.standardOutput.split(separator: "\n").count == 3, "\(trained.standardOutput)")
    }

    @Test func anUnwritableFolderFailsBeforeAnyWork() throws {
        let run = try BuiltBinaryTests.dfl(["data", "generate", "--out", "/proc/dflkit-cannot-create"])
        #expect(run.status == 73 && run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
    }
}
