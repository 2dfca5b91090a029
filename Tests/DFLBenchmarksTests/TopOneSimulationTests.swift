import DFLBenchmarks
import DFLLayers
import DFLRandom
import Testing

@Suite("App. B Top-1 simulation")
struct TopOneSimulationTests {
    @Test("norm-smoothed Top-1 is optimal: brute-force check of the objective on random feasible points")
    func closedFormIsOptimal() throws {
        var rng = SeededGenerator(seed: 3)
        for tau in [0.3, 1.05, 2.0, 5.0] {
            let y = rng.uniform(-1, 4, count: 6)
            let v = try NormSmoothedTopOne.solve(y, tau: tau)
            func f(_ w: [Double]) -> Double {
                zip(y, w).reduce(0) { $0 + $1.0 * $1.1 } - tau * w.reduce(0) { $0 + $1 * $1 }.squareRoot()
            }
            #expect(v.allSatisfy { $0 >= 0 } && v.reduce(0, +) <= 1 + 1e-12)
            let best = f(v)
            for _ in 0..<2000 {
                var w = rng.uniform(0, 1, count: 6).map { $0 * $0 * $0 }
                let scale = rng.uniform(0, 1) / w.reduce(0, +)
                w = w.map { $0 * scale }
                #expect(f(w) <= best + 1e-12)
            }
        }
    }

    @Test("the closed form reproduces the paper's stated fractional solution 0.767 / 0.233 at τ = 1.5")
    func fractionalExample() throws {
        let v = try NormSmoothedTopOne.solve([1, 2, 3, 4, 5], tau: 1.5)
        #expect(abs(v[4] - 0.7675) < 5e-4 && abs(v[3] - 0.2325) < 5e-4 && v[0...2].allSatisfy { $0 == 0 })
        #expect(throws: LayerError.self) { try NormSmoothedTopOne.solve([1, 2], tau: 0) }
        #expect(try NormSmoothedTopOne.solve([-1, 0.2], tau: 1) == [0, 0])
    }

    @Test(
        "Table 2's closed form: two active items at τ = 1.05 and 1.5 (the paper's numbers are checked in DFLReproductionTests)"
    )
    func tableTwoClosedForm() throws {
        // Closed-form values at τ = 1.05 and 1.5 (two active items, v₁ = a/(2a − 1), a² + (a − 1)² = τ²).
        for (tau, expected) in [(1.05, 0.08903), (1.5, 0.46548)] {
            #expect(abs(try TopOneSimulation.manhattanDistance(items: 7, tau: tau, runs: 3) - expected) < 1e-4)
        }
    }

    @Test("Fig. 4: regret's gradient vanishes for μ < 1 while SCE's does not; both are non-zero for μ > 1")
    func gradients() throws {
        let low = try TopOneSimulation.gradientMagnitudes(items: 10, smoothing: 0.5, runs: 10, seed: 2)
        #expect(low.regret < 1e-9)
        #expect(low.sce > 0.01)
        let high = try TopOneSimulation.gradientMagnitudes(items: 10, smoothing: 2, runs: 10, seed: 2)
        #expect(high.regret > 1e-3 && high.sce > 1e-3)
    }
}
