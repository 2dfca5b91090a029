import DFLCoinOR
import DFLOptimization
import DFLTestSupport
import Testing

/// `WorstCaseSolver`: the worst true objective over the decisions within a bound of the predicted
/// costs, against enumerating every path of a small grid.
@Suite struct WorstCaseSolverTests {
    /// Brute force: the largest `cᵀw` over the paths with `ĉᵀw ≤ bound`.
    static func worstPath(_ grid: ShortestPathGrid, predicted: [Double], bound: Double, trueCosts: [Double]) -> Double?
    {
        allGridPaths(grid).filter { dot(predicted, $0) <= bound }.map { dot(trueCosts, $0) }.max()
    }

    @Test func tiedPredictionsGiveTheWorstOfTheTiedPathsAsEnumerationDoes() throws {
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        let solver = WorstCaseSolver(problem: grid)
        for t in 0..<8 {
            // Integer predictions in {0, 1, 2} make many paths tie for the optimum.
            let predicted = (0..<grid.costDimension).map { j in Double((j * 7 + t * 5) % 3) }
            let trueCosts = (0..<grid.costDimension).map { j in 0.1 + Double((j * 13 + t * 17) % 11) / 11 }
            let best = allGridPaths(grid).map { dot(predicted, $0) }.min()!
            let bound = best + 1e-2
            let tied = allGridPaths(grid).filter { dot(predicted, $0) <= bound }
            let expected = try #require(Self.worstPath(grid, predicted: predicted, bound: bound, trueCosts: trueCosts))
            let worst = try solver.worstObjective(costs: predicted, bound: bound, trueCosts: trueCosts)
            #expect(abs(worst - expected) < 1e-9, "\(tied.count) tied paths")
        }
    }

    @Test func allZeroPredictionsGiveTheLongestPath() throws {
        let grid = ShortestPathGrid(rows: 2, columns: 3)
        let trueCosts = (0..<grid.costDimension).map { Double($0 + 1) }
        let worst = try WorstCaseSolver(problem: grid).worstObjective(
            costs: [Double](repeating: 0, count: grid.costDimension), bound: 1e-2, trueCosts: trueCosts)
        #expect(worst == allGridPaths(grid).map { dot(trueCosts, $0) }.max())
    }

    @Test func aMaximizingProblemTakesTheSmallestTrueObjectiveAboveTheBound() throws {
        let topK = try TopK(items: 4, k: 2)
        let predicted = [1.0, 1, 1, 0]  // three items tie: {0,1}, {0,2}, {1,2} are optimal (value 2)
        let trueCosts = [5.0, 3, 1, 9]
        let worst = try WorstCaseSolver(problem: topK).worstObjective(
            costs: predicted, bound: 2 - 1e-2, trueCosts: trueCosts)
        #expect(worst == 4)  // items 1 and 2
    }
}
