import DFLLayers
import DFLOptimization
import DFLRandom
import DFLTensor
import DFLTestSupport
import Foundation
import Testing

/// Speed report for batch 32 of the 5×5 shortest path (the qpth anchor: 0.13–0.15 s fwd+bwd).
/// Timing is never asserted; run with `DFL_LAYER_TIMING=1 swift test -c release --filter Timing`.
@Suite(
    "Layer timing (opt-in)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["DFL_LAYER_TIMING"] != nil))
struct LayerTimingTests {
    @Test("QP and DYS layers, batch 32, 5×5 shortest path", arguments: [0.1, 1.0])
    func report(mu: Double) throws {
        let grid = ShortestPathGrid(rows: 5, columns: 5)
        var rng = SeededGenerator(seed: 123)
        let costs = Tensor(shape: [32, 40], scalars: rng.uniform(0, 1, count: 32 * 40))
        let seed = Tensor(shape: [32, 40], scalars: rng.uniform(-0.5, 0.5, count: 32 * 40))
        let qp = try QPSmoothingLayer(problem: grid, configuration: .init(smoothing: mu))
        let dys = try DavisYinLayer(
            problem: grid, configuration: .init(smoothing: mu, maxIterations: 5000, tolerance: 1e-9))
        func time(_ body: () throws -> Void) rethrows -> Double {
            var samples: [Double] = []
            for _ in 0..<9 {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return samples.sorted()[samples.count / 2]
        }
        let leaf = Variable(differentiable: costs)
        let qpForward = try time { _ = try qp.solveBatch(costs.rows) }
        let qpBoth = try time { try qp(leaf).backward(seed: seed) }
        let dysBoth = try time { try dys(leaf).backward(seed: seed) }
        let iterations = try qp.solveBatch(costs.rows).map(\.solution.iterations)
        print(
            "timing μ=\(mu): QP fwd \(qpForward) ms, QP fwd+bwd \(qpBoth) ms (IPM iterations \(iterations.min()!)–\(iterations.max()!)), DYS(JFB, tol 1e-9) fwd+bwd \(dysBoth) ms"
        )
    }
}
