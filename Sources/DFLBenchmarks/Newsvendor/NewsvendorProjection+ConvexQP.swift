import DFLLayers
import DFLLinearAlgebra
import DFLQuadraticProgramming

extension NewsvendorProjection {
    /// The same layer as a general ``ConvexQPLayer`` (`Q = μI`, `G = [1ᵀ; −1ᵀ]`, `h = [X_max, −X_min]`).
    public func asConvexQP() throws -> ConvexQPLayer {
        let n = products
        return try ConvexQPLayer(
            program: DenseQuadraticProgram(
                hessian: mu * Matrix.identity(n), linear: [Double](repeating: 0, count: n),
                inequalityMatrix: Matrix([[Double](repeating: 1, count: n), [Double](repeating: -1, count: n)]),
                inequalityRHS: [totalMax, -totalMin], lowerBounds: lower, upperBounds: upper))
    }
}
