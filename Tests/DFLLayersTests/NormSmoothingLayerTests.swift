import DFLLayers
import DFLOptimization
import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

/// `max yᵀv` s.t. `1ᵀv ≤ 1`, `0 ≤ v ≤ 1` (App. B's Top-1 polytope).
private func topOneProgram(_ n: Int) -> MixedIntegerProgram {
    MixedIntegerProgram(
        objective: [Double](repeating: 0, count: n), sense: .maximize,
        inequalityMatrix: [[Double](repeating: 1, count: n)], inequalityRHS: [1],
        lowerBounds: [Double](repeating: 0, count: n), upperBounds: [Double](repeating: 1, count: n))
}

/// A 4-item, 2-row knapsack relaxation (maximize).
private func smallKnapsackProgram() -> MixedIntegerProgram {
    MixedIntegerProgram(
        objective: [0, 0, 0, 0], sense: .maximize,
        inequalityMatrix: [[3, 5, 4, 2], [4, 2, 3, 5]], inequalityRHS: [7, 6],
        lowerBounds: [0, 0, 0, 0], upperBounds: [1, 1, 1, 1])
}

/// Central differences of `gᵀ v(ŷ)` against the layer's vector–Jacobian product.
private func gradientError(_ layer: NormSmoothingLayer, costs: [Double], cotangent g: [Double]) throws -> Double {
    let analytic = try layer.solve(costs).costGradient(g)
    let h = 1e-6
    var worst = 0.0
    for j in 0..<costs.count {
        var plus = costs, minus = costs
        plus[j] += h
        minus[j] -= h
        let fp = zip(g, try layer.solve(plus).decision).reduce(0) { $0 + $1.0 * $1.1 }
        let fm = zip(g, try layer.solve(minus).decision).reduce(0) { $0 + $1.0 * $1.1 }
        let numeric = (fp - fm) / (2 * h)
        worst = max(worst, abs(numeric - analytic[j]) / max(1, abs(numeric)))
    }
    return worst
}

@Suite("Norm-smoothed layer ŷᵀv + τ‖v‖₂")
struct NormSmoothingLayerTests {
    @Test("Top-1: equals the closed form (App. B / Table 2 smoother), including the v = 0 regime")
    func matchesTopOneClosedForm() throws {
        var rng = SeededGenerator(seed: 11)
        for m in [5, 10] {
            for tau in [0.5, 1.05, 1.5, 2, 5] {
                let layer = try NormSmoothingLayer(program: topOneProgram(m), configuration: .init(smoothing: tau))
                let y = rng.permutation(m).map { Double($0 + 1) }
                let ours = try layer.solve(y).decision
                let exact = try NormSmoothedTopOne.solve(y, tau: tau)
                #expect(isApproximatelyEqual(ours, exact, tolerance: 1e-7), "M = \(m), τ = \(tau): \(ours) vs \(exact)")
            }
        }
        let layer = try NormSmoothingLayer(program: topOneProgram(3), configuration: .init(smoothing: 1))
        let zero = try layer.solve([0.3, -0.2, 0.1])
        #expect(zero.decision == [0, 0, 0])
        #expect(try zero.costGradient([1, 2, 3]) == [0, 0, 0])
    }

    @Test("the solution is optimal: no convex combination of grid paths has a lower ŷᵀv + τ‖v‖₂")
    func optimalOnGridFlow() throws {
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        let paths = allGridPaths(grid)
        var rng = SeededGenerator(seed: 5)
        for tau in [0.2, 1.0, 3.0] {
            let layer = try NormSmoothingLayer(problem: grid, configuration: .init(smoothing: tau))
            let c = rng.uniform(0.5, 2, count: grid.costDimension)
            let v = try layer.solve(c).decision
            func f(_ w: [Double]) -> Double {
                zip(c, w).reduce(0) { $0 + $1.0 * $1.1 } + tau * w.reduce(0) { $0 + $1 * $1 }.squareRoot()
            }
            let ours = f(v)
            for _ in 0..<1000 {
                let weights = rng.uniform(0, 1, count: paths.count).map { $0 * $0 * $0 }
                let total = weights.reduce(0, +)
                var w = [Double](repeating: 0, count: grid.costDimension)
                for (k, p) in paths.enumerated() { for j in 0..<w.count { w[j] += weights[k] / total * p[j] } }
                #expect(f(w) >= ours - 1e-9)
            }
        }
    }

    @Test("gradients match central differences: Top-1 (max), grid flow with a redundant row (min), knapsack rows (max)")
    func gradientsMatchFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 7)
        let cases: [(NormSmoothingLayer, [Double])] = [
            (
                try NormSmoothingLayer(program: topOneProgram(5), configuration: .init(smoothing: 1.5)),
                [1.1, 2.3, 3.2, 4.05, 4.6]
            ),
            (
                try NormSmoothingLayer(
                    problem: ShortestPathGrid(rows: 3, columns: 3), configuration: .init(smoothing: 0.7)),
                rng.uniform(0.5, 2, count: 12)
            ),
            (
                try NormSmoothingLayer(program: smallKnapsackProgram(), configuration: .init(smoothing: 0.8)),
                [3.1, 2.2, 4.3, 1.7]
            ),
        ]
        for (layer, costs) in cases {
            let g = rng.normal(count: costs.count)
            let err = try gradientError(layer, costs: costs, cotangent: g)
            #expect(err < 1e-5, "\(layer.name): relative error \(err)")
        }
    }

    @Test("as a differentiable op: batch values flow")
    func differentiableOp() throws {
        let layer = try NormSmoothingLayer(
            problem: ShortestPathGrid(rows: 3, columns: 3), configuration: .init(smoothing: 0.5))
        var rng = SeededGenerator(seed: 2)
        let costs = Variable(Tensor(shape: [2, 12], scalars: rng.uniform(0.5, 2, count: 24)))
        let out = try layer(costs)
        #expect(out.shape == [2, 12])
        let row = try layer.solve(Array(costs.value.scalars[12..<24])).decision
        #expect(isApproximatelyEqual(Array(out.value.scalars[12..<24]), row, tolerance: 1e-12))
    }

    @Test("bad input: τ ≤ 0 and NaN costs are typed errors")
    func badInput() throws {
        #expect(throws: LayerError.self) {
            try NormSmoothingLayer(program: topOneProgram(3), configuration: .init(smoothing: 0))
        }
        let layer = try NormSmoothingLayer(program: topOneProgram(3), configuration: .init(smoothing: 1))
        do {
            _ = try layer.solve([1, .nan, 2])
            Issue.record("NaN costs were accepted")
        } catch let e as LayerError {
            #expect(e.reason == .nonFiniteInput)
        }
        #expect(throws: LayerError.self) { try layer.solve([1, 2]) }
    }
}
