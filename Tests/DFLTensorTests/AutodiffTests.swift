import DFLRandom
import DFLTensor
import DFLTestSupport
import Testing

@Suite struct AutodiffTests {
    @Test func broadcastingShapesAndValues() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor([10, 20, 30])
        #expect((a + b).scalars == [11, 22, 33, 14, 25, 36])
        let c = Tensor(shape: [2, 1], scalars: [1, 2])
        #expect((a * c).scalars == [1, 2, 3, 8, 10, 12])
        #expect(broadcastShape([4, 1, 3], [2, 1]) == [4, 2, 3])
        #expect((a * c).unbroadcast(to: [2, 1]).scalars == [6, 30])
    }

    @Test func matmulMatchesHandComputation() {
        let a = Tensor([[1, 2], [3, 4]])
        let b = Tensor([[5, 6], [7, 8]])
        #expect(a.matmul(b).scalars == [19, 22, 43, 50])
        #expect(a.matmul(b, transposeA: true).scalars == [26, 30, 38, 44])
        let batch = Tensor(shape: [2, 2, 2], scalars: a.scalars + b.scalars)
        #expect(batch.matmul(a).scalars == a.matmul(a).scalars + b.matmul(a).scalars)
    }

    @Test func customOpBackwardIsUsed() {
        // f(x) = x³ recorded with a hand-written pullback.
        let x = Variable(differentiable: Tensor([1, 2, 3]))
        let y = Variable.record(x.value.map { $0 * $0 * $0 }, parents: [x]) { g in
            [g * x.value.map { 3 * $0 * $0 }]
        }
        let (_, pb) = valueWithPullback(at: [Tensor([1, 2, 3])]) { v in
            Variable.record(v[0].value.map { $0 * $0 * $0 }, parents: [v[0]]) { g in
                [g * v[0].value.map { 3 * $0 * $0 }]
            }
        }
        #expect(pb(Tensor.ones([3]))[0].scalars == [3, 12, 27])
        #expect(y.value.scalars == [1, 8, 27])
    }

    @Test func pullbackCanBeAppliedManyTimes() {
        var rng = SeededGenerator(seed: 3)
        let a = randomTensor([3, 3], rng: &rng)
        let (_, pb) = valueWithPullback(at: [a]) { v in tanh(matmul(v[0], v[0])) }
        let seed = randomTensor([3, 3], rng: &rng)
        let first = pb(seed)[0]
        let second = pb(seed)[0]
        #expect(first == second)
        let doubled = pb(seed * 2)[0]
        #expect(isApproximatelyEqual(doubled, first * 2, tolerance: 1e-12))
    }

    @Test func parameterGradientsAccumulateAcrossBackwardCalls() {
        let p = Parameter(name: "w", value: Tensor([1, -2]))
        for _ in 0..<2 {
            let loss = sum(square(Variable(parameter: p)))
            loss.backward()
        }
        #expect(p.gradient?.scalars == [4, -8])
        p.zeroGradient()
        #expect(p.gradient == nil)
    }

    @Test func sharedSubexpressionGetsSummedGradient() {
        let (v, grads) = valueWithGradient(at: [Tensor([3])]) { x in
            let y = x[0] * x[0]
            return sum(y + y * x[0])  // x² + x³ → 2x + 3x² = 33
        }
        #expect(v == 36)
        #expect(grads[0].scalars == [33])
    }

    @Test func constantsGetNoGraph() {
        let c = Variable(Tensor([1, 2]))
        let y = exp(c)
        #expect(!y.requiresGradient)
    }
}
