import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

@Suite struct BatchAndErrorTests {
    @Test(arguments: [1, 2, 3, 8])
    func batchResultsEqualSequentialOnes(threads: Int) throws {
        var rng = SeededGenerator(seed: 30)
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        let gridCosts = (0..<23).map { _ in rng.uniform(0, 1, count: grid.costDimension) }
        #expect(
            try ShortestPathGridSolver().solveBatch(grid, costs: gridCosts, threads: threads)
                == gridCosts.map { try ShortestPathGridSolver().solve(grid, costs: $0) })
        let kp = try randomKnapsack(items: 15, dims: 2, integral: true, rng: &rng)
        let kpCosts = (0..<17).map { _ in rng.uniform(0, 5, count: 15) }
        #expect(
            try KnapsackSolver().solveBatch(kp, costs: kpCosts, threads: threads)
                == kpCosts.map { try KnapsackSolver().solve(kp, costs: $0) })
        let tsp = try TravelingSalesman(nodes: 7)
        let tspCosts = (0..<9).map { _ in rng.uniform(0, 1, count: tsp.costDimension) }
        #expect(
            try HeldKarpSolver().solveBatch(tsp, costs: tspCosts, threads: threads)
                == tspCosts.map { try HeldKarpSolver().solve(tsp, costs: $0) })
        #expect(try HungarianSolver().solveBatch(try BipartiteMatching(size: 3), costs: [], threads: threads).isEmpty)
    }

    @Test func batchErrorsNameTheInstance() throws {
        let kp = try Knapsack(weights: [[1, 2, 3]], capacities: [4])
        var batch = [[Double]](repeating: [1, 2, 3], count: 20)
        batch[17] = [1, .nan, 3]
        batch[19] = [1, 2]
        do {
            _ = try KnapsackSolver().solveBatch(kp, costs: batch, threads: 2)
            Issue.record("expected an error")
        } catch let e as SolverError {
            #expect(e.reason == .nonFiniteCosts)
            #expect(e.message.hasPrefix("knapsack 3x1[17]: "), "\(e.message)")
            #expect(e.message.contains("c[1]"))
        }
    }

    @Test func everySolverRejectsWrongLengthsAndNonFiniteCosts() throws {
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        #expect(throws: SolverError(.dimensionMismatch, "shortest-path 3x3: expected 12 cost coefficients, got 3")) {
            try ShortestPathGridSolver().solve(grid, costs: [1, 2, 3])
        }
        func check<S: Solver>(_ solver: S, _ problem: S.Problem) {
            let d = problem.costDimension
            for bad in [[Double](repeating: 1, count: d + 1), [Double](repeating: 1, count: max(0, d - 1))] {
                #expect(throws: SolverError.self, "\(problem.name)") { try solver.solve(problem, costs: bad) }
            }
            for value in [Double.nan, .infinity, -.infinity] {
                var c = [Double](repeating: 1, count: d)
                c[d - 1] = value
                do {
                    _ = try solver.solve(problem, costs: c)
                    Issue.record("\(problem.name): accepted \(value)")
                } catch let e as SolverError {
                    #expect(e.reason == .nonFiniteCosts && e.message.contains("c[\(d - 1)]"))
                } catch { Issue.record("untyped error \(error)") }
            }
            // Finite, but a sum of d such costs overflows: refused like a non-finite one, by index.
            var huge = [Double](repeating: 1, count: d)
            huge[d - 1] = -Double.greatestFiniteMagnitude
            #expect { try solver.solve(problem, costs: huge) } throws: { e in
                (e as? SolverError)?.reason == .costOutOfRange && "\(e)".contains("c[\(d - 1)]")
            }
        }
        check(ShortestPathGridSolver(), grid)
        check(KnapsackSolver(), try Knapsack(weights: [[1, 2, 3]], capacities: [3]))
        check(TopKSolver(), try TopK(items: 4, k: 2))
        check(HungarianSolver(), try BipartiteMatching(size: 3))
        check(HeldKarpSolver(), try TravelingSalesman(nodes: 5))
        check(CachedSolver(base: TopKSolver(), solveRatio: 0.5), try TopK(items: 4, k: 2))
    }

    @Test func everyFormulationIsAWellFormedMILP() throws {
        let problems: [any LinearProgramRepresentable] = [
            ShortestPathGrid(rows: 3, columns: 4), try Knapsack(weights: [[1, 2], [3, 4]], capacities: [3, 5]),
            try TopK(items: 5, k: 2), try BipartiteMatching(size: 4), try TravelingSalesman(nodes: 6),
        ]
        for p in problems {
            let c = (0..<p.costDimension).map(Double.init)
            let milp = p.asMILP(costs: c)
            try milp.validate()
            #expect(milp.variableCount == p.costDimension && milp.objective == c && milp.sense == p.sense, "\(p.name)")
            #expect(p.asMILP(costs: nil).objective.allSatisfy { $0 == 0 })
        }
    }

    @Test func objectiveHelpersAgree() {
        #expect(objective(of: [1, 0, 1], costs: [2, 5, -1]) == 1)
        #expect(Solution(decision: [1, 1], costs: [0.5, 0.25]).objective == 0.75)
        #expect(ObjectiveSense.minimize.isBetter(1, than: 2) && !ObjectiveSense.maximize.isBetter(1, than: 2))
        #expect(!ObjectiveSense.minimize.isBetter(1.9, than: 2, tolerance: 0.5))
    }
}
