import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

@Suite struct CachedSolverTests {
    let grid = ShortestPathGrid(rows: 3, columns: 3)

    func costs(_ count: Int, seed: UInt64) -> [[Double]] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in rng.uniform(0, 1, count: 12) }
    }

    @Test func ratioOneAlwaysSolvesAndPoolsUniqueSolutions() throws {
        let always = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 1)
        for c in costs(40, seed: 6) {
            #expect(try always.solve(grid, costs: c) == (try ShortestPathGridSolver().solve(grid, costs: c)))
        }
        #expect(always.solverCalls == 40 && always.cacheHits == 0)
        let pool = always.poolSolutions
        #expect(pool.count <= 6)  // a 3×3 grid has C(4,2) = 6 paths
        #expect(asSet(pool).count == pool.count && asSet(pool).isSubset(of: asSet(allGridPaths(grid))))
    }

    @Test func ratioZeroNeverSolvesAndReturnsThePoolBest() throws {
        let paths = allGridPaths(grid)
        let never = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0, initialPool: Array(paths.prefix(4)))
        for c in costs(30, seed: 7) {
            let s = try never.solve(grid, costs: c)
            let best = try #require(bestDecision(among: Array(paths.prefix(4)), costs: c, sense: .minimize))
            #expect(abs(s.objective - best.objective) < 1e-12 && s.decision == best.decision)
        }
        #expect(never.solverCalls == 0 && never.cacheHits == 30)
        // With every path pooled, the cache is exact.
        let full = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0, initialPool: paths)
        for c in costs(10, seed: 8) {
            #expect(
                abs(try full.solve(grid, costs: c).objective - ShortestPathGridSolver().solve(grid, costs: c).objective)
                    < 1e-12)
        }
    }

    @Test func maximizationPicksTheLargestPooledObjective() throws {
        let kp = try Knapsack(weights: [[1, 1, 1]], capacities: [2])
        let pool: [[Double]] = [[1, 1, 0], [0, 1, 1], [1, 0, 1]]
        let cache = CachedSolver(base: KnapsackSolver(), solveRatio: 0, initialPool: pool)
        let s = try cache.solve(kp, costs: [1, 5, 3])
        #expect(s.decision == [0, 1, 1] && s.objective == 8)
    }

    @Test func emptyPoolSolvesEvenAtRatioZero() throws {
        let cache = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0)
        _ = try cache.solve(grid, costs: costs(1, seed: 9)[0])
        #expect(cache.solverCalls == 1 && cache.poolSolutions.count == 1)
    }

    @Test func nearDuplicatesWithinTheL1ToleranceAreDropped() {
        let d = 12
        let w = [Double](repeating: 0, count: d - 1) + [1]
        let tolerance = min(1e-4 * Double(d), 0.1)
        var near = w
        near[0] = tolerance * 0.9
        var far = w
        far[0] = tolerance * 1.5
        let cache = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0, initialPool: [w, w, near, far])
        #expect(cache.poolSolutions == [w, far])
    }

    @Test func coinIsSeededAndTheRatioIsRespected() throws {
        func run(seed: UInt64) throws -> (calls: Int, decisions: [[Double]]) {
            let cache = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0.3, seed: seed)
            let out = try costs(200, seed: 10).map { try cache.solve(grid, costs: $0).decision }
            return (cache.solverCalls, out)
        }
        let a = try run(seed: 1), b = try run(seed: 1)
        #expect(a.calls == b.calls && a.decisions == b.decisions)
        // 1 forced first call + Binomial(199, 0.3): mean ≈ 60.7, sd ≈ 6.5.
        #expect((35...87).contains(a.calls))
    }

    @Test func sharedAcrossBatchWorkersItStaysConsistent() throws {
        let cache = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0.5, seed: 3)
        let batch = costs(300, seed: 11)
        let results = try cache.solveBatch(grid, costs: batch, threads: 2)
        #expect(results.count == 300)
        #expect(cache.solverCalls + cache.cacheHits == 300)
        #expect(asSet(cache.poolSolutions).count == cache.poolSolutions.count)
        for (c, s) in zip(batch, results) { #expect(abs(objective(of: s.decision, costs: c) - s.objective) < 1e-12) }
    }

    @Test func raggedPoolIsATypedError() {
        let cache = CachedSolver(base: ShortestPathGridSolver(), solveRatio: 0, initialPool: [[1, 0, 1]])
        #expect(throws: SolverError.self) { try cache.solve(grid, costs: [Double](repeating: 1, count: 12)) }
    }
}

@Suite("One solution cache: the Solver decorator and the oracle decorator share the pool's semantics")
struct SolutionPoolTests {
    let grid = ShortestPathGrid(rows: 3, columns: 3)

    @Test(arguments: [0.0, 0.3, 0.7, 1.0])
    func cachedSolverAndCachedOracleFlipTheSameCoinsAndGrowTheSamePool(ratio: Double) throws {
        var rng = SeededGenerator(seed: 12)
        let batch = (0..<120).map { _ in rng.uniform(0, 1, count: 12) }
        let initial = Array(allGridPaths(grid).prefix(2))
        let solver = CachedSolver(base: ShortestPathGridSolver(), solveRatio: ratio, initialPool: initial, seed: 5)
        let pool = SolutionPool(initial: initial, solveRatio: ratio, seed: 5)
        let oracle = DecisionOracle(solver: ShortestPathGridSolver(), problem: grid).cached(by: pool)
        for c in batch {
            #expect(try solver.solve(grid, costs: c) == (try oracle.solve(c)))
        }
        #expect(solver.poolSolutions == pool.decisions)
        #expect(solver.solverCalls == pool.solverCalls && solver.cacheHits == pool.cacheHits)
        #expect(pool.solverCalls + pool.cacheHits == batch.count)
        #expect(oracle.name == "\(grid.name) (cached)")
    }

    @Test func reseedingReplaysTheCoin() {
        let pool = SolutionPool(initial: [[1, 0]], solveRatio: 0.5, seed: 9)
        let first = (0..<30).map { _ in pool.shouldSolve() }
        pool.reseed(9)
        #expect((0..<30).map { _ in pool.shouldSolve() } == first)
        #expect(first.contains(true) && first.contains(false))
    }

    @Test func bestPicksTheFirstOptimumForEitherSense() {
        let pool = SolutionPool(initial: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        #expect(pool.best(for: [2, 1, 1], sign: 1) == [0, 1, 0])
        #expect(pool.best(for: [2, 1, 2], sign: -1) == [1, 0, 0])
        #expect(SolutionPool(initial: []).best(for: [1], sign: 1) == nil)
    }
}
