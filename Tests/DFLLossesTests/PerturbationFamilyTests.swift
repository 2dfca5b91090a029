import DFLLosses
import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

/// PyEPO 2.2's perturbation-family losses (PGB, PGF, PGC, PFYMul, DPOMul, AI-MLE), each against
/// its formula computed here by enumerating the feasible set, for minimization (shortest path)
/// and maximization (Top-2).
@Suite struct PerturbationFamilyTests {
    /// Three instances: true costs, predictions, and the batch.
    private func instances(_ toy: Toy, seed: UInt64) -> ([[Double]], [[Double]], LossBatch) {
        var rng = SeededGenerator(seed: seed)
        let d = toy.points[0].count
        let costs = (0..<3).map { _ in rng.uniform(0.5, 2, count: d) }
        let preds = (0..<3).map { _ in rng.uniform(0.1, 2, count: d) }
        return (costs, preds, toy.batch(costs))
    }

    @Test(arguments: ["min", "max"], ["pgb", "pgf", "pgc"])
    func perturbationGradientIsTheFiniteDifferenceOfTheOptimalValue(senseName: String, name: String) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        let (costs, preds, batch) = instances(toy, seed: 31)
        let width = 0.3
        let (up, low, span): (Double, Double, Double) =
            name == "pgb" ? (0, -width, width) : name == "pgf" ? (width, 0, width) : (width, -width, 2 * width)
        var h = LossHyperparameters()
        h.pgWidth = width
        let (value, grad) = try evaluate(
            LossRegistry.make(name, hyperparameters: h), preds, batch, LossContext(oracle: toy.oracle))
        var expectedValue = 0.0, expectedGrad: [Double] = []
        for (c, chat) in zip(costs, preds) {
            let q1 = zip(chat, c).map { $0 + up * $1 }, q2 = zip(chat, c).map { $0 + low * $1 }
            let w1 = toy.best(q1), w2 = toy.best(q2)
            expectedValue += toy.s * (dot(q1, w1) - dot(q2, w2)) / span / 3
            expectedGrad += zip(w1, w2).map { toy.s * ($0 - $1) / span / 3 }
        }
        #expect(abs(value - expectedValue) < 1e-12)
        #expect(isApproximatelyEqual(grad, expectedGrad, tolerance: 1e-12))
    }

    /// The multiplicative factors `exp(σξ − σ²/2)` the losses draw from `seed`, per instance and sample.
    private func factors(seed: UInt64, instances: Int, samples: Int, d: Int, sigma: Double) -> (
        [[[Double]]], [[[Double]]]
    ) {
        var rng = SeededGenerator(seed: seed)
        let noise = (0..<instances).map { _ in (0..<samples).map { _ in rng.normal(count: d) } }
        return (noise, noise.map { $0.map { $0.map { exp(sigma * $0 - sigma * sigma / 2) } } })
    }

    @Test(arguments: ["min", "max"])
    func pfyMulIsTheFenchelYoungLossOfMultiplicativeNoise(senseName: String) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        let (costs, preds, batch) = instances(toy, seed: 32)
        let d = costs[0].count
        let loss = PerturbedFenchelYoung(samples: 5, sigma: 0.7, multiplicative: true)
        #expect(loss.name == "pfymul")
        let (value, grad) = try evaluate(loss, preds, batch, LossContext(oracle: toy.oracle, seed: 17))
        let (_, f) = factors(seed: 17, instances: 3, samples: 5, d: d, sigma: 0.7)
        var expectedValue = 0.0, expectedGrad: [Double] = []
        for i in 0..<3 {
            let wStar = toy.best(costs[i])
            let queries = f[i].map { fk in zip(preds[i], fk).map(*) }
            let ws = queries.map(toy.best)
            let meanObjective = zip(queries, ws).map { dot($0, $1) }.reduce(0, +) / 5
            let meanScaled = (0..<d).map { j in (0..<5).map { f[i][$0][j] * ws[$0][j] }.reduce(0, +) / 5 }
            expectedValue += toy.s * (dot(preds[i], wStar) - meanObjective) / 3
            expectedGrad += zip(wStar, meanScaled).map { toy.s * ($0 - $1) / 3 }
        }
        #expect(abs(value - expectedValue) < 1e-12)
        #expect(isApproximatelyEqual(grad, expectedGrad, tolerance: 1e-12))
    }

    @Test(arguments: ["min", "max"])
    func dpoMulUsesTheLogNormalScore(senseName: String) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        let (costs, preds, batch) = instances(toy, seed: 33)
        let d = costs[0].count, K = 6, sigma = 0.5
        let (value, grad) = try evaluate(
            PerturbedOptimizer(samples: K, sigma: sigma, multiplicative: true), preds, batch,
            LossContext(oracle: toy.oracle, seed: 5))
        let (noise, f) = factors(seed: 5, instances: 3, samples: K, d: d, sigma: sigma)
        var expectedValue = 0.0, expectedGrad: [Double] = []
        for i in 0..<3 {
            let wStar = toy.best(costs[i])
            let ws = f[i].map { fk in toy.best(zip(preds[i], fk).map(*)) }
            let wBar = (0..<d).map { j in ws.map { $0[j] }.reduce(0, +) / Double(K) }
            expectedValue += zip(wBar, wStar).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(d) / 3
            let up = zip(wBar, wStar).map { 2 * ($0 - $1) / Double(d) }
            let proj = ws.map { dot(up, $0) }
            var g = [Double](repeating: 0, count: d)
            for k in 0..<K {
                let baseline = (proj.reduce(0, +) - proj[k]) / Double(K - 1)
                for j in 0..<d { g[j] += (proj[k] - baseline) * noise[i][k][j] / (Double(K) * sigma * preds[i][j]) }
            }
            expectedGrad += g.map { $0 / 3 }
        }
        #expect(abs(value - expectedValue) < 1e-12)
        #expect(isApproximatelyEqual(grad, expectedGrad, tolerance: 1e-10))
    }

    @Test(arguments: ["min", "max"])
    func aimleIsImleWithTheAdaptiveStepAndMovesAlpha(senseName: String) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        let (costs, preds, batch) = instances(toy, seed: 34)
        let loss = AdaptiveImplicitMLE(samples: 4, sigma: 1, kappa: 5)
        #expect(loss.current == .init(alpha: 1, density: 1))
        let (value, grad) = try evaluate(loss, preds, batch, LossContext(oracle: toy.oracle, seed: 9))
        // λ = α‖Ĉ‖/‖C‖ with α = 1; the rest is I-MLE at that λ under the same noise.
        func norm(_ rows: [[Double]]) -> Double { rows.reduce(0.0) { $0 + dot($1, $1) }.squareRoot() }
        let lambda = norm(preds) / norm(costs)
        let imle = ImplicitMLE(samples: 4, sigma: 1, lambda: lambda, kappa: 5)
        let (v, g) = try evaluate(imle, preds, batch, LossContext(oracle: toy.oracle, seed: 9))
        #expect(abs(value - v) < 1e-12)
        #expect(isApproximatelyEqual(grad, g, tolerance: 1e-12))
        // The density of that gradient (×3: the batch mean) enters the moving average; α moves by 1e-3.
        let density = Double(g.filter { abs($0 * 3) > 1e-8 }.count) / Double(g.count)
        let average = 0.9 + 0.1 * density
        #expect(abs(loss.current.density - average) < 1e-15)
        #expect(abs(loss.current.alpha - (average < 1 ? 1.001 : 0.999)) < 1e-15)
    }
}
