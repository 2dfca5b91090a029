import DFLCoinOR
import DFLOptimization
import DFLRandom
import DFLTestSupport
import Foundation
import Testing

/// A random knapsack with `dims` rows of weights drawn as `integral ? integers 3…7 : U(0.3, 8)`
/// and capacities a fraction of the row sums.
func randomKnapsack(
    items m: Int, dims: Int, integral: Bool, fill: Double = 0.4, rng: inout SeededGenerator
) throws -> Knapsack {
    let weights = (0..<dims).map { _ in
        (0..<m).map { _ in integral ? Double(rng.integer(in: 3..<8)) : rng.uniform(0.3, 8) }
    }
    return try Knapsack(weights: weights, capacities: weights.map { (fill * $0.reduce(0, +)).rounded() })
}

@Suite struct KnapsackTests {
    @Test(arguments: KnapsackSolver.Method.allCases)
    func everyMethodMatchesBruteForce(method: KnapsackSolver.Method) throws {
        var rng = SeededGenerator(seed: 2)
        let solver = KnapsackSolver(method: method)
        for trial in 0..<30 {
            let m = 6 + trial % 9
            let dims = 1 + trial % 3
            let kp = try randomKnapsack(
                items: m, dims: dims, integral: trial % 2 == 0 || method == .dynamicProgramming, rng: &rng)
            let c = rng.uniform(-1, 5, count: m)
            let s = try solver.solve(kp, costs: c)
            let b = try #require(bruteForceBinary(kp.asMILP(costs: c)))
            #expect(abs(s.objective - b.objective) < 1e-9, "trial \(trial)")
            #expect(satisfies(kp.asMILP(costs: c), s.decision), "trial \(trial)")
            #expect(abs(objective(of: s.decision, costs: c) - s.objective) < 1e-12)
        }
    }

    @Test func tableAndBranchAndBoundAgreeOnLargerInstances() throws {
        var rng = SeededGenerator(seed: 21)
        for trial in 0..<10 {
            let kp = try randomKnapsack(items: 40, dims: 1, integral: true, fill: 0.3, rng: &rng)
            let c = rng.uniform(0, 10, count: 40)
            let dp = try KnapsackSolver(method: .dynamicProgramming).solve(kp, costs: c)
            let bb = try KnapsackSolver(method: .branchAndBound).solve(kp, costs: c)
            #expect(abs(dp.objective - bb.objective) < 1e-9, "trial \(trial)")
        }
    }

    @Test func centWeightsUseTheTableExactly() throws {
        // Weights 0.01-multiples: capacity 1.00 fits 0.33 + 0.67 exactly (floating sum 1.0000000000000002 ok).
        let kp = try Knapsack(weights: [[0.33, 0.67, 0.5, 0.51]], capacities: [1.0])
        let c: [Double] = [2, 2, 1.5, 1.5]
        let s = try KnapsackSolver(method: .dynamicProgramming).solve(kp, costs: c)
        #expect(s.decision == [1, 1, 0, 0] && s.objective == 4)
        #expect(try KnapsackSolver(method: .branchAndBound).solve(kp, costs: c).objective == 4)
    }

    @Test func nonPositiveValuesAreNeverTakenAndEmptyIsOptimal() throws {
        let kp = try Knapsack(weights: [[1, 2, 3], [1, 1, 1]], capacities: [10, 10])
        let s = try KnapsackSolver().solve(kp, costs: [-1, 0, 2])
        #expect(s.decision == [0, 0, 1] && s.objective == 2)
        let none = try KnapsackSolver().solve(kp, costs: [-1, -2, -3])
        #expect(none.decision == [0, 0, 0] && none.objective == 0)
        let zeroCap = try Knapsack(weights: [[1, 0, 2]], capacities: [0])
        for method in KnapsackSolver.Method.allCases {
            let z = try KnapsackSolver(method: method).solve(zeroCap, costs: [5, 1, 7])
            #expect(z.decision == [0, 1, 0], "\(method)")
        }
    }

