import DFLLosses
import DFLOptimization
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

/// A tiny problem with its enumerated feasible set, for direct (brute-force) computations.
struct Toy: Sendable {
    let oracle: DecisionOracle
    let points: [[Double]]
    let sense: ObjectiveSense
    var s: Double { sense.sign }

    static func shortestPath() -> Toy {
        let grid = ShortestPathGrid(rows: 2, columns: 3)
        return Toy(
            oracle: DecisionOracle(solver: ShortestPathGridSolver(), problem: grid, threads: 2),
            points: feasibleBinaryPoints(grid.asMILP(costs: nil)), sense: .minimize)
    }

    static func topK() -> Toy {
        guard let p = try? TopK(items: 5, k: 2) else { preconditionFailure("Top-2 of 5 is a valid problem") }
        return Toy(
            oracle: DecisionOracle(solver: TopKSolver(), problem: p),
            points: feasibleBinaryPoints(p.asMILP(costs: nil)), sense: .maximize)
    }

    /// argmin (min) / argmax (max) of cᵀw over the enumerated points.
    func best(_ c: [Double]) -> [Double] {
        points.min { s * dot($0, c) < s * dot($1, c) }!
    }

    func batch(_ costs: [[Double]]) -> LossBatch {
        let sols = costs.map(best)
        return LossBatch(
            count: costs.count, dimension: costs[0].count, costs: costs.flatMap { $0 },
            solutions: sols.flatMap { $0 }, objectives: zip(costs, sols).map { dot($0, $1) })
    }
}

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }

/// The loss's value and gradient at `pred` with a fixed seed.
func evaluate(_ loss: any DecisionLoss, _ pred: [[Double]], _ batch: LossBatch, _ ctx: LossContext) throws -> (
    Double, [Double]
) {
    let p = Parameter(name: "pred", value: Tensor(pred))
    let l = try loss(Variable(parameter: p), batch: batch, context: ctx)
    l.backward()
    return (l.value.scalar, p.gradient?.scalars ?? [])
}

/// Direct computation of each loss on one instance by enumeration (value, gradient), or nil
/// where only a finite-difference check applies.
func direct(_ name: String, toy: Toy, chat: [Double], c: [Double], noise: [[Double]], sigma: Double, lambda: Double)
    -> (Double, [Double])
{
    let s = toy.s
    let wStar = toy.best(c)
    let zStar = dot(c, wStar)
    switch name {
    case "spo+":
        let q = zip(chat, c).map { 2 * $0 - $1 }
        let wt = toy.best(q)
        return (s * (-dot(q, wt) + 2 * dot(chat, wStar) - zStar), zip(wStar, wt).map { 2 * s * ($0 - $1) })
    case "sce":
        let wh = toy.best(chat)
        return (s * dot(zip(chat, c).map(-), zip(wStar, wh).map(-)), zip(wStar, wh).map { s * ($0 - $1) })
    case "pfyl":
        let ws = noise.map { xi in toy.best(zip(chat, xi).map { $0 + s * sigma * $1 }) }
        let objs = zip(noise, ws).map { xi, w in s * dot(zip(chat, xi).map { $0 + s * sigma * $1 }, w) }
        let meanW = (0..<c.count).map { j in ws.map { $0[j] }.reduce(0, +) / Double(ws.count) }
        return (s * dot(chat, wStar) - objs.reduce(0, +) / Double(ws.count), zip(wStar, meanW).map { s * ($0 - $1) })
    case "dbb":
        let w = toy.best(chat), wl = toy.best(zip(chat, c).map { $0 + lambda * $1 })
        return (s * (dot(c, w) - zStar), zip(wl, w).map { s * ($0 - $1) / lambda })
    case "nid":
        return (s * (dot(c, toy.best(chat)) - zStar), c.map { -$0 })
    default:
        fatalError("no direct formula for \(name)")
    }
}

@Suite struct LossTests {
    static let directNames = ["spo+", "sce", "pfyl", "dbb", "nid"]
    /// Losses whose gradient is the true gradient of their value (checked by finite differences).
    static let exactGradientNames = [
        "two-stage", "spo+", "sce", "pfyl", "pfymul", "nce", "cmap", "ltr-pointwise", "ltr-pairwise", "ltr-listwise",
        "pgb", "pgf", "pgc",
    ]
    /// Losses whose backward is an estimator (DBB, NID, DPO, DPOMul, I-MLE, AI-MLE), checked against its
    /// own formula (here and in `PerturbationFamilyTests`).
    static let estimatorNames = ["dbb", "nid", "dpo", "dpomul", "imle", "aimle", "rfwo", "rfy"]

