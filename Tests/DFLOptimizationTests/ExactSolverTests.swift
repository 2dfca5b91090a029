import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

/// Where `shared/data` lives: `$DFLKIT_SHARED_DATA` or `<repo>/../shared/data`.
func sharedDataDirectory() -> String {
    if let env = ProcessInfo.processInfo.environment["DFLKIT_SHARED_DATA"] { return env }
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data").path
}

@Suite struct ExactSolverTests {
    @Test func gridArcOrderMatchesPyEPO() throws {
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        #expect(grid.costDimension == 40)
        let path = sharedDataDirectory() + "/pyepo/sp5_grid_arcs.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").dropFirst()
        #expect(lines.count == 40)
        for line in lines {
            let f = line.split(separator: ",").map(String.init)
            let k = Int(f[0])!, from = Int(f[1])!, to = Int(f[2])!
            #expect(grid.arcs[k].from == from && grid.arcs[k].to == to, "arc \(k)")
        }
    }

    @Test(arguments: [(2, 3), (3, 3), (3, 4), (4, 2)])
    func shortestPathMatchesBruteForce(size: (Int, Int)) throws {
        let grid = ShortestPathGrid(rows: size.0, columns: size.1)
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<20 {
            let c = rng.uniform(-1, 3, count: grid.costDimension)
            let s = try ShortestPathGridSolver().solve(grid, costs: c)
            let b = try #require(bruteForceBinary(grid.asMILP(costs: c)))
            #expect(abs(s.objective - b.objective) < 1e-9)
            #expect(abs(zip(c, s.decision).map(*).reduce(0, +) - s.objective) < 1e-9)
        }
    }

    @Test func knapsackMatchesBruteForce() throws {
        var rng = SeededGenerator(seed: 2)
        for trial in 0..<40 {
            let m = 8 + trial % 7, dims = 1 + trial % 3
            let weights = (0..<dims).map { _ in (0..<m).map { _ in Double(rng.integer(in: 300..<800)) / 100 } }
            let caps = (0..<dims).map { d in 0.4 * weights[d].reduce(0, +) }
            let kp = try Knapsack(weights: weights, capacities: caps)
            let c = rng.uniform(-1, 5, count: m)
            let s = try KnapsackSolver().solve(kp, costs: c)
            let b = try #require(bruteForceBinary(kp.asMILP(costs: c)))
            #expect(abs(s.objective - b.objective) < 1e-9, "trial \(trial)")
            for d in 0..<dims {
                #expect(zip(weights[d], s.decision).map(*).reduce(0, +) <= caps[d] + 1e-9)
            }
        }
    }

    @Test func topKMatchesBruteForceBothSenses() throws {
        var rng = SeededGenerator(seed: 3)
        for sense in ObjectiveSense.allCases {
            for k in 1...4 {
                let p = try TopK(items: 10, k: k, sense: sense)
                let c = rng.normal(count: 10)
                let s = try TopKSolver().solve(p, costs: c)
                let b = try #require(bruteForceBinary(p.asMILP(costs: c)))
                #expect(abs(s.objective - b.objective) < 1e-12)
                #expect(s.decision.reduce(0, +) == Double(k))
            }
        }
    }

    @Test func hungarianMatchesBruteForceBothSenses() throws {
        var rng = SeededGenerator(seed: 4)
        for sense in ObjectiveSense.allCases {
            for n in 1...4 {
                let p = try BipartiteMatching(size: n, sense: sense)
                for _ in 0..<5 {
                    let c = rng.uniform(-2, 5, count: n * n)
                    let s = try HungarianSolver().solve(p, costs: c)
                    let b = try #require(bruteForceBinary(p.asMILP(costs: c)))
                    #expect(abs(s.objective - b.objective) < 1e-9)
                }
            }
        }
    }

    @Test func heldKarpMatchesBruteForceAndFormulation() throws {
        var rng = SeededGenerator(seed: 5)
        for n in 4...6 {
            let p = try TravelingSalesman(nodes: n)
            for _ in 0..<4 {
                let c = rng.uniform(0, 10, count: p.costDimension)
                let s = try HeldKarpSolver().solve(p, costs: c)
                let b = try #require(bruteForceBinary(p.asMILP(costs: c)))
                #expect(abs(s.objective - b.objective) < 1e-9)
                #expect(s.decision.reduce(0, +) == Double(n))
            }
        }
        #expect(p7EdgeOrder() == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)].map { "\($0)" })
        #expect(throws: SolverError.self) {
            try HeldKarpSolver(maximumNodes: 5).solve(try TravelingSalesman(nodes: 6), costs: [Double](repeating: 1, count: 15))
        }
    }

    func p7EdgeOrder() -> [String] {
        let p = try! TravelingSalesman(nodes: 4)
        return p.edges.map { "\($0)" }
    }

    @Test func badCostsGiveTypedErrors() {
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        #expect(throws: SolverError(.dimensionMismatch, "shortest-path 3x3: expected 12 cost coefficients, got 3")) {
            try ShortestPathGridSolver().solve(grid, costs: [1, 2, 3])
        }
        var c = [Double](repeating: 1, count: 12)
        c[4] = .nan
        #expect(throws: SolverError.self) { try ShortestPathGridSolver().solve(grid, costs: c) }
        #expect(throws: SolverError.self) { try Knapsack(weights: [[1, 2]], capacities: [1, 2]) }
        #expect(throws: SolverError.self) { try TopK(items: 3, k: 4) }
    }

    @Test func cachedSolverFollowsTheRatio() throws {
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        var rng = SeededGenerator(seed: 6)
        let always = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 1)
        let costs = (0..<30).map { _ in rng.uniform(0, 1, count: 12) }
        for c in costs { _ = try always.solve(grid, costs: c) }
        #expect(always.solverCalls == 30 && always.cacheHits == 0)
        #expect(always.poolSolutions.count <= 6)  // a 3×3 grid has C(4,2) = 6 paths
        // p = 0 with a full pool: never solves, and the pooled best is optimal.
        let never = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0, initialPool: always.poolSolutions + always.poolSolutions)
        #expect(never.poolSolutions.count == always.poolSolutions.count)
        for c in costs {
            let s = try never.solve(grid, costs: c)
            let exact = try ShortestPathGridSolver().solve(grid, costs: c)
            if always.poolSolutions.count == 6 { #expect(abs(s.objective - exact.objective) < 1e-12) }
        }
        #expect(never.solverCalls == 0 && never.cacheHits == 30)
    }
}
