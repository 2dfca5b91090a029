import DFLData
import DFLOptimization
import Testing

@Suite("PyEPO labels with DFLOptimization's grid solver")
struct ShortestPathGridLabelTests {
    @Test("ShortestPathGrid uses PyEPO's arc order")
    func arcOrder() {
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        let reference = ReferenceGridProblem(rows: 5, columns: 5)
        #expect(grid.costDimension == 40)
        #expect(grid.arcs.map(\.from) == reference.arcs.map(\.from))
        #expect(grid.arcs.map(\.to) == reference.arcs.map(\.to))
    }

    @Test("ShortestPathGridSolver reproduces every PyEPO optimal objective to 1e-6")
    func labelsMatch() throws {
        try #require(SharedData.pyepoAvailable)
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        for part in ["train", "test"] {
            let stored = try DatasetCSV.read(
                path: SharedData.pyepo("sp5_deg6_e05_seed42_\(part).csv"),
                solutionsPath: SharedData.pyepo("sp5_deg6_e05_seed42_\(part)_opt.csv"),
                expectedCostDimension: 40, roundCostsToFloat32: true)
            let solved = try stored.withoutSolutions.withSolutions(
                solver: ShortestPathGridSolver(), problem: grid, threads: 2)
            var worst = 0.0
            for i in 0..<stored.count {
                worst = max(worst, abs(solved.objectives![i] - stored.objectives![i]))
            }
            #expect(worst <= 1e-6, "\(part): worst |z − z*_PyEPO| = \(worst)")
            #expect(solved.solutions == stored.solutions)
        }
    }
}
