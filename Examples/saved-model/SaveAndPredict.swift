// Train, save, load and predict from Swift: the library side of `dfl train --save-model` and
// `dfl predict`.
//
// A linear model is trained with SPO+ on PyEPO's 3×3 shortest path, saved as a `.dflmodel` file,
// read back, and used on instances it has not seen: the loaded model predicts exactly the costs
// the trained one does, and its decisions are scored with the one metrics path of DFLMetrics.
//
// Run: swift run SaveAndPredict [path/to/model.dflmodel]
import DFLKit
import Foundation

@main
struct SaveAndPredict {
    static func main() throws {
        let path =
            CommandLine.arguments.dropFirst().first
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("shortest-path-3x3.dflmodel").path

        // The problem and its data: 300 generated instances, labelled with the exact solver.
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        let oracle = DecisionOracle(solver: ShortestPathGridSolver(), problem: grid, threads: 2)
        let data = try ShortestPathGenerator(
            rows: 3, columns: 3, sampleCount: 300, featureCount: 5, degree: 4, noiseWidth: 0.5
        ).generate(seed: 7).dataset.withSolutions(from: oracle)
        let parts = try data.split(trainCount: 200, testCount: 100, seed: 1)

        // 1. Train.
        var configuration = TrainingConfiguration()
        configuration.method = "spo+"
        configuration.epochs = 5
        let trainer = try Trainer(configuration: configuration, featureCount: data.featureCount, oracle: oracle)
        let result = try trainer.fit(train: parts.train, test: parts.test)

        // 2. Save: architecture, weights, the problem it belongs to, the settings.
        let problem = ProblemReference(
            name: grid.name, sense: grid.sense, costDimension: grid.costDimension,
            builtin: ["problem": "shortest-path", "grid": "3x3"])
        try trainer.savedModel(problem: problem, result: result).write(to: path)

        // 3. Load (the format, its version and the weights' shapes are checked).
        let loaded = try SavedModel.read(from: path)

        // 4. Predict, and solve with the predictions.
        let test = parts.test
        let costs = try loaded.predict(features: test.features, count: test.count)
        let same = costs == trainer.predict(test).scalars
        let report = try DecisionMetrics.evaluate(
            solver: ShortestPathGridSolver(), problem: grid, predictedCosts: costs, trueCosts: test.costs,
            optimalObjectives: test.objectives, optimalDecisions: test.solutions, threads: 2)

        print(
            "saved \(path): \(loaded.architecture.layout) \(loaded.architecture.featureCount) → \(loaded.architecture.costDimension), \(loaded.method)"
        )
        print("loaded model predicts the trained model's costs: \(same)")
        print(
            "decision accuracy \(String(format: "%.3f", report.decisionAccuracy ?? 0))"
                + ", cost MSE \(String(format: "%.3f", report.costMSE))")
        print(
            "test regret \(String(format: "%.3f", report.normalizedRegret))"
                + " (untrained \(String(format: "%.3f", result.initialNormalizedRegret)))")
    }
}
