import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

@Suite struct TravelingSalesmanTests {
    @Test func edgesFollowItertoolsCombinationsOrder() throws {
        let p = try TravelingSalesman(nodes: 5)
        #expect(p.costDimension == 10)
        var expected: [(Int, Int)] = []
        for i in 0..<5 { for j in (i + 1)..<5 { expected.append((i, j)) } }
        #expect(p.edges.map { "\($0)" } == expected.map { "\($0)" })
        for (k, e) in p.edges.enumerated() {
            #expect(p.edgeIndex(e.0, e.1) == k && p.edgeIndex(e.1, e.0) == k)
        }
    }

    @Test func heldKarpMatchesEveryTour() throws {
        var rng = SeededGenerator(seed: 5)
        for n in 3...8 {
            let p = try TravelingSalesman(nodes: n)
            let tours = allTours(p)
            #expect(tours.count == max(1, (2...(n - 1)).reduce(1, *) / 2))
            for _ in 0..<4 {
                let c = rng.uniform(-3, 10, count: p.costDimension)
                let s = try HeldKarpSolver().solve(p, costs: c)
                let best = try #require(bestDecision(among: tours, costs: c, sense: .minimize))
                #expect(abs(s.objective - best.objective) < 1e-9, "n = \(n)")
                #expect(abs(objective(of: s.decision, costs: c) - s.objective) < 1e-9)
                #expect(asSet(tours).contains(asSet([s.decision]).first!))
            }
        }
    }

    @Test func formulationWithSubtourRowsHasExactlyTheTours() throws {
        for n in [4, 5, 6] {
            let p = try TravelingSalesman(nodes: n)
            let milp = p.asMILP(costs: nil)
            #expect(milp.equalityMatrix.count == n && milp.equalityRHS.allSatisfy { $0 == 2 })
            #expect(asSet(feasibleBinaryPoints(milp)) == asSet(allTours(p)), "n = \(n)")
        }
        // Without the subtour rows two triangles would satisfy the degree equalities on 6 nodes.
        let six = try TravelingSalesman(nodes: 6)
        let triangles = six.decision(forTour: [0, 1, 2]).enumerated().map {
            $0.element + six.decision(forTour: [3, 4, 5])[$0.offset]
        }
        #expect(!satisfies(six.asMILP(costs: nil), triangles))
    }

    @Test func largeInstancesAreRefusedWithATypedError() throws {
        let p = try TravelingSalesman(nodes: 6)
        #expect(throws: SolverError.self) {
            try HeldKarpSolver(maximumNodes: 5).solve(p, costs: [Double](repeating: 1, count: 15))
        }
        let big = try TravelingSalesman(nodes: HeldKarpSolver.hardLimit + 1)
        do {
            _ = try HeldKarpSolver(maximumNodes: 100).solve(
                big, costs: [Double](repeating: 1, count: big.costDimension))
            Issue.record("expected .tooLarge")
        } catch let e as SolverError {
            #expect(e.reason == .tooLarge && e.message.contains("tsp 21"))
        }
        #expect(throws: SolverError.self) { try TravelingSalesman(nodes: 2) }
        #expect(throws: SolverError.self) {
            try JSONDecoder().decode(TravelingSalesman.self, from: Data(#"{"nodes": 1}"#.utf8))
        }
    }

    @Test func twelveNodesSolveQuicklyAndAreSeededlyReproducible() throws {
        let p = try TravelingSalesman(nodes: 12)
        var rng = SeededGenerator(seed: 51)
        let c = rng.uniform(0, 1, count: p.costDimension)
        let a = try HeldKarpSolver().solve(p, costs: c)
        #expect(a == (try HeldKarpSolver().solve(p, costs: c)))
        #expect(a.decision.reduce(0, +) == 12)
        #expect(satisfies(p.asMILP(costs: c), a.decision))
    }
}
