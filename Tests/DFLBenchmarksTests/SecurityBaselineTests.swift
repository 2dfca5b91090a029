import DFLRandom
import Foundation
import Testing

@testable import DFLBenchmarks

@Suite("Network security game: DFL-Block and Surrogate baselines (Wang et al. 2020)")
struct SecurityBaselineTests {
    func tinyGame() throws -> (AbsorbingWalkAttacker, [[Double]], [Double]) {
        var rng = SeededGenerator(seed: 2)
        let graph = try SecurityGraph.randomGeometric(
            nodes: 30, radius: 0.35, targetCount: 3, sourceCount: 3, budget: 2, rng: &rng)
        var r = SeededGenerator(seed: 11)
        let scenarios = (0..<2).map { _ in r.normal(count: graph.nodeCount) }
        return (AbsorbingWalkAttacker(graph: graph), scenarios, r.normal(count: graph.nodeCount))
    }

    func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(1e-3, abs(a), abs(b)) }

    @Test("DFL-Block: KKT gradient of the true reward w.r.t. the scenarios matches finite differences")
    func blockGradient() throws {
        let (model, scenarios, truth) = try tinyGame()
        func loss(_ phis: [[Double]]) throws -> Double {
            let a = try model.defend(scenarios: phis, budget: 2, iterations: 4000)
            return try model.objective(coverage: a, attractiveness: truth).value
        }
        let a = try model.defend(scenarios: scenarios, budget: 2, iterations: 4000)
        let kkt = BudgetBoxKKTAdjoint(minimizer: a, budget: 2)
        #expect(kkt.free.count > 1 && kkt.budgetActive)
        let g = try model.blockGradient(
            scenarios: scenarios, decision: a, budget: 2,
            lossGradient: try model.objective(coverage: a, attractiveness: truth).coverage)
        #expect(g.count == 2 && g.allSatisfy { $0.contains { $0 != 0 } })
        var rng = SeededGenerator(seed: 5)
        let h = 1e-4
        for s in 0..<2 {
            let d = rng.normal(count: truth.count)
            var plus = scenarios, minus = scenarios
            plus[s] = zip(plus[s], d).map { $0 + h * $1 }
            minus[s] = zip(minus[s], d).map { $0 - h * $1 }
            let fd = (try loss(plus) - loss(minus)) / (2 * h)
            let analytic = zip(g[s], d).map { $0 * $1 }.reduce(0, +)
            #expect(relativeError(fd, analytic) < 2e-3, "scenario \(s): fd \(fd) vs KKT \(analytic)")
        }
        #expect(throws: BenchmarkError.self) {
            try model.blockGradient(scenarios: scenarios, decision: [0.1], budget: 2, lossGradient: [1])
        }
    }

    @Test("Surrogate: small-problem KKT gradients w.r.t. scenarios and the reparameterization match finite differences")
    func surrogateGradient() throws {
        let (model, scenarios, truth) = try tinyGame()
        var rng = SeededGenerator(seed: 8)
        var surrogate = try SecuritySurrogate(edgeCount: model.graph.edges.count, dimension: 4, rng: &rng)
        surrogate.iterations = 4000
        let p = surrogate.reparameterization
        for j in 0..<4 { #expect(abs((0..<surrogate.edgeCount).map { p[$0 * 4 + j] }.reduce(0, +) - 1) < 1e-12) }
        let r = try surrogate.taskLossGradient(attacker: model, scenarios: scenarios, truth: truth, budget: 2)
        let y = try surrogate.solve(attacker: model, scenarios: scenarios, budget: 2)
        #expect(abs(y.reduce(0, +) - 2) < 1e-6 || y.allSatisfy { $0 > 1 - 1e-9 || $0 < 1e-9 } == false)
        #expect(r.decision.reduce(0, +) <= 2 + 1e-6)
        func loss(_ s: SecuritySurrogate, _ phis: [[Double]]) throws -> Double {
            try model.objective(
                coverage: s.decision(try s.solve(attacker: model, scenarios: phis, budget: 2)), attractiveness: truth
            ).value
        }
        #expect(abs(try loss(surrogate, scenarios) - r.loss) < 1e-12)
        let h = 1e-4
        for s in 0..<2 {
            let d = rng.normal(count: truth.count)
            var plus = scenarios, minus = scenarios
            plus[s] = zip(plus[s], d).map { $0 + h * $1 }
            minus[s] = zip(minus[s], d).map { $0 - h * $1 }
            let fd = (try loss(surrogate, plus) - loss(surrogate, minus)) / (2 * h)
            let analytic = zip(r.scenarios[s], d).map { $0 * $1 }.reduce(0, +)
            // 1 %: the over-coverage penalty is only C¹, so the difference Hessian is piecewise (seen: 0.7 %).
            #expect(relativeError(fd, analytic) < 1e-2, "scenario \(s): fd \(fd) vs KKT \(analytic)")
        }
        let d = rng.normal(count: surrogate.logits.count)
        var plus = surrogate, minus = surrogate
        plus.logits = zip(plus.logits, d).map { $0 + h * $1 }
        minus.logits = zip(minus.logits, d).map { $0 - h * $1 }
        let fd = (try loss(plus, scenarios) - loss(minus, scenarios)) / (2 * h)
        let analytic = zip(r.logits, d).map { $0 * $1 }.reduce(0, +)
        #expect(relativeError(fd, analytic) < 2e-3, "logits: fd \(fd) vs KKT \(analytic)")
        #expect(throws: BenchmarkError.self) { try SecuritySurrogate(edgeCount: 0, dimension: 3, rng: &rng) }
    }

    @Test("DFL-Block and Surrogate training run, are seeded and keep the best validation model")
    func training() throws {
        var bench = try SecurityGameBenchmark(
            nodes: 30, radius: 0.35, budget: 2, counts: (3, 2, 2), featureCount: 4, seed: 3)
        bench.defenderIterations = 20
        bench.scenarios = 2
        let (start, _) = try bench.train(seed: 1, twoStageEpochs: 3)
        let base = try bench.evaluate(start, on: bench.validation, offset: 3)
        let (block, sb) = try bench.trainDFLBlock(seed: 1, epochs: 1, from: start)
        #expect(try bench.evaluate(block, on: bench.validation, offset: 3) >= base - 1e-12)
        #expect(sb > 0)
        let (block2, _) = try bench.trainDFLBlock(seed: 1, epochs: 1, from: start)
        #expect(zip(block.parameters, block2.parameters).allSatisfy { $0.value.scalars == $1.value.scalars })
        let (pred, surrogate, ss) = try bench.trainSurrogate(seed: 1, epochs: 1, dimension: 4, from: start)
        #expect(ss > 0)
        let u = try bench.evaluate(pred, surrogate: surrogate, on: bench.test, offset: 5)
        #expect(u.isFinite && u < 0)
    }
}
