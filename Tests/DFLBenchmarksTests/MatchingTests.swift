import DFLBenchmarks
import DFLRandom
import DFLTensor
import DFLTestSupport
import DFLTraining
import Foundation
import Testing

@Suite struct MatchingTests {
    @Test func equilibriumIsAFeasibleFixedPoint() throws {
        let bench = try MatchingBenchmark(size: 4)
        for inst in try bench.sample(count: 3, seed: 1) {
            let x = inst.decision
            for i in 0..<4 { #expect((0..<4).map { x[i * 4 + $0] }.reduce(0, +) <= 1 + 1e-7) }
            for j in 0..<4 { #expect((0..<4).map { x[$0 * 4 + j] }.reduce(0, +) <= 1 + 1e-7) }
            #expect(x.reduce(0, +) >= 2 - 1e-7)
            let again = try bench.optimize(
                Variable(Tensor(shape: [1, 16], scalars: bench.costs(decision: x, features: inst.features)))
            ).value.scalars
            #expect(isApproximatelyEqual(again, x, tolerance: 1e-7))
        }
    }

    @Test func batchedEquilibriaMatchOneAtATime() throws {
        let bench = try MatchingBenchmark(size: 3)
        var rng = SeededGenerator(seed: 5)
        let vs = (0..<4).map { _ in bench.randomFeatures(rng: &rng) }
        let batched = try bench.equilibria(features: vs)
        for (v, x) in zip(vs, batched) {
            #expect(isApproximatelyEqual(try bench.equilibrium(features: v), x, tolerance: 1e-12))
        }
    }

    @Test func csvLoaderReadsInstancesAndReportsBadRows() throws {
        let bench = try MatchingBenchmark(size: 3)
        var rng = SeededGenerator(seed: 2)
        let header = (0..<9).map { "t\($0)" } + (0..<3).map { "u\($0)" } + (0..<3).map { "f\($0)" } + ["peak"]
        let rows = (0..<2).map { _ in bench.randomFeatures(rng: &rng).map { "\($0)" }.joined(separator: ",") }
        let path = NSTemporaryDirectory() + "dflkit-matching-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ([header.joined(separator: ",")] + rows).joined(separator: "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(try bench.load(csv: path).count == 2)
        try (header.joined(separator: ",") + "\n1,2,3\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: MatchingDataError.self) { try bench.load(csv: path) }
    }

    @Test func costJacobianTransposeMatchesFiniteDifferences() throws {
        // The costs are affine in x, so a unit finite difference is exact up to rounding.
        let bench = try MatchingBenchmark(size: 3)
        var rng = SeededGenerator(seed: 8)
        let v = bench.randomFeatures(rng: &rng)
        let x = rng.uniform(0, 1, count: 9), w = rng.normal(count: 9)
        let base = bench.costs(decision: x, features: v)
        let fd = (0..<9).map { k -> Double in
            var xk = x
            xk[k] += 1
            return zip(bench.costs(decision: xk, features: v), base).map { $0 - $1 }.enumerated()
                .map { w[$0.offset] * $0.element }.reduce(0, +)
        }
        #expect(isApproximatelyEqual(bench.costJacobianTransposeProduct(w, features: v), fd, tolerance: 1e-10))
    }

    @Test func spectralRadiusEstimateAgreesWithGelfandOnTheDenseJacobian() throws {
        let bench = try MatchingBenchmark(size: 3)
        let instances = try bench.sample(count: 3, seed: 5)
        let xs = instances.map(\.decision), vs = instances.map(\.features)
        let estimates = try bench.spectralRadiusEstimates(equilibria: xs, features: vs, iterations: 200)
        for (i, instance) in instances.enumerated() {
            // Jᵀ column by column: Jᵀ e_r = (∂c/∂x)ᵀ (∂G/∂c)ᵀ e_r, through the QP layer's exact VJP.
            let c = Variable(
                differentiable: Tensor(shape: [1, 9], scalars: bench.costs(decision: xs[i], features: vs[i])))
            let g = try bench.optimize(c)
            var jt = [[Double]](repeating: [Double](repeating: 0, count: 9), count: 9)
            for r in 0..<9 {
                var e = [Double](repeating: 0, count: 9)
                e[r] = 1
                let col = bench.costJacobianTransposeProduct(
                    vectorJacobianProduct(of: g, withRespectTo: [c], seed: Tensor(shape: [1, 9], scalars: e))[0]
                        .scalars,
                    features: instance.features)
                for k in 0..<9 { jt[k][r] = col[k] }
            }
            // Gelfand: ρ = lim ‖A^m‖^{1/m}, by 12 normalized squarings (m = 4096).
            var a = jt, logNorm = 0.0
            for _ in 0..<12 {
                var sq = [[Double]](repeating: [Double](repeating: 0, count: 9), count: 9)
                for r in 0..<9 { for k in 0..<9 { for l in 0..<9 { sq[r][l] += a[r][k] * a[k][l] } } }
                let norm = sq.flatMap { $0 }.map { $0 * $0 }.reduce(0, +).squareRoot()
                logNorm = 2 * logNorm + (norm > 0 ? log(norm) : -1e300)
                a = norm > 0 ? sq.map { $0.map { $0 / norm } } : sq
            }
            let rho = exp(logNorm / 4096)
            #expect(abs(estimates[i] - rho) < 0.02 * max(rho, 1e-3), "estimate \(estimates[i]) vs Gelfand \(rho)")
            #expect(estimates[i] < 1)
        }
    }

    @Test func samplerRejectsDrawsAboveTheSpectralRadiusBound() throws {
        var bench = try MatchingBenchmark(size: 3)
        let (kept, rejectedAtOne) = try bench.sampleWithRejections(count: 6, seed: 9)
        let rhos = try bench.spectralRadiusEstimates(
            equilibria: kept.map(\.decision), features: kept.map(\.features))
        #expect(rhos.allSatisfy { $0 < 1 })
        // A bound between the kept draws' estimates rejects the draws above it.
        let median = rhos.sorted()[rhos.count / 2]
        bench.maximumSpectralRadius = median
        let (strict, rejectedStrict) = try bench.sampleWithRejections(count: 3, seed: 9)
        let strictRhos = try bench.spectralRadiusEstimates(
            equilibria: strict.map(\.decision), features: strict.map(\.features))
        #expect(strictRhos.allSatisfy { $0 < median })
        #expect(rejectedStrict > rejectedAtOne, "\(rejectedStrict) vs \(rejectedAtOne)")
    }

    @Test func threadCountDoesNotChangeTheSample() throws {
        let one = try MatchingBenchmark(size: 3, threads: 1).sample(count: 4, seed: 12)
        let all = try MatchingBenchmark(size: 3).sample(count: 4, seed: 12)
        #expect(one.map(\.decision) == all.map(\.decision))
    }

    @Test func recursiveTrainingLowersDecisionError() throws {
        let bench = try MatchingBenchmark(size: 3)
        let train = try bench.sample(count: 24, seed: 3), test = try bench.sample(count: 12, seed: 4)
        var c = RecursiveTrainingConfiguration()
        c.learningRate = 0.01
        c.unrollSteps = 3
        c.epochs = 0
        let before = try RecursiveTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
        c.epochs = 4
        let after = try RecursiveTrainer(benchmark: bench, configuration: c).run(.implicit, train: train, test: test)
        #expect(after.decisionRMSE < before.decisionRMSE, "\(before.decisionRMSE) → \(after.decisionRMSE)")
    }
}
