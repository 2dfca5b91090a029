import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

@Suite struct SelectionAndMatchingTests {
    @Test(arguments: ObjectiveSense.allCases)
    func topKMatchesEnumeration(sense: ObjectiveSense) throws {
        var rng = SeededGenerator(seed: 3)
        for n in [1, 5, 9] {
            for k in 1...n {
                let p = try TopK(items: n, k: k, sense: sense)
                let subsets = allSubsets(items: n, size: k)
                #expect(subsets.count == binomial(n, k))
                let c = rng.normal(count: n)
                let s = try TopKSolver().solve(p, costs: c)
                let best = try #require(bestDecision(among: subsets, costs: c, sense: sense))
                #expect(abs(s.objective - best.objective) < 1e-12)
                #expect(s.decision.reduce(0, +) == Double(k))
                #expect(satisfies(p.asMILP(costs: c), s.decision))
            }
        }
    }

    @Test func topKFormulationHasExactlyTheKSubsetsAndDefaultsToMaximize() throws {
        let p = try TopK(items: 7, k: 3)
        #expect(p.sense == .maximize)  // docs/papers/smoothing.md: pick the top-k by value
        #expect(asSet(feasibleBinaryPoints(p.asMILP(costs: nil))) == asSet(allSubsets(items: 7, size: 3)))
    }

    @Test func topKBreaksTiesByLowerIndex() throws {
        let s = try TopKSolver().solve(try TopK(items: 4, k: 2), costs: [1, 3, 3, 3])
        #expect(s.decision == [0, 1, 1, 0])
        let m = try TopKSolver().solve(try TopK(items: 4, k: 1, sense: .minimize), costs: [2, 1, 1, 5])
        #expect(m.decision == [0, 1, 0, 0])
    }

    @Test(arguments: ObjectiveSense.allCases)
    func hungarianMatchesAllPermutations(sense: ObjectiveSense) throws {
        var rng = SeededGenerator(seed: 4)
        for n in 1...6 {
            let p = try BipartiteMatching(size: n, sense: sense)
            let perms = allPermutationMatrices(size: n)
            for _ in 0..<6 {
                let c = rng.uniform(-2, 5, count: n * n)
                let s = try HungarianSolver().solve(p, costs: c)
                let best = try #require(bestDecision(among: perms, costs: c, sense: sense))
                #expect(abs(s.objective - best.objective) < 1e-9, "n = \(n)")
                #expect(satisfies(p.asMILP(costs: c), s.decision))
            }
        }
    }

    @Test func hungarianHandlesTiesAndIntegerCosts() throws {
        var rng = SeededGenerator(seed: 41)
        let p = try BipartiteMatching(size: 5, sense: .minimize)
        let perms = allPermutationMatrices(size: 5)
        for _ in 0..<20 {
            let c = (0..<25).map { _ in Double(rng.integer(in: 0..<3)) }
            let s = try HungarianSolver().solve(p, costs: c)
            #expect(s.objective == bestDecision(among: perms, costs: c, sense: .minimize)!.objective)
        }
    }

    @Test func matchingFormulationHasExactlyThePermutations() throws {
        let p = try BipartiteMatching(size: 3)
        #expect(asSet(feasibleBinaryPoints(p.asMILP(costs: nil))) == asSet(allPermutationMatrices(size: 3)))
        #expect(throws: SolverError.self) { try BipartiteMatching(size: 0) }
        #expect(throws: SolverError.self) { try TopK(items: 3, k: 0) }
        #expect(throws: SolverError.self) {
            try JSONDecoder().decode(TopK.self, from: Data(#"{"items": 3, "k": 5, "sense": "maximize"}"#.utf8))
        }
        #expect(throws: SolverError.self) {
            try JSONDecoder().decode(BipartiteMatching.self, from: Data(#"{"size": 0, "sense": "minimize"}"#.utf8))
        }
    }
}
