import DFLRandom
import DFLTensor
import DFLTestSupport
import Foundation
import Testing

/// Plain (non-differentiable) tensor behaviour: construction, errors, Codable, broadcasting,
/// reductions, indexing and products, against hand computations and brute force.
@Suite struct TensorValueTests {
    @Test func constructorsAndShapeQueries() {
        let s = Tensor(2.5)
        #expect(s.rank == 0 && s.scalarCount == 1 && s.scalar == 2.5)
        let v = Tensor([1, 2, 3])
        #expect(v.shape == [3] && v.rank == 1)
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(m.shape == [2, 3] && m.scalars == [1, 2, 3, 4, 5, 6])
        #expect(m.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(m.reshaped([3, 2]).shape == [3, 2])
        #expect(Tensor.zeros([2, 2]).scalars == [0, 0, 0, 0])
        #expect(Tensor.ones([3]).scalars == [1, 1, 1])
        #expect(Tensor(repeating: 7, shape: [2, 1]).scalars == [7, 7])
        #expect(Tensor.zeros([0, 4]).scalarCount == 0)
    }

    @Test func validatingInitializersThrowTypedErrors() throws {
        #expect(throws: TensorError.scalarCountMismatch(shape: [2, 2], expected: 4, actual: 3, context: "x.csv")) {
            try Tensor(validatingShape: [2, 2], scalars: [1, 2, 3], context: "x.csv")
        }
        #expect(throws: TensorError.negativeExtent(shape: [2, -1], axis: 1, context: "tensor")) {
            try Tensor(validatingShape: [2, -1], scalars: [])
        }
        #expect(throws: TensorError.raggedRows(row: 1, expected: 2, actual: 1, context: "costs")) {
            try Tensor(validatingRows: [[1, 2], [3]], context: "costs")
        }
        #expect(throws: TensorError.nonFinite(index: 1, value: .infinity, context: "tensor")) {
            try Tensor(validatingShape: [2], scalars: [0, .infinity], requireFinite: true)
        }
        let ok = try Tensor(validatingRows: [[1, 2], [3, 4]])
        #expect(ok == Tensor([[1, 2], [3, 4]]))
        let message = TensorError.raggedRows(row: 1, expected: 2, actual: 1, context: "costs").description
        #expect(message.contains("costs") && message.contains("row 1"))
    }

    @Test func codableRoundTripAndCorruptDataIsRejected() throws {
        let t = Tensor(shape: [2, 3], scalars: [1, -2, 3.5, 0, 1e-300, 6])
        let data = try JSONEncoder().encode(t)
        #expect(try JSONDecoder().decode(Tensor.self, from: data) == t)
        let bad = Data(#"{"shape":[2,2],"scalars":[1,2,3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: bad) }
    }

    /// Every broadcast result element equals the brute-force index computation.
    @Test(
        arguments: [
            ([2, 3, 4], [4]), ([2, 3, 4], [3, 1]), ([2, 1, 4], [3, 1]), ([1], [2, 2]), ([], [3, 2]),
            ([3, 1, 2], [1, 4, 1]), ([2, 3], [2, 3]),
        ] as [([Int], [Int])])
    func broadcastingMatchesBruteForce(_ shapes: ([Int], [Int])) {
        var rng = SeededGenerator(seed: 5)
        let a = randomTensor(shapes.0, rng: &rng)
        let b = randomTensor(shapes.1, rng: &rng)
        let c = a * b + a
        let shape = broadcastShape(shapes.0, shapes.1)
        #expect(c.shape == shape)
        func element(_ t: Tensor, _ index: [Int]) -> Double {
            let offset = index.count - t.rank
            var flat = 0
            for k in 0..<t.rank { flat = flat * t.shape[k] + (t.shape[k] == 1 ? 0 : index[k + offset]) }
            return t.scalars[flat]
        }
        for flat in 0..<c.scalarCount {
            var index = [Int](repeating: 0, count: shape.count), rest = flat
            for k in stride(from: shape.count - 1, through: 0, by: -1) {
                index[k] = rest % shape[k]
                rest /= shape[k]
            }
            let expected = element(a, index) * element(b, index) + element(a, index)
            #expect(abs(c.scalars[flat] - expected) < 1e-14)
        }
        // unbroadcast is the adjoint of broadcasting: ⟨bcast(b), y⟩ = ⟨b, unbroadcast(y)⟩.
        let y = randomTensor(shape, rng: &rng)
        let lhs = (Tensor.zeros(shape) + b).dot(y)
        let rhs = b.dot(y.unbroadcast(to: b.shape))
        #expect(abs(lhs - rhs) < 1e-12)
    }

    @Test func scalarMixesAndCompoundAssignment() {
        let t = Tensor([1, 2, 4])
        #expect((1 - t).scalars == [0, -1, -3])
        #expect((8 / t).scalars == [8, 4, 2])
        #expect((t / 2).scalars == [0.5, 1, 2])
        #expect((1 + t).scalars == [2, 3, 5])
        var m = Tensor([[1, 2, 3], [4, 5, 6]])
        m += Tensor([10, 20, 30])
        m -= Tensor(1)
        m *= 2
        #expect(m.scalars == [20, 42, 64, 26, 48, 70])
    }

    @Test func batchedMatmulMatchesPerSliceProducts() {
        var rng = SeededGenerator(seed: 9)
        let a3 = randomTensor([3, 2, 4], rng: &rng)
        let b3 = randomTensor([3, 4, 5], rng: &rng)
        let a2 = randomTensor([2, 4], rng: &rng)
        let b2 = randomTensor([4, 5], rng: &rng)
        func slice(_ t: Tensor, _ i: Int) -> Tensor {
            t.slice(axis: 0, i..<(i + 1)).reshaped(Array(t.shape.dropFirst()))
        }
        let both = a3.matmul(b3), left = a2.matmul(b3), right = a3.matmul(b2)
        #expect(both.shape == [3, 2, 5] && left.shape == [3, 2, 5] && right.shape == [3, 2, 5])
        for i in 0..<3 {
            #expect(isApproximatelyEqual(slice(both, i), slice(a3, i).matmul(slice(b3, i)), tolerance: 1e-13))
            #expect(isApproximatelyEqual(slice(left, i), a2.matmul(slice(b3, i)), tolerance: 1e-13))
            #expect(isApproximatelyEqual(slice(right, i), slice(a3, i).matmul(b2), tolerance: 1e-13))
        }
        // Transposed operands agree with explicit transposes.
        let t = a3.batchTransposed().matmul(b2.transposed().transposed(), transposeA: true)
        #expect(isApproximatelyEqual(t, right, tolerance: 1e-13))
        var naive = [Double](repeating: 0, count: 10)
        for i in 0..<2 {
            for j in 0..<5 {
                for k in 0..<4 { naive[i * 5 + j] += a2.scalars[i * 4 + k] * b2.scalars[k * 5 + j] }
            }
        }
        #expect(isApproximatelyEqual(a2.matmul(b2).scalars, naive, tolerance: 1e-13))
    }

    @Test func reductionsAlongAxes() {
        let t = Tensor(shape: [2, 3, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(t.sum(axis: 1).scalars == [9, 12, 27, 30])
        #expect(t.sum(axis: 1, keepDims: true).shape == [2, 1, 2])
        #expect(t.sum(axis: -1).scalars == [3, 7, 11, 15, 19, 23])
        #expect(t.max(axis: 0).scalars == [7, 8, 9, 10, 11, 12])
        #expect(Tensor([[3, 1, 3], [-1, 5, 2]]).argmax(axis: 1) == [0, 1])
        #expect(Tensor([[3, 1, 3], [-1, 5, 2]]).argmaxRows() == [0, 1])
        #expect(Tensor([2, 9, 9, -1]).argmax() == 1)
        #expect(t.sum() == 78)
    }

    @Test func softmaxFamilyIsStableAndNormalized() {
        let big = Tensor([[1000, 1000], [-1000, -1000], [0, -Double.infinity]])
        let lse = big.logSumExp(axis: 1)
        #expect(abs(lse.scalars[0] - (1000 + log(2))) < 1e-12)
        #expect(abs(lse.scalars[1] - (-1000 + log(2))) < 1e-12)
        #expect(abs(lse.scalars[2]) < 1e-15)
        let p = big.softmax(axis: 1)
        #expect(isApproximatelyEqual(p.scalars, [0.5, 0.5, 0.5, 0.5, 1, 0], tolerance: 1e-12))
        var rng = SeededGenerator(seed: 2)
        let x = randomTensor([3, 4, 5], rng: &rng, scale: 10)
        for axis in 0..<3 {
            let sums = x.softmax(axis: axis).sum(axis: axis)
            #expect(sums.scalars.allSatisfy { abs($0 - 1) < 1e-12 })
            #expect(
                isApproximatelyEqual(x.logSoftmax(axis: axis).map { exp($0) }, x.softmax(axis: axis), tolerance: 1e-12))
        }
    }

    @Test func specialFunctionClosedForms() {
        #expect(standardNormalCDF(0) == 0.5)
        #expect(abs(standardNormalCDF(1.959963984540054) - 0.975) < 1e-14)
        // Lower tail stays accurate in relative terms thanks to erfc: Φ(−10) ≈ 7.6198530241605e−24.
        #expect(abs(standardNormalCDF(-10) / 7.619853024160527e-24 - 1) < 1e-12)
        #expect(abs(standardNormalPDF(0) - 1 / (2 * Double.pi).squareRoot()) < 1e-16)
        #expect(softplus(800) == 800 && softplus(-800) >= 0 && abs(softplus(0) - log(2)) < 1e-15)
        #expect(sigmoid(-800) == 0 && sigmoid(800) == 1 && sigmoid(0) == 0.5)
    }

    @Test func indexingConcatAndStack() {
        let t = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t[1..<3].scalars == [3, 4, 5, 6])
        #expect(t.gather(rows: [2, 0, 2]).scalars == [5, 6, 1, 2, 5, 6])
        #expect(t.select(indices: [1, 1, 0], axis: 1).scalars == [2, 2, 1, 4, 4, 3, 6, 6, 5])
        #expect(t.slice(axis: 1, 1..<2).scalars == [2, 4, 6])
        let c = Tensor.concat([t, Tensor(shape: [3, 1], scalars: [7, 8, 9])], axis: 1)
        #expect(c.shape == [3, 3] && c.scalars == [1, 2, 7, 3, 4, 8, 5, 6, 9])
        let s = Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1)
        #expect(s.shape == [2, 2] && s.scalars == [1, 3, 2, 4])
        #expect(Tensor([1, 2]).outer(Tensor([3, 4, 5])).scalars == [3, 4, 5, 6, 8, 10])
        #expect(Tensor([1, 2]).dot(Tensor([3, 4])) == 11)
    }
}
