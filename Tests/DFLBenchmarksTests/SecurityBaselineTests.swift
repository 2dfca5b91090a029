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

    /// Checks a directional derivative `analytic` of `f` at step 0 (`f(t)` = the loss moved by
    /// `t` along the direction) against central differences, with a tolerance that follows from the
    /// step and the function, not from the machine that runs it:
    ///
    /// - truncation: the central difference at step `h` errs by `c·hᵖ` with `p = 2` for a C³ loss
    ///   and `p = 1` where it is only C¹ (the over-coverage penalty); the differences at `h` and `3h`
    ///   differ by `(3ᵖ − 1)·c·hᵖ`, so `|D(3h) − D(h)| / 2` bounds the truncation error for either `p`;
    /// - evaluation noise: the defender's and the surrogate's projected-gradient solves stop when a
    ///   step moves the decision by less than 1e-10, which leaves the loss accurate to
    ///   `δ = 1e-7 · max(1, |f(0)|)` (seen: 1e-9 to 3e-8 across OpenBLAS kernels); a central
    ///   difference turns that into at most `δ / h`.
    ///
    /// The check demands the error below that bound; `h = 3e-3` balances the two terms (at
    /// `h = 1e-4` the noise term alone is 1e-3, which decided the old fixed 2e-3 tolerance by the BLAS
    /// kernel).
    func expectDirectionalDerivative(
        _ analytic: Double, of f: (Double) throws -> Double, _ label: String, step h: Double = 3e-3
    ) throws {
        func difference(_ h: Double) throws -> Double { (try f(h) - f(-h)) / (2 * h) }
        let fd = try difference(h)
        let truncation = abs(try difference(3 * h) - fd) / 2
        let noise = 1e-7 * max(1, abs(try f(0))) / h
        let tolerance = truncation + noise
        #expect(abs(fd - analytic) <= tolerance, "\(label): fd \(fd) vs analytic \(analytic), tolerance \(tolerance)")
    }

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
        for s in 0..<2 {
            let d = rng.normal(count: truth.count)
            let analytic = zip(g[s], d).map { $0 * $1 }.reduce(0, +)
            try expectDirectionalDerivative(
                analytic,
                of: { t in
                    var moved = scenarios
                    moved[s] = zip(moved[s], d).map { $0 + t * $1 }
                    return try loss(moved)
                }, "scenario \(s)")
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
        for s in 0..<2 {
            let d = rng.normal(count: truth.count)
            let analytic = zip(r.scenarios[s], d).map { $0 * $1 }.reduce(0, +)
            try expectDirectionalDerivative(
                analytic,
                of: { t in
                    var moved = scenarios
                    moved[s] = zip(moved[s], d).map { $0 + t * $1 }
                    return try loss(surrogate, moved)
                }, "scenario \(s)")
        }
        let d = rng.normal(count: surrogate.logits.count)
        let analytic = zip(r.logits, d).map { $0 * $1 }.reduce(0, +)
        try expectDirectionalDerivative(
            analytic,
            of: { t in
                var moved = surrogate
                moved.logits = zip(moved.logits, d).map { $0 + t * $1 }
                return try loss(moved, scenarios)
            }, "logits")
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
