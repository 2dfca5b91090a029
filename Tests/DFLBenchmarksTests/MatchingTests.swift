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