    @Test func everyRegisteredLossIsChecked() {
        let checked = Set(LossTests.exactGradientNames + LossTests.estimatorNames)
        #expect(
            Set(LossRegistry.exactSolverNames) == checked,
            "unchecked: \(Set(LossRegistry.exactSolverNames).subtracting(checked))")
        // The smoothed-layer names are the loss kinds × layers that SmoothedLossTests checks.
        #expect(Set(LossRegistry.names) == checked.union(LossRegistry.smoothedNames))
        #expect(
            LossRegistry.smoothedNames.count == SmoothedSurrogateLoss.Kind.allCases.count
                * SmoothedLayerKind.allCases.count)
    }

    @Test(arguments: ["min", "max"], LossTests.directNames)
    func valueAndGradientMatchEnumeration(senseName: String, name: String) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        var rng = SeededGenerator(seed: 21)
        let d = toy.points[0].count
        let costs = (0..<3).map { _ in rng.uniform(0.5, 2, count: d) }
        let preds = (0..<3).map { _ in rng.uniform(0, 2, count: d) }
        let batch = toy.batch(costs)
        let h = LossHyperparameters()
        let loss = try LossRegistry.make(name, hyperparameters: h)
        let seed: UInt64 = 99
        let (value, grad) = try evaluate(loss, preds, batch, LossContext(oracle: toy.oracle, seed: seed))
        // The loss draws noise per instance from the seed, in instance order.
        var noiseRng = SeededGenerator(seed: seed)
        var expectedValue = 0.0
        var expectedGrad: [Double] = []
        for i in 0..<3 {
            let noise = (0..<h.samples).map { _ in noiseRng.normal(count: d) }
            let (v, g) = direct(
                name, toy: toy, chat: preds[i], c: costs[i], noise: noise, sigma: h.sigma, lambda: h.lambda)
            expectedValue += v / 3
            expectedGrad += g.map { $0 / 3 }
        }
        #expect(abs(value - expectedValue) < 1e-10, "\(name) \(senseName): \(value) vs \(expectedValue)")
        #expect(isApproximatelyEqual(grad, expectedGrad, tolerance: 1e-10), "\(name) \(senseName)")
    }

    @Test(arguments: ["min", "max"], LossTests.exactGradientNames)
    func gradientMatchesFiniteDifferences(senseName: String, name: String) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        var rng = SeededGenerator(seed: 5)
        let d = toy.points[0].count
        let costs = (0..<4).map { _ in rng.uniform(0.5, 2, count: d) }
        let preds = (0..<4).map { _ in rng.uniform(0, 2, count: d) }
        let batch = toy.batch(costs)
        let pool = SolutionPool(initial: toy.points.prefix(4).map { $0 }, solveRatio: 0)
        let ctx = LossContext(oracle: toy.oracle, seed: 7, pool: pool)
        let loss = try LossRegistry.make(name)
        let (_, grad) = try evaluate(loss, preds, batch, ctx)
        let eps = 1e-6
        for i in 0..<4 {
            for j in 0..<d {
                var plus = preds, minus = preds
                plus[i][j] += eps
                minus[i][j] -= eps
                let fd = (try evaluate(loss, plus, batch, ctx).0 - evaluate(loss, minus, batch, ctx).0) / (2 * eps)
                #expect(
                    abs(fd - grad[i * d + j]) < 1e-6, "\(name) \(senseName) [\(i),\(j)]: fd \(fd) vs \(grad[i * d + j])"
                )
            }
        }
    }

    @Test(arguments: ["min", "max"])
    func perturbedEstimatorsFollowTheirFormulas(senseName: String) throws {
        let toy = senseName == "min" ? Toy.shortestPath() : Toy.topK()
        var rng = SeededGenerator(seed: 8)
        let d = toy.points[0].count
        let c = rng.uniform(0.5, 2, count: d)
        let chat = rng.uniform(0, 2, count: d)
        let batch = toy.batch([c])
        // DPO: value is the squared decision error of the sample mean; gradient the smoothing estimator.
        let dpo = PerturbedOptimizer(samples: 6, sigma: 0.5)
        let (v, g) = try evaluate(dpo, [chat], batch, LossContext(oracle: toy.oracle, seed: 3))
        var nrng = SeededGenerator(seed: 3)
        let noise = (0..<6).map { _ in nrng.normal(count: d) }
        let ws = noise.map { xi in toy.best(zip(chat, xi).map { $0 + 0.5 * $1 }) }
        let wBar = (0..<d).map { j in ws.map { $0[j] }.reduce(0, +) / 6 }
        let wStar = toy.best(c)
        let sq = zip(wBar, wStar).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(d)
        #expect(abs(v - sq) < 1e-12)
        let up = zip(wBar, wStar).map { 2 * ($0 - $1) / Double(d) }
        let proj = ws.map { dot(up, $0) }
        var expected = [Double](repeating: 0, count: d)
        for k in 0..<6 {
            let b = (proj.reduce(0, +) - proj[k]) / 5
            for j in 0..<d { expected[j] += (proj[k] - b) * noise[k][j] / (6 * 0.5) }
        }
        #expect(isApproximatelyEqual(g, expected, tolerance: 1e-10))
        // I-MLE: regret of the noisy average, gradient (w̄_λ − w̄)/λ under the same noise.
        let imle = ImplicitMLE(samples: 4, sigma: 1, lambda: 2, kappa: 5)
        let (vi, gi) = try evaluate(imle, [chat], batch, LossContext(oracle: toy.oracle, seed: 4))
        var irng = SeededGenerator(seed: 4)
        let eps = (0..<4).map { _ in (0..<d).map { _ in ImplicitMLE.sumOfGamma(kappa: 5, terms: 10, rng: &irng) } }
        let s = toy.s
        func avg(_ base: [Double]) -> [Double] {
            let sols = eps.map { e in toy.best(zip(base, e).map { $0 + s * $1 }) }
            return (0..<d).map { j in sols.map { $0[j] }.reduce(0, +) / 4 }
        }
        let wb = avg(chat), wl = avg(zip(chat, c).map { $0 + 2 * $1 })
        #expect(abs(vi - s * (dot(c, wb) - dot(c, wStar))) < 1e-12)
        #expect(isApproximatelyEqual(gi, zip(wl, wb).map { s * ($0 - $1) / 2 }, tolerance: 1e-12))
    }

    @Test func sumOfGammaNoiseHasGumbelMean() {
        // Summing κ sum-of-gamma draws gives a Gumbel(0, 1) variable, whose mean is γ ≈ 0.5772.
        var rng = SeededGenerator(seed: 1)
        let n = 20000
        var total = 0.0
        for _ in 0..<n {
            total += (0..<5).map { _ in ImplicitMLE.sumOfGamma(kappa: 5, terms: 10, rng: &rng) }.reduce(0, +)
        }
        // With 10 terms the series is truncated: mean ≈ H_10 − log 10 ≈ 0.626.
        #expect(abs(total / Double(n) - 0.626) < 0.03)
    }

    @Test func badPredictionsAreTypedErrors() throws {
        let toy = Toy.shortestPath()
        let batch = toy.batch([[1, 1, 1, 1, 1, 1, 1]])
        var bad = [[Double]](repeating: [1, 1, 1, 1, 1, 1, 1], count: 1)
        bad[0][2] = .nan
        #expect(throws: LossError.nonFinitePrediction(instance: 0, coordinate: 2)) {
            try evaluate(SPOPlus(), bad, batch, LossContext(oracle: toy.oracle))
        }
        #expect(throws: LossError.self) { try evaluate(SPOPlus(), [[1, 2]], batch, LossContext(oracle: toy.oracle)) }
        #expect(throws: LossError.self) {
            try evaluate(NoiseContrastive(), [[1, 1, 1, 1, 1, 1, 1]], batch, LossContext(oracle: toy.oracle))
        }
        #expect(throws: LossError.self) { try LossRegistry.make("bogus") }
    }

    @Test func surrogatesAreZeroAtTruthAndSPOBoundsRegret() throws {
        let toy = Toy.shortestPath()
        var rng = SeededGenerator(seed: 9)
        let c = rng.uniform(0.5, 2, count: 7)
        let batch = toy.batch([c])
        for loss in [SPOPlus(), SelfContrastive()] as [any DecisionLoss] {
            #expect(abs(try evaluate(loss, [c], batch, LossContext(oracle: toy.oracle)).0) < 1e-12)
        }
        for _ in 0..<20 {
            let chat = rng.uniform(0, 2, count: 7)
            let spo = try evaluate(SPOPlus(), [chat], batch, LossContext(oracle: toy.oracle)).0
            let regret = dot(c, toy.best(chat)) - dot(c, toy.best(c))
            #expect(spo >= regret - 1e-12)
        }
    }
}
