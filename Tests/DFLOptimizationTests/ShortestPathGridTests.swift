import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

@Suite struct ShortestPathGridTests {
    @Test func arcOrderMatchesPyEPOsFiveByFiveGrid() throws {
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        #expect(grid.costDimension == 40)
        let text = try String(contentsOfFile: sharedDataDirectory() + "/pyepo/sp5_grid_arcs.csv", encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).dropFirst()
        #expect(lines.count == 40)
        for line in lines {
            let f = line.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            let k = try #require(f[0]), from = try #require(f[1]), to = try #require(f[2])
            #expect(grid.arcs[k].from == from && grid.arcs[k].to == to, "arc \(k)")
        }
    }

    @Test(arguments: [(1, 2), (2, 1), (1, 5), (5, 1), (2, 3), (3, 3), (3, 4), (4, 2), (4, 4)])
    func dynamicProgramMatchesEnumerationWithNegativeCosts(size: (Int, Int)) throws {
        let grid = ShortestPathGrid(rows: size.0, columns: size.1)
        #expect(grid.costDimension == (size.0 - 1) * size.1 + (size.1 - 1) * size.0)
        let paths = allGridPaths(grid)
        #expect(paths.count == binomial(size.0 + size.1 - 2, size.0 - 1))
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<25 {
            let c = rng.uniform(-2, 3, count: grid.costDimension)
            let s = try ShortestPathGridSolver().solve(grid, costs: c)
            let best = try #require(bestDecision(among: paths, costs: c, sense: .minimize))
            #expect(abs(s.objective - best.objective) < 1e-12)
            #expect(abs(objective(of: s.decision, costs: c) - s.objective) < 1e-12)
            #expect(satisfies(grid.asMILP(costs: c), s.decision))
        }
    }

    @Test func flowFormulationHasExactlyThePathsAsBinaryPoints() {
        for (r, c) in [(2, 3), (3, 3), (3, 4)] {
            let grid = ShortestPathGrid(rows: r, columns: c)
            let milp = grid.asMILP(costs: nil)
            #expect(milp.equalityMatrix.count == grid.nodeCount)
            #expect(milp.sense == .minimize && milp.integrality.allSatisfy { $0 })
            // Columns of the incidence matrix sum to zero (one redundant row, kept as PyEPO does).
            for k in 0..<grid.costDimension {
                #expect(milp.equalityMatrix.reduce(0) { $0 + $1[k] } == 0)
            }
            #expect(asSet(feasibleBinaryPoints(milp)) == asSet(allGridPaths(grid)))
        }
    }

    @Test func bruteForceOverTheFlowMILPAgrees() throws {
        let grid = ShortestPathGrid(rows: 3, columns: 4)
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<5 {
            let c = rng.uniform(0, 1, count: grid.costDimension)
            let b = try #require(bruteForceBinary(grid.asMILP(costs: c)))
            #expect(abs(try ShortestPathGridSolver().solve(grid, costs: c).objective - b.objective) < 1e-12)
        }
    }

    @Test func largeGridIsSolvedAndSeededlyReproducible() throws {
        let grid = ShortestPathGrid(rows: 30, columns: 30)
        var rng = SeededGenerator(seed: 12)
        let c = rng.uniform(0, 1, count: grid.costDimension)
        let a = try ShortestPathGridSolver().solve(grid, costs: c)
        let b = try ShortestPathGridSolver().solve(grid, costs: c)
        #expect(a == b)
        #expect(a.decision.reduce(0, +) == 58)  // every monotone path has rows + columns − 2 arcs
        #expect(satisfies(grid.asMILP(costs: c), a.decision))
    }

    @Test func badSizesThrowInsteadOfTrapping() throws {
        #expect(throws: SolverError.self) { try ShortestPathGrid.checked(rows: 1, columns: 1) }
        #expect(throws: SolverError.self) { try ShortestPathGrid.checked(rows: 0, columns: 4) }
        #expect(try ShortestPathGrid.checked(rows: 2, columns: 3) == ShortestPathGrid(rows: 2, columns: 3))
        let bad = Data(#"{"rows": 0, "columns": 3}"#.utf8)
        #expect(throws: SolverError.self) { try JSONDecoder().decode(ShortestPathGrid.self, from: bad) }
        let round = try JSONDecoder().decode(
            ShortestPathGrid.self, from: JSONEncoder().encode(ShortestPathGrid(rows: 4, columns: 6)))
        #expect(round.arcs.count == ShortestPathGrid(rows: 4, columns: 6).arcs.count)
    }
}
