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

    @Test(
        "every method of a row runs once, and each cell run alone (as a plan's worker runs it) gives the same numbers")
    func cellsMatchTheInProcessRun() throws {
        var lines: [String] = []
        let all = try SmoothingTableOne.run(tinySettings()) { lines.append($0) }
        #expect(all.count == SmoothingTableOne.methods.count)
        #expect(all.map(\.method) == SmoothingTableOne.methods)
        #expect(lines.count == SmoothingTableOne.methods.count)
        #expect(all.allSatisfy { $0.meanRelativeRegret.isFinite && $0.meanRelativeRegret >= 0 })
        var settings = tinySettings().planSettings
        settings.merge(["part": "table1", "row": "SP (5×5)", "seed": "1"]) { $1 }
        for k in [0, 2, 6] {
            settings["column"] = SmoothingTableOne.methods[k]
            let cell = try ReproductionCell.run(.smoothing, settings: settings, threads: 2)
            let r = ReproductionCell.smoothingResult(cell, seed: 1)
            #expect(r.benchmark == all[k].benchmark && r.method == all[k].method)
            #expect(r.meanRelativeRegret == all[k].meanRelativeRegret && r.normalizedRegret == all[k].normalizedRegret)
        }
        let md = try SmoothingTableOne.markdown(all)
        #expect(md.contains("SP (5×5)") && md.contains("0.302 ± 0.042"))
        #expect(SmoothingTableOne.charts(all).keys.sorted() == ["smoothing-table1-sp.svg"])
    }

    @Test("a plan's settings give back the sizes; an unknown row, column or a bad number is a clear error")
    func planSettings() throws {
        let s = tinySettings()
        var back = try SmoothingTableOne.Settings(planSettings: s.planSettings)
        back.seeds = s.seeds
        back.labels = s.labels
        #expect(back == s)
        var settings = s.planSettings.merging(["part": "table1", "row": "SP (5×5)", "seed": "1", "column": "spo+"]) {
            $1
        }
        for (key, value, name) in [
            ("row", "SP (4×4)", "row"), ("column", "bogus", "column"), ("epochs", "x", "epochs"),
            ("part", "t3", "part"),
        ] {
            var bad = settings
            bad[key] = value
            do {
                _ = try ReproductionCell.run(.smoothing, settings: bad, threads: 1)
                Issue.record("\(key) = \(value) was accepted")
            } catch BenchmarkError.invalidArgument(let n, _) {
                #expect(n == name)
            }
        }
        settings["seed"] = nil
        #expect(throws: BenchmarkError.self) { try ReproductionCell.run(.smoothing, settings: settings, threads: 1) }
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
