import DFLLosses
import DFLRandom
import DFLTensor
import DFLTestSupport
import Foundation
import Testing

@testable import DFLBenchmarks

@Suite("So-EBM: energies, layers, importance sampling, training")
struct SoEBMTests {
    let task = PowerScheduling()

    @Test("Power energy op: gradient in μ and σ matches finite differences")
    func powerEnergyGradient() {
        var rng = SeededGenerator(seed: 1)
        let B = 2, M = 3, H = 4
        let small = PowerScheduling(hours: H)
        let decisions = Tensor(shape: [B, M, H], scalars: rng.uniform(1, 2, count: B * M * H))
        let mu = Tensor(shape: [B, H], scalars: rng.uniform(1.2, 1.8, count: B * H))
        let sd = Tensor(shape: [B, H], scalars: rng.uniform(0.1, 0.4, count: B * H))
        let weights = Tensor(shape: [B, M], scalars: rng.normal(count: B * M))
        let result = checkGradients(
            of: { v in sum(small.energy(mean: v[0], standardDeviation: v[1], decisions: decisions) * weights) },
            at: [mu, sd])
        #expect(result.passes(tolerance: 1e-6), "\(result)")
        // Values equal the plain closed form.
        let e = small.energy(mean: Variable(mu), standardDeviation: Variable(sd), decisions: decisions).value.scalars
        let direct = small.expectedCost(
            decision: Array(decisions.scalars[0..<H]), mean: Array(mu.scalars[0..<H]),
            standardDeviation: Array(sd.scalars[0..<H]))
        #expect(abs(e[0] - direct) < 1e-12)
    }

    @Test("DFL-QP layer: last-QP KKT gradient equals finite differences of the exact argmin (ramps active)")
    func decisionLayerGradient() throws {
        let H = 8
        let small = PowerScheduling(rampLimit: 0.15, hours: H)
        let layer = PowerDecisionLayer(task: small)
        var rng = SeededGenerator(seed: 9)
        let mu = Tensor(shape: [1, H], scalars: (0..<H).map { 1.5 + 0.5 * sin(Double($0)) })
        let sd = Tensor(shape: [1, H], scalars: rng.uniform(0.1, 0.3, count: H))
        let w = Tensor(shape: [1, H], scalars: rng.normal(count: H))
        let z = try layer(mean: Variable(mu), standardDeviation: Variable(sd)).value.scalars
        let active = (1..<H).filter { abs(abs(z[$0] - z[$0 - 1]) - small.rampLimit) < 1e-7 }.count
        #expect(active >= 1, "instance should have active ramps")
        let result = checkGradients(
            of: { v in
                let out =
                    (try? layer(mean: v[0], standardDeviation: v[1]))
                    ?? Variable(Tensor(shape: [1, H], scalars: [Double](repeating: .nan, count: H)))
                return sum(out * w)
            }, at: [mu, sd], epsilon: 1e-6)
        #expect(result.passes(tolerance: 1e-4), "\(result)")
    }

    @Test("Task loss as a variable equals the plain task loss; its gradient matches finite differences")
    func taskLossVariable() {
        var rng = SeededGenerator(seed: 2)
        let y = Tensor(shape: [2, 24], scalars: rng.uniform(1, 2, count: 48))
        let a = Tensor(shape: [2, 24], scalars: rng.uniform(1, 2, count: 48))
        let v = task.taskLoss(decisions: Variable(a), loads: y).value.scalar
        let plain =
            (task.taskLoss(load: Array(y.scalars[0..<24]), decision: Array(a.scalars[0..<24]))
                + task.taskLoss(load: Array(y.scalars[24...]), decision: Array(a.scalars[24...]))) / 2
        #expect(abs(v - plain) < 1e-10)
        let result = checkGradients(of: { task.taskLoss(decisions: $0[0], loads: y) }, at: [a])
        #expect(result.passes(tolerance: 1e-6), "\(result)")
    }

    @Test("Mixture proposal density integrates to 1 (1-D) and SNIS recovers a Gaussian's moments")
    func importanceSampling() throws {
        let proposal = try GaussianMixtureProposal(standardDeviations: [1.0, 0.5, 0.2])
        // ∫ π = 1 by the trapezoid rule.
        var integral = 0.0
        let h = 0.001
        var x = -10.0
        while x < 10 {
            integral += exp(proposal.logDensity([x], center: [0.3])) * h
            x += h
        }
        #expect(abs(integral - 1) < 1e-6)
        // Target q ∝ exp(−E), E(a) = (a − m)²/(2s²) ⇒ q = N(m, s²); E_q[a] = m, E_q[a²] = m² + s².
        let m = 0.4, s = 0.3
        var rng = SeededGenerator(seed: 4)
        var samples: [Double] = []
        let logPi = proposal.sample(around: [0.2], count: 200_000, rng: &rng, into: &samples)
        let w = selfNormalizedWeights(logTarget: samples.map { -($0 - m) * ($0 - m) / (2 * s * s) }, logProposal: logPi)
        let first = zip(w, samples).map { $0 * $1 }.reduce(0, +)
        let second = zip(w, samples).map { $0 * $1 * $1 }.reduce(0, +)
        #expect(abs(first - m) < 0.01)
        #expect(abs(second - (m * m + s * s)) < 0.01)
        #expect(throws: LossError.self) { try GaussianMixtureProposal(standardDeviations: [0.1, -1]) }
    }

