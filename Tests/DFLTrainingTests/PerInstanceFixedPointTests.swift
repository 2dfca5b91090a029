import DFLTensor
import DFLTraining
import Testing

@Suite struct PerInstanceFixedPointTests {
    /// Row r iterates z ← a_r z + 1: a = ½ converges to 2, a = −1 cycles 0 → 1 → 0 for ever.
    func affine(_ a: [Double]) -> ([Int], Tensor) throws -> Tensor {
        { rows, x in Tensor(shape: x.shape, scalars: zip(rows, x.scalars).map { a[$0.0] * $0.1 + 1 }) }
    }

    @Test func oneUnconvergedInstanceFallsBackAloneAndIsCounted() {
        let solver = PerInstanceFixedPoint(tolerance: 1e-9, maxIterations: 200, fallbackSteps: 3)
        let out = solver.run(start: [[0], [0], [0]], map: affine([0.5, -1, 0.5]))
        #expect(out.fallbackRows == [1])
        // The converged rows are their own fixed points (within the tolerance), not K-step outputs…
        #expect(abs(out.decisions[0][0] - 2) < 3e-9 && abs(out.decisions[2][0] - 2) < 3e-9)
        // …and the cycling row gets its own third iterate 1, 0, 1.
        #expect(out.decisions[1] == [1])
    }

    @Test func aThrowingRowIsIsolated() {
        // Φ throws whenever row 1 is in the batch: the others are evaluated one by one and converge.
        let solver = PerInstanceFixedPoint(tolerance: 1e-9, maxIterations: 200, fallbackSteps: 2)
        struct Failure: Error {}
        let base = affine([0.5, 0.5, 0.5])
        let out = solver.run(start: [[0], [0], [0]]) { rows, x in
            if rows.contains(1) { throw Failure() }
            return try base(rows, x)
        }
        #expect(out.fallbackRows == [1])
        #expect(out.decisions[1][0].isNaN)
        #expect(abs(out.decisions[0][0] - 2) < 3e-9 && abs(out.decisions[2][0] - 2) < 3e-9)
    }
}
