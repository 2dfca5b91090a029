// A user's MILP, written in an MPS file, trained with SPO+ from Swift through `import DFLKit`.
//
// projects.mps chooses which of six projects to fund under two budgets; its objective
// coefficients (the projects' values) are unknown when the choice is made and are predicted from
// three features. projects.csv holds 120 past cases: features x0..x2 and the values c0..c5 that
// were observed. CBC (through DFLCoinOR) solves every model instance exactly.
//
// Run: swift run MPSModel [path/to/model.mps path/to/data.csv]
import DFLKit
import Foundation

@main
struct MPSModel {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        let modelPath = try arguments.first ?? resource("projects", "mps")
        let dataPath = try arguments.dropFirst().first ?? resource("projects", "csv")

        // The model: every variable's objective coefficient becomes a predicted cost.
        let model = try UserModel(path: modelPath)
        let solver = MILPSolver<UserModel>()
        let oracle = DecisionOracle(solver: solver, problem: model, threads: 2)

        // The data: one row per case, labelled with the optimal decision under the true values.
        let data = try DatasetCSV.read(path: dataPath, expectedCostDimension: model.costDimension)
            .withSolutions(solver: solver, problem: model, threads: 2)
        let parts = try data.split(trainCount: 80, testCount: 40, seed: 1)

        var configuration = TrainingConfiguration()
        configuration.method = "spo+"
        configuration.epochs = 8
        configuration.evaluateEvery = 8  // CBC solves are serialized: score the test set once, at the end
        configuration.batchSize = 8
        configuration.learningRate = 0.05
        configuration.seed = 42
        let trainer = try Trainer(configuration: configuration, featureCount: data.featureCount, oracle: oracle)
        let result = try trainer.fit(train: parts.train, test: parts.test)

        print("\(model.name): \(model.costDimension) variables, \(model.sense.rawValue), \(data.count) cases")
        print(
            "test regret \(String(format: "%.3f", result.normalizedRegret))"
                + " (untrained \(String(format: "%.3f", result.initialNormalizedRegret)))")
    }

    /// A file shipped next to this example (copied into the executable's resource bundle).
    static func resource(_ name: String, _ fileExtension: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: fileExtension) else {
            throw MissingResource(file: "\(name).\(fileExtension)")
        }
        return url.path
    }
}

/// A file of the example is not in its resource bundle.
struct MissingResource: Error, CustomStringConvertible {
    /// The file's name.
    let file: String
    var description: String { "\(file) is missing from the MPSModel resource bundle" }
}