    @Test("So-EBM surrogate: gradient equals the Eq. 6 estimator with the same samples")
    func surrogateGradient() throws {
        // With E(a; θ) = ½‖a − θ‖² (D = 2): ∂E/∂θ = θ − a, so the estimator is explicit.
        let config = SoEBMConfiguration(sampleCount: 64, proposalStandardDeviations: [0.3], klWeight: 0.5)
        let objective = try SoEBMObjective(configuration: config)
        let aStar = [0.5, -0.2], y = [0.1, 0.3]
        let theta = Tensor([0.2, 0.1])
        var captured: [Double] = []
        var rng = SeededGenerator(seed: 8)
        func energyOf(_ d: Tensor, _ th: Variable) -> Variable {
            captured = d.scalars
            let n = d.shape[1]
            let t: Variable = reshape(th, [1, 1, 2])
            let rep = Tensor(shape: [1, n, 1], scalars: [Double](repeating: 1, count: n))
            let diff: Variable = Variable(d) - t * rep
            let squared: Variable = square(diff)
            return 0.5 * sum(squared, axis: 2)
        }
        func oracleLoss(_ b: Int, _ a: [Double]) -> Double { zip(a, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
        func surrogate(_ v: [Variable]) -> Variable {
            let l = try? objective.loss(
                optimalDecisions: aStar, dimension: 2, energy: { energyOf($0, v[0]) }, taskLoss: oracleLoss, rng: &rng)
            return l ?? Variable(Tensor(.nan))
        }
        let (value, grads) = valueWithGradient(at: [theta], in: surrogate)
        #expect(value.isFinite)
        // Recompute the estimator by hand.
        let n = captured.count / 2
        var energies: [Double] = [], logPi: [Double] = [], oracle: [Double] = []
        let proposal = try GaussianMixtureProposal(standardDeviations: [0.3])
        for j in 1..<n {
            let a = [captured[2 * j], captured[2 * j + 1]]
            energies.append(0.5 * (pow(a[0] - 0.2, 2) + pow(a[1] - 0.1, 2)))
            logPi.append(proposal.logDensity(a, center: aStar))
            oracle.append(-(pow(a[0] - y[0], 2) + pow(a[1] - y[1], 2)))
        }
        let w = selfNormalizedWeights(logTarget: energies.map { -$0 }, logProposal: logPi)
        let v = selfNormalizedWeights(logTarget: oracle, logProposal: logPi)
        for k in 0..<2 {
            let th = theta.scalars[k]
            var g = th - aStar[k]
            for j in 1..<n {
                let d = th - captured[2 * j + k]
                g += -w[j - 1] * d + 0.5 * (v[j - 1] - w[j - 1]) * d
            }
            #expect(abs(grads[0].scalars[k] - g) < 1e-10)
        }
    }

    @Test("A tiny So-EBM run lowers the task loss of a poorly trained forecaster (seeded)")
    func tinyRunLowersTaskLoss() throws {
        // Synthetic 6-hour scheduling with 3 features; loads depend on the features.
        var rng = SeededGenerator(seed: 21)
        let H = 6, p = 3
        let small = PowerScheduling(rampLimit: 0.3, hours: H)
        func make(_ n: Int) throws -> PowerDataset {
            var x: [Double] = [], y: [Double] = []
            for _ in 0..<n {
                let f = rng.normal(count: p)
                x += f
                for h in 0..<H { y.append(1.5 + 0.3 * sin(Double(h) / 2 + f[0]) + 0.2 * f[1] + 0.1 * rng.normal()) }
            }
            return try PowerDataset(features: x, loads: y, count: n, featureCount: p, hours: H)
        }
        let train = try make(64), holdout = try make(32)
        var settings = PowerTrainingSettings()
        settings.hiddenSizes = [16]
        settings.dropoutRate = 0
        settings.twoStageIterations = 15
        settings.soEBMEpochs = 40
        settings.soEBMLearningRate = 1e-2
        settings.soEBM.sampleCount = 32
        let bench = try PowerBenchmark(task: small, train: train, holdout: holdout, test: train, settings: settings)
        let (model, _) = try bench.trainTwoStage(seed: 3)
        let before = try bench.evaluate(model, on: train)
        let result = try bench.trainSoEBM(from: model, seed: 3)
        #expect(result.testTaskLoss < before, "So-EBM \(result.testTaskLoss) vs two-stage \(before)")
        // Seeded: the same run gives the same number.
        let again = try bench.trainSoEBM(from: model, seed: 3)
        #expect(again.testTaskLoss == result.testTaskLoss)
    }

    @Test("Invalid So-EBM configurations throw")
    func invalidConfiguration() {
        #expect(throws: LossError.self) { try SoEBMObjective(configuration: SoEBMConfiguration(sampleCount: 0)) }
        #expect(throws: LossError.self) {
            try SoEBMObjective(
                configuration: SoEBMConfiguration(negativeSampler: .langevin(steps: 0, stepSize: 0.1, noise: 0)))
        }
    }
}