    @Test func multiDimensionalTableMatchesBranchAndBoundAndCBC() throws {
        var rng = SeededGenerator(seed: 23)
        for trial in 0..<5 {
            // PyEPO-style 2-D instances (the larger ones beyond branch and bound's comfortable range), one 3-D.
            let m = trial < 2 ? 24 : trial == 4 ? 14 : 60
            let kp = try randomKnapsack(items: m, dims: trial == 4 ? 3 : 2, integral: true, fill: 0.3, rng: &rng)
            let c = rng.uniform(0, 10, count: m)
            let dp = try KnapsackSolver(method: .dynamicProgramming).solve(kp, costs: c)
            let reference =
                trial < 2
                ? try KnapsackSolver(method: .branchAndBound).solve(kp, costs: c)
                : try MILPSolver<Knapsack>().solve(kp, costs: c)
            #expect(abs(dp.objective - reference.objective) < 1e-6 * (1 + abs(reference.objective)), "trial \(trial)")
            #expect(satisfies(kp.asMILP(costs: c), dp.decision), "trial \(trial)")
        }
        // Mixed units: dimension 0 in tenths, dimension 1 integral.
        let mixed = try Knapsack(weights: [[0.5, 0.7, 1.2], [1, 2, 1]], capacities: [1.2, 2])
        let s = try KnapsackSolver(method: .dynamicProgramming).solve(mixed, costs: [1, 1.5, 2])
        let b = try #require(bruteForceBinary(mixed.asMILP(costs: [1, 1.5, 2])))
        #expect(abs(s.objective - b.objective) < 1e-12)
    }

    @Test func forcedTableOnAnUnsuitableInstanceThrows() throws {
        let irrational = try Knapsack(weights: [[0.123456, 1]], capacities: [1])
        #expect(throws: SolverError.self) {
            try KnapsackSolver(method: .dynamicProgramming).solve(irrational, costs: [1, 1])
        }
        // Automatic falls back to branch and bound and stays exact.
        #expect(try KnapsackSolver().solve(irrational, costs: [1, 1]).objective == 1)
    }

    @Test func matchesCBCOnPyEPOSizedMultiDimensionalInstances() throws {
        var rng = SeededGenerator(seed: 22)
        for trial in 0..<4 {
            let kp = try randomKnapsack(items: 32, dims: 2, integral: true, fill: 0.5, rng: &rng)
            let c = rng.uniform(1, 10, count: 32).map { $0.rounded() }
            let s = try KnapsackSolver().solve(kp, costs: c)
            let cbc = try MILPSolver<Knapsack>().solve(kp, costs: c)
            #expect(abs(s.objective - cbc.objective) < 1e-7, "trial \(trial)")
            #expect(satisfies(kp.asMILP(costs: c), s.decision))
        }
    }

    /// Values proportional to weights (a subset-sum in disguise) tie every fractional bound, so the
    /// search's budget runs out and the table finishes; every answer stays exact, whatever the table limit.
    @Test(arguments: [0, 1_000_000, Int.max])
    func automaticIsExactWhenTheSearchHandsOverToTheTable(maximumTableCells: Int) throws {
        var rng = SeededGenerator(seed: 24)
        for trial in 0..<6 {
            let m = 10 + trial
            let weights = (0..<m).map { _ in Double(rng.integer(in: 20..<60)) }
            let kp = try Knapsack(weights: [weights], capacities: [(0.5 * weights.reduce(0, +)).rounded() + 0.5])
            let c = trial % 2 == 0 ? weights : weights.map { 3 * $0 }
            let s = try KnapsackSolver(maximumTableCells: maximumTableCells).solve(kp, costs: c)
            let b = try #require(bruteForceBinary(kp.asMILP(costs: c)))
            #expect(abs(s.objective - b.objective) < 1e-9, "trial \(trial)")
            #expect(satisfies(kp.asMILP(costs: c), s.decision), "trial \(trial)")
        }
    }

    @Test func malformedKnapsacksThrow() {
        #expect(throws: SolverError.self) { try Knapsack(weights: [[1, 2]], capacities: [1, 2]) }
        #expect(throws: SolverError.self) { try Knapsack(weights: [[1, 2], [1]], capacities: [1, 2]) }
        #expect(throws: SolverError.self) { try Knapsack(weights: [[1, -2]], capacities: [1]) }
        #expect(throws: SolverError.self) { try Knapsack(weights: [[1, .nan]], capacities: [1]) }
        #expect(throws: SolverError.self) { try Knapsack(weights: [[1, 2]], capacities: [.infinity]) }
        #expect(throws: SolverError.self) { try Knapsack(weights: [], capacities: []) }
        let bad = Data(#"{"weights": [[1, 2]], "capacities": [1, 2]}"#.utf8)
        #expect(throws: SolverError.self) { try JSONDecoder().decode(Knapsack.self, from: bad) }
    }
}
