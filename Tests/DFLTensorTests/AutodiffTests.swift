import DFLRandom
import DFLTensor
import DFLTestSupport
import Foundation
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

    @Test func quadraticFormGradientMatchesClosedForm() {
        // f(x) = xᵀAx has gradient (A + Aᵀ)x.
        var rng = SeededGenerator(seed: 4)
        let a = randomTensor([4, 4], rng: &rng)
        let x = randomTensor([4, 1], rng: &rng)
        let (v, grads) = valueWithGradient(at: [x]) { xs in sum(matmul(transpose(xs[0]), matmul(Variable(a), xs[0]))) }
        #expect(abs(v - x.transposed().matmul(a.matmul(x)).scalar) < 1e-12)
        let expected = (a + a.transposed()).matmul(x)
        #expect(isApproximatelyEqual(grads[0], expected, tolerance: 1e-12))
    }

    @Test func nonScalarSeedGivesVectorJacobianProduct() {
        // y = x ⊙ x, seed s → 2 x ⊙ s.
        let p = Parameter(name: "x", value: Tensor([1, 2, 3]))
        let y = square(Variable(parameter: p))
        y.backward(seed: Tensor([1, 10, 100]))
        #expect(p.gradient?.scalars == [2, 40, 600])
        let x = Variable(differentiable: Tensor([1, 2, 3]))
        let z = exp(x) * 2
        let vjp = vectorJacobianProduct(of: z, withRespectTo: [x], seed: Tensor([1, 0, 1]))
        let expected: [Double] = [2 * Foundation.exp(1), 0, 2 * Foundation.exp(3)]
        #expect(isApproximatelyEqual(vjp[0].scalars, expected, tolerance: 1e-14))
        // Calling it again gives the same answer (no state kept in nodes).
        #expect(vectorJacobianProduct(of: z, withRespectTo: [x], seed: Tensor([1, 0, 1])) == vjp)
    }

    @Test func parameterUsedTwiceAccumulatesBothPaths() {
        let p = Parameter(name: "w", value: Tensor([[2, 0], [1, 3]]))
        let w = Variable(parameter: p)
        let loss = sum(matmul(w, w))  // Σ (W²)ᵢⱼ → ∇ = 1 Wᵀ... = J Wᵀ + Wᵀ J with J all ones
        loss.backward()
        let ones = Tensor.ones([2, 2])
        let wv = p.value
        let expected = ones.matmul(wv, transposeB: true) + wv.matmul(ones, transposeA: true)
        #expect(p.gradient == expected)
    }

    @Test func customOpGradientIsCheckedByFiniteDifferences() {
        // A custom op y = A x (with A fixed) recorded through the public custom-op API.
        let a = Tensor([[1, 2, 0], [0, -1, 3]])
        let f: ([Variable]) -> Variable = { v in
            let y = Variable.record(a.matmul(v[0].value.reshaped([3, 1])).reshaped([2]), parents: [v[0]]) { g in
                [a.matmul(g.reshaped([2, 1]), transposeA: true).reshaped([3])]
            }
            return sum(tanh(y))
        }
        let result = checkGradients(of: f, at: [Tensor([0.3, -0.2, 0.5])])
        #expect(result.passes(tolerance: 1e-7), "\(result)")
    }

    @Test func gradientCheckerCatchesAWrongPullback() {
        // Claims d/dx x² = x (wrong by a factor 2): the checker must flag it.
        let wrong: ([Variable]) -> Variable = { v in
            let x = v[0]
            return sum(Variable.record(x.value * x.value, parents: [x]) { g in [g * x.value] })
        }
        let result = checkGradients(of: wrong, at: [Tensor([0.5, -1, 2])])
        #expect(!result.passes(tolerance: 1e-3))
        #expect(result.maxRelativeError > 0.2)
        #expect(result.expected.count == result.observed.count)
    }

    @Test func gradientCheckIsSeededAndReproducible() {
        let f: ([Variable]) -> Variable = { v in sum(sigmoid(matmul(v[0], v[1]))) }
        var rng = SeededGenerator(seed: 21)
        let inputs = [randomTensor([5, 6], rng: &rng), randomTensor([6, 7], rng: &rng)]
        let first = checkGradients(of: f, at: inputs, directions: 3, seed: 8)
        let second = checkGradients(of: f, at: inputs, directions: 3, seed: 8)
        #expect(first.expected == second.expected && first.observed == second.observed)
        #expect(first.expected.count == 3)  // 72 scalars: too many for coordinate-wise checks
        #expect(first.passes(tolerance: 1e-6), "\(first)")
    }

    @Test func longChainsDoNotOverflowTheStack() {
        // Iterative topological sort: a 20 000-node chain back-propagates.
        let (v, grads) = valueWithGradient(at: [Tensor([0.5])]) { xs in
            var y = xs[0]
            for _ in 0..<20_000 { y = y * 1.0 + 0.0 }
            return sum(y)
        }
        #expect(v == 0.5)
        #expect(grads[0].scalars == [1])
    }

    @Test func detachedStopsGradients() {
        // f(x) = Σ x ⊙ stop(x): the gradient is x, not 2x.
        let (_, grads) = valueWithGradient(at: [Tensor([1, -2, 3])]) { v in sum(v[0] * v[0].detached()) }
        #expect(grads[0].scalars == [1, -2, 3])
        #expect(argmax(Variable(Tensor([[1, 4], [5, 2]])), axis: 1) == [1, 0])
    }

    @Test func constantsGetNoGraph() {
        let c = Variable(Tensor([1, 2]))
        let y = exp(c)
        #expect(!y.requiresGradient)
    }
}
