import DFLCoinOR
import DFLRandom
import Foundation
import Testing

@testable import DFLOptimization

/// A PyEPO-sized 2-D knapsack: weights in {3.00, …, 7.99}, capacity 1.65 per item (Fig. 3's rows).
func pyepoKnapsack(items m: Int, rng: inout SeededGenerator) throws -> Knapsack {
    let weights = (0..<2).map { _ in (0..<m).map { _ in Double(rng.integer(in: 300..<800)) / 100 } }
    return try Knapsack(weights: weights, capacities: [1.65 * Double(m), 1.65 * Double(m)])
}

@Suite struct KnapsackBranchAndBoundTests {
    /// Integer costs with many ties (PyEPO's labels) and real-valued near-ties (predictions), at 50 and
    /// 100 items, where the table does not apply (0.01 units: 8251² states per item at 50 items).
    @Test(arguments: [50, 100])
    func matchesCBCOnPyEPOSizedInstances(items m: Int) throws {
        var rng = SeededGenerator(seed: UInt64(m))
        for trial in 0..<6 {
            let kp = try pyepoKnapsack(items: m, rng: &rng)
            let c =
                trial % 2 == 0
                ? (0..<m).map { _ in Double(rng.integer(in: 1..<8)) }
                : (0..<m).map { _ in Double(rng.integer(in: 1..<8)) * rng.uniform(0.9, 1.1) - 0.5 }
            let bb = try KnapsackSolver(method: .branchAndBound).solve(kp, costs: c)
            let cbc = try MILPSolver<Knapsack>().solve(kp, costs: c)
            #expect(abs(bb.objective - cbc.objective) < 1e-6 * max(1, cbc.objective), "items \(m) trial \(trial)")
            #expect(satisfies(kp.asMILP(costs: c), bb.decision), "items \(m) trial \(trial)")
        }
    }

    /// The surrogate multipliers make the root bound the LP relaxation's value (LP duality) up to the
    /// golden-section search's resolution, checked against CLP.
    @Test func surrogateRootBoundIsTheLPBound() throws {
        var rng = SeededGenerator(seed: 5)
        for trial in 0..<5 {
            let m = 30 + 10 * trial
            let kp = try pyepoKnapsack(items: m, rng: &rng)
            let c = rng.uniform(0.5, 10, count: m)
            let normalized = kp.weights.enumerated().map { d, w in w.map { $0 / kp.capacities[d] } }
            let (_, bound) = surrogateMultipliers(values: c, normalizedWeights: normalized)
            let lp = try CLPSolver().solve(kp.asMILP(costs: c).relaxation).solution.objective
            #expect(bound >= lp - 1e-9 * lp, "trial \(trial): a surrogate bound is never below the LP value")
            #expect(bound <= lp * (1 + 1e-3), "trial \(trial): surrogate \(bound) vs LP \(lp)")
        }
    }

    /// The quickselect fill equals the sorted fill, ties in value per weight included.
    @Test func selectedFillEqualsTheSortedFill() {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<40 {
            let n = 1 + trial % 13
            let values = (0..<n).map { _ in Double(rng.integer(in: 1..<5)) }
            let weights = (0..<n).map { _ in trial % 2 == 0 ? Double(rng.integer(in: 1..<4)) : rng.uniform(0.5, 3) }
            let ratio = (0..<n).map { values[$0] / weights[$0] }
            let capacity = rng.uniform(0, 1.2) * weights.reduce(0, +)
            let sorted = (0..<n).sorted { ratio[$0] > ratio[$1] }
            let expected = fractionalFill(sorted, values: values, weights: weights, capacity: capacity)
            var candidates = Array(0..<n)
            let selected = selectedFill(
                &candidates, count: n, ratio: ratio, values: values, weights: weights, capacity: capacity)
            #expect(abs(selected - expected) <= 1e-12 * max(1, expected), "trial \(trial)")
        }
    }

    @Test func nodeLimitThrowsAndTheFallbackFinishes() throws {
        var rng = SeededGenerator(seed: 9)
        let kp = try pyepoKnapsack(items: 50, rng: &rng)
        let c = rng.uniform(1, 2, count: 50)
        let limited = KnapsackSolver(method: .branchAndBound, nodeLimit: 3)
        #expect { try limited.solve(kp, costs: c) } throws: { ($0 as? SolverError)?.reason == .limitReached }
        let fallback = FallbackSolver(primary: limited, fallback: MILPSolver<Knapsack>())
        let exact = try KnapsackSolver(method: .branchAndBound).solve(kp, costs: c)
        #expect(abs(try fallback.solve(kp, costs: c).objective - exact.objective) < 1e-6)
        // Errors other than a limit are the primary's own, not retried.
        #expect { try fallback.solve(kp, costs: [1, 2]) } throws: { ($0 as? SolverError)?.reason == .dimensionMismatch }
    }
}
