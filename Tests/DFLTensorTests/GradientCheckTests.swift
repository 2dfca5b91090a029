import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

/// One op under test: a scalar-valued function of some inputs, and the shapes/offsets of inputs.
struct OpCase: CustomTestStringConvertible, Sendable {
    let name: String
    let shapes: [[Int]]
    var shift: Double = 0
    var positive = false
    let f: @Sendable ([Variable]) -> Variable
    var testDescription: String { name }
}

/// Weighted sum so every output element matters with a different weight.
func weighted(_ y: Variable) -> Variable {
    let w = Tensor(shape: y.shape, scalars: (0..<y.value.scalarCount).map { 0.3 + 0.1 * Double($0 % 7) })
    return sum(y * w)
}

let opCases: [OpCase] = [
    OpCase(name: "add", shapes: [[3, 4], [3, 4]]) { weighted($0[0] + $0[1]) },
    OpCase(name: "broadcastAdd", shapes: [[2, 3, 4], [3, 1]]) { weighted($0[0] + $0[1]) },
    OpCase(name: "subtract", shapes: [[3, 4], [4]]) { weighted($0[0] - $0[1]) },
    OpCase(name: "multiply", shapes: [[3, 4], [1, 4]]) { weighted($0[0] * $0[1]) },
    OpCase(name: "divide", shapes: [[3, 4], [3, 4]], positive: true) { weighted($0[0] / $0[1]) },
    OpCase(name: "negate", shapes: [[5]]) { weighted(-$0[0]) },
    OpCase(name: "addScalar", shapes: [[5]]) { weighted($0[0] + 2.5) },
    OpCase(name: "scale", shapes: [[5]]) { weighted(3 * $0[0] / 2) },
    OpCase(name: "scalarMinusVariable", shapes: [[5]]) { weighted(1.5 - $0[0]) },
    OpCase(name: "scalarDivide", shapes: [[5]], positive: true) { weighted(2 / $0[0]) },
    OpCase(name: "tensorMixes", shapes: [[2, 3]], positive: true) { v in
        let c = Tensor(shape: [3], scalars: [0.5, -1.5, 2])
        return weighted((c + v[0]) * c - (c - v[0]) / c + c / v[0] + v[0] / c + c * v[0] - v[0] - c)
    },
    OpCase(name: "matmul", shapes: [[3, 4], [4, 2]]) { weighted(matmul($0[0], $0[1])) },
    OpCase(name: "batchedMatmul", shapes: [[2, 3, 4], [4, 2]]) { weighted(matmul($0[0], $0[1])) },
    OpCase(name: "batchedMatmulBoth", shapes: [[2, 3, 4], [2, 4, 2]]) { weighted(matmul($0[0], $0[1])) },
    OpCase(name: "batchedMatmulSharedLeft", shapes: [[3, 4], [2, 4, 2]]) { weighted(matmul($0[0], $0[1])) },
    OpCase(name: "rowDot", shapes: [[3, 4], [3, 4]]) { weighted(rowDot($0[0], $0[1])) },
    OpCase(name: "dot", shapes: [[2, 3], [2, 3]]) { square(dot($0[0], $0[1])) },
    OpCase(name: "outer", shapes: [[3], [4]]) { weighted(outer($0[0], $0[1])) },
    OpCase(name: "exp", shapes: [[6]]) { weighted(exp($0[0])) },
    OpCase(name: "log", shapes: [[6]], positive: true) { weighted(log($0[0])) },
    OpCase(name: "sqrt", shapes: [[6]], positive: true) { weighted(sqrt($0[0])) },
    OpCase(name: "square", shapes: [[6]]) { weighted(square($0[0])) },
    OpCase(name: "pow", shapes: [[6]], positive: true) { weighted(pow($0[0], 2.5)) },
    OpCase(name: "abs", shapes: [[6]], shift: 0.5) { weighted(abs($0[0])) },
    OpCase(name: "softplus", shapes: [[6]]) { weighted(softplus($0[0])) },
    OpCase(name: "sigmoid", shapes: [[6]]) { weighted(sigmoid($0[0])) },
    OpCase(name: "tanh", shapes: [[6]]) { weighted(tanh($0[0])) },
    OpCase(name: "relu", shapes: [[6]], shift: 0.05) { weighted(relu($0[0])) },
    OpCase(name: "positivePart", shapes: [[6]], shift: -0.05) { weighted(positivePart($0[0])) },
    OpCase(name: "leakyRelu", shapes: [[6]], shift: 0.05) { weighted(leakyRelu($0[0], slope: 0.1)) },
    OpCase(name: "elu", shapes: [[6]], shift: 0.05) { weighted(elu($0[0])) },
    OpCase(name: "clamp", shapes: [[6]]) { weighted(clamp($0[0], min: -0.7, max: 0.9)) },
    OpCase(name: "normalPDF", shapes: [[6]]) { weighted(normalPDF($0[0])) },
    OpCase(name: "normalCDF", shapes: [[6]]) { weighted(normalCDF($0[0])) },
    OpCase(name: "maximum", shapes: [[6], [6]]) { weighted(maximum($0[0], $0[1])) },
    OpCase(name: "minimum", shapes: [[3, 2], [2]]) { weighted(minimum($0[0], $0[1])) },
    OpCase(name: "sum", shapes: [[3, 4]]) { square(sum($0[0])) },
    OpCase(name: "mean", shapes: [[3, 4]]) { square(mean($0[0])) },
    OpCase(name: "sumAxis", shapes: [[2, 3, 4]]) { weighted(square(sum($0[0], axis: 1))) },
    OpCase(name: "sumAxisKeepDims", shapes: [[2, 3, 4]]) { weighted(square(sum($0[0], axis: 0, keepDims: true))) },
    OpCase(name: "meanAxis", shapes: [[2, 3, 4]]) { weighted(square(mean($0[0], axis: -1, keepDims: true))) },
    OpCase(name: "maxAxis", shapes: [[3, 4]]) { weighted(max($0[0], axis: 1)) },
    OpCase(name: "logSumExp", shapes: [[2, 3, 4]]) { weighted(logSumExp($0[0], axis: 1)) },
    OpCase(name: "logSoftmax", shapes: [[3, 4]]) { weighted(logSoftmax($0[0], axis: -1)) },
    OpCase(name: "softmax", shapes: [[3, 4, 2]]) { weighted(softmax($0[0], axis: 1)) },
    OpCase(name: "reshape", shapes: [[3, 4]]) { weighted(square(reshape($0[0], [2, 6]))) },
    OpCase(name: "transpose", shapes: [[3, 4]]) { weighted(square(transpose($0[0]))) },
    OpCase(name: "batchTranspose", shapes: [[2, 3, 4]]) { weighted(square(transpose($0[0]))) },
    OpCase(name: "concat", shapes: [[2, 3], [2, 2]]) { weighted(square(concat([$0[0], $0[1]], axis: 1))) },
    OpCase(name: "stack", shapes: [[3], [3]]) { weighted(square(stack([$0[0], $0[1]], axis: 1))) },
    OpCase(name: "slice", shapes: [[4, 3]]) { weighted(square(slice($0[0], axis: 0, 1..<3))) },
    OpCase(name: "gather", shapes: [[4, 3]]) { weighted(square(gather($0[0], rows: [2, 0, 2]))) },
    OpCase(name: "subscriptRows", shapes: [[4, 3]]) { weighted(square($0[0][1..<4])) },
    OpCase(name: "select", shapes: [[2, 4, 3]]) { weighted(square(select($0[0], indices: [3, 1, 3], axis: 1))) },
]

@Suite struct GradientCheckTests {
    @Test(arguments: opCases)
    func backwardMatchesCentralDifferences(_ op: OpCase) {
        var rng = SeededGenerator(seed: 11)
        let inputs = op.shapes.map { shape -> Tensor in
            let t = randomTensor(shape, rng: &rng, shift: op.shift)
            return op.positive ? t.map { abs($0) + 0.5 } : t
        }
        let result = checkGradients(of: op.f, at: inputs, epsilon: 1e-6)
        #expect(result.passes(tolerance: 1e-6), "\(op.name): \(result)")
    }

    @Test func registryCoversEveryOp() {
        let checked = Set(opCases.map(\.name))
        let missing = DifferentiableOps.allNames.filter { !checked.contains($0) }
        #expect(missing.isEmpty, "ops without a gradient check: \(missing)")
    }
}
