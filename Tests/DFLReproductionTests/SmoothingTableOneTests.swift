import DFLBenchmarks
import DFLData
import DFLOptimization
import DFLReproduction
import DFLTraining
import Foundation
import Testing

@Suite("Smoothing paper Table 1 runner")
struct SmoothingTableOneTests {
    private func tinySettings() -> SmoothingTableOne.Settings {
        var s = SmoothingTableOne.Settings()
        s.train = 24
        s.test = 16
        s.epochs = 1
        s.batchSize = 8
        s.seeds = [1]
        s.labels = ["SP (5×5)"]
        return s
    }

    private func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dflkit-table1-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test("every method of a row runs once, is appended to the CSV, and a rerun skips them all")
    func resumesFromCSV() throws {
        let path = temporaryPath("t1.csv")
        var lines: [String] = []
        let first = try SmoothingTableOne.run(tinySettings(), csvPath: path) { lines.append($0) }
        #expect(first.count == SmoothingTableOne.methods.count)
        #expect(Set(first.map(\.method)) == Set(SmoothingTableOne.methods))
        #expect(lines.count == SmoothingTableOne.methods.count)
        #expect(first.allSatisfy { $0.meanRelativeRegret.isFinite && $0.meanRelativeRegret >= 0 })
        let onDisk = try SmoothingTableOne.readResults(path, settings: tinySettings())
        #expect(onDisk == first)
        var rerunLines: [String] = []
        let second = try SmoothingTableOne.run(tinySettings(), csvPath: path) { rerunLines.append($0) }
        #expect(rerunLines.isEmpty)
        #expect(second == first)
        // A partially written file resumes with exactly the missing methods.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let kept = text.split(separator: "\n").dropLast(3).joined(separator: "\n") + "\n"
        try kept.write(toFile: path, atomically: true, encoding: .utf8)
        var resumed: [String] = []
        let third = try SmoothingTableOne.run(tinySettings(), csvPath: path) { resumed.append($0) }
        #expect(resumed.count == 3)
        #expect(third.count == SmoothingTableOne.methods.count)
        let md = try SmoothingTableOne.markdown(third)
        #expect(md.contains("SP (5×5)") && md.contains("0.302 ± 0.042"))
        #expect(SmoothingTableOne.charts(third).keys.sorted() == ["smoothing-table1-sp.svg"])
    }

    @Test("a CSV from other settings or a malformed line is a clear error")
    func rejectsForeignCSV() throws {
        let path = temporaryPath("t1.csv")
        _ = try SmoothingTableOne.run(tinySettings(), csvPath: path)
        var other = tinySettings()
        other.epochs = 2
        #expect(throws: TrainingError.self) { try SmoothingTableOne.readResults(path, settings: other) }
        try (try String(contentsOfFile: path, encoding: .utf8) + "\"SP (5×5)\",spo+,x,1,2,3\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try SmoothingTableOne.readResults(path, settings: tinySettings())
            Issue.record("a malformed line was accepted")
        } catch let TrainingError.invalidData(message) {
            #expect(message.contains("line \(SmoothingTableOne.methods.count + 3)"))
        }
    }

    @Test("the table holds the paper's twelve rows and seven columns")
    func paperTable() throws {
        #expect(SmoothingTableOne.benchmarks.count == 12)
        #expect(
            try SmoothingTableOne.benchmarks.allSatisfy {
                try SmoothingTableOne.paper(for: $0).count == SmoothingTableOne.methods.count
            })
        #expect(SmoothingTableOne.headers.count == SmoothingTableOne.methods.count)
        // The rows built from sizes are the paper's rows with the problems they always had.
        #expect(
            SmoothingTableOne.benchmarks.map(\.label) == [
                "Top-K (50)", "Top-K (80)", "Top-K (100)", "SP (5×5)", "SP (8×8)", "SP (10×10)", "KP (10)", "KP (20)",
                "KP (40)",
                "TSP (5)", "TSP (6)", "TSP (8)",
            ])
        #expect(
            SmoothingTableOne.benchmarks[6]
                == SmoothingBenchmark(
                    label: "KP (10)", family: "KP", size: 10,
                    problem: .knapsack(items: 10, dimensions: 2, capacity: 16.5), smoothing: 1))
        #expect(SmoothingTableOne.benchmarks[0].problem == .topK(items: 50, k: 1))
        #expect(
            SmoothingScaling.benchmarks.map(\.label) == [
                "SP (10×10)", "SP (15×15)", "SP (20×20)", "SP (25×25)", "SP (30×30)", "KP (30)", "KP (40)", "KP (50)",
                "KP (100)",
                "TSP (8)", "TSP (10)", "TSP (11)",
            ])
        #expect(SmoothingScaling.benchmarks[5].problem == .knapsack(items: 30, dimensions: 2, capacity: 49.5))
        #expect(SmoothingScaling.benchmarks[8].problem == .knapsack(items: 100, dimensions: 2, capacity: 165))
    }
}

@Suite("Top-K benchmark and the item-wise predictor")
struct TopKTrainingTests {
    @Test(
        "cubic Top-1: the item-wise linear model learns a positive slope with SPO+, MSE keeps the negative least-squares slope"
    )
    func itemwiseModel() throws {
        let problem = BuiltinProblem.topK(items: 20, k: 1)
        let (oracle, train, test) = try problem.makeData(
            train: 200, test: 100, features: 5, degree: 6, noise: 0.5, seed: 3, threads: 2)
        #expect(train.featureCount == 20 && train.costDimension == 20)
        #expect(problem.usesItemwisePredictor)
        var slopes: [String: Double] = [:], regrets: [String: Double] = [:]
        for method in ["two-stage", "spo+"] {
            var c = TrainingConfiguration()
            c.method = method
            c.predictor = "itemwise"
            c.epochs = 15
            c.learningRate = 0.05
            c.seed = 1
            let trainer = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
            #expect(trainer.featuresPerItem == 1)
            let r = try trainer.fit(train: train, test: test)
            // The learned map is ŷ = aφ + b for every item: read a from two predictions.
            let x0 = try Dataset(
                featureCount: 20, costDimension: 20, features: [Double](repeating: 0, count: 20),
                costs: [Double](repeating: 0, count: 20))
            let x1 = try Dataset(
                featureCount: 20, costDimension: 20, features: [Double](repeating: 1, count: 20),
                costs: [Double](repeating: 0, count: 20))
            let p0 = trainer.predict(x0).scalars, p1 = trainer.predict(x1).scalars
            #expect(Set(p0).count == 1 && Set(p1).count == 1, "one shared map for all items")
            slopes[method] = p1[0] - p0[0]
            regrets[method] = r.meanRelativeRegret
        }
        // Least squares of y = 10φ³ − 6.5φ on φ ~ U[−1, 1] has slope (10/5 − 6.5/3)·3 = −0.5.
        #expect(try #require(slopes["two-stage"]) < 0)
        #expect(try #require(slopes["spo+"]) > 0)
        #expect(try #require(regrets["spo+"]) < 0.5 * (try #require(regrets["two-stage"])))
    }

    @Test("the item-wise layout needs a whole number of features per item")
    func itemwiseRejectsBadFeatureCount() throws {
        let oracle = try BuiltinProblem.topK(items: 4, k: 1).oracle(threads: 1)
        var c = TrainingConfiguration()
        c.predictor = "itemwise"
        #expect(throws: TrainingError.self) { try Trainer(configuration: c, featureCount: 6, oracle: oracle) }
        c.predictor = "sparse"
        #expect(throws: TrainingError.self) { try c.validate() }
    }
}
