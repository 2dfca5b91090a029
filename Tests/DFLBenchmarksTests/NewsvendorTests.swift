import DFLBenchmarks
import DFLNN
import DFLRandom
import DFLTensor
import DFLTestSupport
import DFLTraining
import Testing

@Suite struct NewsvendorTests {
    let layer = NewsvendorProjection(
        mu: 1, lower: [Double](repeating: 0, count: 5), upper: [Double](repeating: 10, count: 5), totalMin: 15,
        totalMax: 25)

    @Test func projectionIsFeasibleAndSatisfiesKKT() {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<50 {
            let p = rng.uniform(-12, 2, count: 5)
            let (x, tau, _) = layer.solve(p)
            let total = x.reduce(0, +)
            #expect(total >= 15 - 1e-9 && total <= 25 + 1e-9)
            #expect(x.allSatisfy { $0 >= -1e-12 && $0 <= 10 + 1e-12 })
            // Stationarity: x = clip(−p − τ) with τ ≥ 0 only when the minimum total binds, ≤ 0 at the maximum.
            if tau > 1e-9 { #expect(abs(total - 25) < 1e-7) }
            if tau < -1e-9 { #expect(abs(total - 15) < 1e-7) }
        }
    }

    @Test func layerGradientMatchesFiniteDifferencesAndClosedForm() {
        var rng = SeededGenerator(seed: 2)
        // Prices putting the unconstrained total above the maximum, so the sum constraint binds.
        let p = Tensor(shape: [2, 5], scalars: rng.uniform(-9, -5, count: 10))
        let r = checkGradients(
            of: { v in sum(layer(v[0]) * Tensor(shape: [2, 5], scalars: (0..<10).map { Double($0) })) }, at: [p])
        #expect(r.passes(tolerance: 1e-6), "\(r)")
        // Closed form: with the total binding and all free, J = −(I − 11ᵀ/n)/μ.
        let row = Array(p.scalars[0..<5])
        let sol = layer.solve(row)
        #expect(sol.totalActive)
        let g = [1.0, 0, 0, 0, 0]
        let vjp = layer.vjp(g, p: row, solution: sol)
        #expect(isApproximatelyEqual(vjp, [-0.8, 0.2, 0.2, 0.2, 0.2], tolerance: 1e-12))
    }

    @Test func equilibriumIsAFixedPoint() {
        let bench = NewsvendorBenchmark(products: 6, features: 4, seed: 3)
        for inst in bench.sample(count: 5, priceNoise: 0, seed: 4) {
            let x = bench.layer.solve(bench.prices(decision: inst.decision, features: inst.features)).x
            #expect(isApproximatelyEqual(x, inst.decision, tolerance: 1e-8))
            #expect(
                isApproximatelyEqual(
                    inst.prices, bench.prices(decision: inst.decision, features: inst.features), tolerance: 1e-12))
        }
    }

    @Test(arguments: RecursiveMethod.allCases)
    func trainingLowersDecisionError(method: RecursiveMethod) throws {
        let bench = NewsvendorBenchmark(products: 5, features: 4, seed: 5)
        let train = bench.sample(count: 40, seed: 6), test = bench.sample(count: 24, seed: 7)
        var c = RecursiveTrainingConfiguration()
        c.epochs = 0
        c.learningRate = 0.01
        c.unrollSteps = 5
        let untrained = try NewsvendorTrainer(benchmark: bench, configuration: c).run(method, train: train, test: test)
        c.epochs = 4
        let trained = try NewsvendorTrainer(benchmark: bench, configuration: c).run(method, train: train, test: test)
        #expect(
            trained.decisionRMSE < untrained.decisionRMSE,
            "\(method): \(untrained.decisionRMSE) → \(trained.decisionRMSE)")
    }
}

@Suite struct ImplicitDiagnosticTests {
    @Test func implicitRunsWithoutFallback() throws {
        let bench = NewsvendorBenchmark(products: 5, features: 4, seed: 5)
        let train = bench.sample(count: 16, seed: 6), test = bench.sample(count: 8, seed: 7)
        var c = RecursiveTrainingConfiguration()
        c.epochs = 1
        let r = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
        #expect(r.implicitFallbacks == 0, "\(r.lastFallbackReason ?? "")")
        // Training uses the matrix-free backward: no Jacobian is formed, only pullbacks.
        #expect(r.denseJacobianColumns == 0)
        #expect(r.backwardPullbacksPerBatch >= 1 && r.forwardEvaluationsPerBatch >= 2)
        // Every test instance reached its own fixed point.
        #expect(r.evaluationInstances == 8 && r.evaluationFallbacks == 0)
    }

    @Test func contractionCheckIsAmortizedToOncePerEpoch() throws {
        let bench = NewsvendorBenchmark(products: 5, features: 4, seed: 5)
        let train = bench.sample(count: 24, seed: 6), test = bench.sample(count: 8, seed: 7)
        var c = RecursiveTrainingConfiguration.paperImplicit
        c.epochs = 2
        c.batchSize = 8
        let amortized = try NewsvendorTrainer(benchmark: bench, configuration: c).run(
            .implicit, train: train, test: test)
        c.contractionCheck = .everyBatch
        let every = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
        #expect(amortized.implicitFallbacks == 0 && every.implicitFallbacks == 0)
        // 3 batches per epoch: one check of 10 products per epoch against one per batch.
        #expect(abs(amortized.contractionPullbacksPerBatch - 10.0 / 3) < 1e-12)
        #expect(every.contractionPullbacksPerBatch == 10)
        // The check changes no gradient: the same weights, the same test RMSE.
        #expect(amortized.decisionRMSE == every.decisionRMSE)
        #expect(amortized.lastSpectralRadius.map { $0 > 0 && $0 < 1 } == true)
    }
}

@Suite struct SequencePredictorTests {
    @Test(arguments: [PredictorKind.rnn, .lstm, .transformer])
    func sequencePredictorsTrainRecursively(kind: PredictorKind) throws {
        let bench = NewsvendorBenchmark(products: 4, features: 3, seed: 8)
        let train = bench.sample(count: 24, seed: 9), test = bench.sample(count: 12, seed: 10)
        var c = RecursiveTrainingConfiguration()
        c.predictor = kind
        c.hidden = 8
        c.learningRate = 0.01
        c.unrollSteps = 3
        c.epochs = 0
        let before = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
        c.epochs = 3
        let after = try NewsvendorTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
        #expect(after.decisionRMSE < before.decisionRMSE, "\(kind): \(before.decisionRMSE) → \(after.decisionRMSE)")
    }
}
