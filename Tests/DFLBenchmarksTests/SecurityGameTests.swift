import DFLRandom
import Foundation
import Testing

@testable import DFLBenchmarks

@Suite("Network security game: graph, attacker utility and its gradient, defender")
struct SecurityGameTests {
    func smallGraph() throws -> SecurityGraph {
        var rng = SeededGenerator(seed: 2)
        return try SecurityGraph.randomGeometric(
            nodes: 30, radius: 0.35, targetCount: 3, sourceCount: 3, budget: 2, rng: &rng)
    }

    @Test("Random geometric graph is connected with a source–target cut above the budget")
    func graph() throws {
        let g = try smallGraph()
        #expect(g.isConnected)
        #expect(g.minimumCut() > 2)
        #expect(Set(g.sources).isDisjoint(with: Set(g.targets)))
    }

    @Test("Attacker objective gradient (coverage and attractiveness) matches finite differences")
    func gradient() throws {
        let g = try smallGraph()
        let model = AbsorbingWalkAttacker(graph: g)
        var rng = SeededGenerator(seed: 4)
        let a = rng.uniform(0, 0.3, count: g.edges.count)
        let phi = rng.normal(count: g.nodeCount)
        let r = try model.objective(coverage: a, attractiveness: phi)
        #expect(r.value > 0)
        let h = 1e-6
        for _ in 0..<5 {
            let da = rng.normal(count: a.count), dphi = rng.normal(count: phi.count)
            let plus = try model.objective(coverage: zip(a, da).map { $0 + h * $1 }, attractiveness: phi).value
            let minus = try model.objective(coverage: zip(a, da).map { $0 - h * $1 }, attractiveness: phi).value
            let fdA = (plus - minus) / (2 * h), anA = zip(r.coverage, da).map { $0 * $1 }.reduce(0, +)
            #expect(abs(fdA - anA) < 1e-6 * max(1, abs(fdA)), "coverage: fd \(fdA) vs \(anA)")
            let p2 = try model.objective(coverage: a, attractiveness: zip(phi, dphi).map { $0 + h * $1 }).value
            let m2 = try model.objective(coverage: a, attractiveness: zip(phi, dphi).map { $0 - h * $1 }).value
            let fdP = (p2 - m2) / (2 * h), anP = zip(r.attractiveness, dphi).map { $0 * $1 }.reduce(0, +)
            #expect(abs(fdP - anP) < 1e-6 * max(1, abs(fdP)), "attractiveness: fd \(fdP) vs \(anP)")
        }
        #expect(throws: BenchmarkError.self) { try model.objective(coverage: [0.1], attractiveness: phi) }
    }

    @Test("Projection onto the budget set and the defender lowers the attacker reward")
    func defender() throws {
        let p = AbsorbingWalkAttacker.project([0.9, 1.5, -0.2, 0.8], budget: 2)
        #expect(abs(p.reduce(0, +) - 2) < 1e-9)
        #expect(p.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(AbsorbingWalkAttacker.project([0.2, 0.3], budget: 2) == [0.2, 0.3])
        let g = try smallGraph()
        let model = AbsorbingWalkAttacker(graph: g)
        var rng = SeededGenerator(seed: 6)
        let phi = rng.normal(count: g.nodeCount)
        let a = try model.defend(scenarios: [phi], budget: 2, iterations: 50)
        #expect(a.reduce(0, +) <= 2 + 1e-9)
        let uniform = [Double](repeating: 2 / Double(g.edges.count), count: g.edges.count)
        let none = [Double](repeating: 0, count: g.edges.count)
        let defended = try model.objective(coverage: a, attractiveness: phi).value
        #expect(defended < (try model.objective(coverage: uniform, attractiveness: phi).value))
        #expect(defended < (try model.objective(coverage: none, attractiveness: phi).value))
    }
}
