import DFLBenchmarks
import DFLLayers
import DFLNN
import DFLRandom
import DFLTensor
import DFLTestSupport
import DFLTraining
import Testing

/// Theorem 3 on the benchmarks' own maps Φ(x) = G(F_θ(v, x)): the unrolled gradient in θ tends to
/// the implicit one as K grows (the error falls like ρ(J)ᴷ).
@Suite struct RecursiveConsistencyTests {
    /// ‖∇_θ(unrolled K) − ∇_θ(implicit)‖∞ for each K, on `problem` with a seeded MLP predictor.
    func gradientErrors<P: RecursiveProblem>(_ problem: P, features v: Tensor, depths: [Int]) throws -> [Double] {
        var rng = SeededGenerator(seed: 11)
        let n = problem.decisionCount
        let mlp = MLP(
            inputSize: problem.featureCount + n, hiddenSizes: [8], outputSize: problem.parameterCount,
            activation: .leakyRelu, rng: &rng)
        let b = v.shape[0]
        let start = Tensor(shape: [b, n], scalars: [Double](repeating: problem.startDecision, count: b * n))
        let weights = Tensor(shape: [b, n], scalars: (0..<(b * n)).map { 1 + 0.1 * Double($0 % 5) })
        func gradient(_ g: FixedPointGradient) throws -> [Double] {
            for p in mlp.parameters { p.zeroGradient() }
            var c = FixedPointConfiguration()
            c.gradient = g
            c.tolerance = 1e-12
            let x = try fixedPoint(
                { x in (try? problem.optimize(mlp(concat([Variable(v), x / problem.decisionScale], axis: 1)))) ?? x },
                start: start, configuration: c)
            sum(x * weights).backward()
            return mlp.parameters.flatMap {
                $0.gradient?.scalars ?? [Double](repeating: 0, count: $0.value.scalarCount)
            }
        }
        let implicit = try gradient(.implicit(denseLimit: 1024, tolerance: 1e-14, maxIterations: 1000))
        return try depths.map { k in zip(try gradient(.unrolled(steps: k)), implicit).map { abs($0 - $1) }.max()! }
    }

    @Test func newsvendorUnrolledGradientTendsToImplicit() throws {
        let bench = NewsvendorBenchmark(products: 4, features: 3, seed: 2)
        let v = Tensor(shape: [2, 3], scalars: bench.sample(count: 2, seed: 3).flatMap(\.features))
        let errors = try gradientErrors(bench, features: v, depths: [2, 5, 10, 20, 40])
        for (a, b) in zip(errors, errors.dropFirst()) { #expect(b <= a, "errors \(errors)") }
        #expect(errors.last! < 1e-8 * max(1, errors.first!), "errors \(errors)")
    }

    @Test func matchingUnrolledGradientTendsToImplicit() throws {
        let bench = try MatchingBenchmark(size: 3)
        let v = Tensor(
            shape: [2, bench.featureCount], scalars: try bench.sample(count: 2, seed: 4).flatMap(\.features))
        let errors = try gradientErrors(bench, features: v, depths: [2, 5, 10, 20, 40])
        for (a, b) in zip(errors, errors.dropFirst()) { #expect(b <= a, "errors \(errors)") }
        #expect(errors.last! < 1e-6 * max(1, errors.first!), "errors \(errors)")
    }
}
