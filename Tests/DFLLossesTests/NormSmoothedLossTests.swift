import DFLLayers
import DFLLosses
import DFLOptimization
import DFLRandom
import Testing

/// The `sce-norm` loss on the norm-smoothed layer (moved from the layer's tests with the losses).
@Suite("Norm-smoothed SCE loss")
struct NormSmoothedLossTests {
    @Test("`sce-norm`: value s(ĉ − c)ᵀ(v* − v̂) and its gradient against central differences")
    func sceNorm() throws {
        let layer = try NormSmoothingLayer(
            problem: ShortestPathGrid(rows: 3, columns: 3), configuration: .init(smoothing: 0.5))
        var rng = SeededGenerator(seed: 2)
        _ = rng.uniform(0.5, 2, count: 24)
        #expect(LossRegistry.isSmoothed("sce-norm") && LossRegistry.isSmoothed("spo+-norm"))
        var h = LossHyperparameters()
        h.smoothing = 0.5
        let grid = ShortestPathGrid(rows: 3, columns: 3)
        let loss = try LossRegistry.makeSmoothed("sce-norm", hyperparameters: h, problem: grid)
        #expect(loss.name == "sce-norm")
        // SCE value s(ĉ − c)ᵀ(v* − v̂) and its gradient against central differences of that value.
        let c = rng.uniform(0.5, 2, count: 12)
        let exact = try ShortestPathGridSolver().solve(grid, costs: c)
        let batch = LossBatch(
            count: 1, dimension: 12, costs: c, solutions: exact.decision, objectives: [exact.objective])
        let chat = rng.uniform(0.5, 2, count: 12)
        let (values, grads) = try loss.valuesAndGradients([chat], batch: batch)
        let v = try layer.solve(chat).decision
        let expected = (0..<12).reduce(0.0) { $0 + (chat[$1] - c[$1]) * (exact.decision[$1] - v[$1]) }
        #expect(abs(values[0] - expected) < 1e-9)
        for j in 0..<12 {
            var p = chat, m = chat
            p[j] += 1e-6
            m[j] -= 1e-6
            let numeric =
                (try loss.valuesAndGradients([p], batch: batch).values[0]
                    - loss.valuesAndGradients([m], batch: batch).values[0]) / 2e-6
            #expect(abs(numeric - grads[0][j]) < 1e-5, "∂SCE/∂ĉ[\(j)]: \(grads[0][j]) vs \(numeric)")
        }
    }
}
