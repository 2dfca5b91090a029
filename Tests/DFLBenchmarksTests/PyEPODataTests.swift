import DFLBenchmarks
import DFLData
import DFLLosses
import DFLOptimization
import DFLReproduction
import DFLTraining
import Foundation
import Testing

/// `shared/data/pyepo` beside the repository (or `$DFLKIT_SHARED_DATA/pyepo`).
func pyepoDirectory() -> String {
    if let env = ProcessInfo.processInfo.environment["DFLKIT_SHARED_DATA"] { return env + "/pyepo" }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data/pyepo").path
}

@Suite struct PyEPODataTests {
    /// Every instance of PyEPO's exported data, solved by DFLKit's DAG solver, has PyEPO's (Gurobi's)
    /// optimal objective to 1e-6, and the built-in benchmark's labelling path gives the same.
    @Test(arguments: ["train", "test"])
    func exactSolverMatchesPyEPOOptima(split: String) throws {
        let dir = pyepoDirectory()
        let data = try DatasetCSV.read(
            path: "\(dir)/sp5_deg6_e05_seed42_\(split).csv",
            solutionsPath: "\(dir)/sp5_deg6_e05_seed42_\(split)_opt.csv",
            expectedCostDimension: 40)
        #expect(data.count == 1000)
        let oracle = try BuiltinProblem.shortestPath(rows: 5, columns: 5).oracle(threads: 2)
        let relabelled = try data.withoutSolutions.withSolutions(from: oracle)
        let pyepo = try #require(data.objectives), ours = try #require(relabelled.objectives)
        for i in 0..<data.count {
            #expect(
                abs(pyepo[i] - ours[i]) <= 1e-6 * max(1, abs(pyepo[i])),
                "instance \(i): PyEPO \(pyepo[i]), DFLKit \(ours[i])")
        }
    }
}

@Suite struct PyEPOAnchorTests {
    /// The demo's regenerated anchor data equal PyEPO's exported files.
    @Test func regeneratedAnchorDataEqualTheExport() throws {
        let dir = pyepoDirectory()
        let (_, train, test) = try BuiltinProblem.pyepoShortestPathAnchor(threads: 2)
        let exported = try DatasetCSV.read(path: "\(dir)/sp5_deg6_e05_seed42_test.csv", expectedCostDimension: 40)
        #expect(test.features == exported.features)
        #expect(zip(test.costs, exported.costs).allSatisfy { Float($0) == Float($1) })
        #expect(train.count == 1000)
    }
}
