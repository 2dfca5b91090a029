import DFLData
import DFLRandom
import Foundation
import Testing

/// Sample mean and variance.
private func moments(_ v: [Double]) -> (mean: Double, variance: Double) {
    let mean = v.reduce(0, +) / Double(v.count)
    let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
    return (mean, variance)
}

/// `x_i · B_j` for the flat arrays of a generator output.
private func product(_ x: ArraySlice<Double>, _ b: [Double], row j: Int, p: Int) -> Double {
    var s = 0.0
    for (k, xk) in x.enumerated() { s += xk * b[j * p + k] }
    return s
}

@Suite("Shortest-path generator")
struct ShortestPathGeneratorTests {
    @Test("noise-free costs follow c = [((x·B_j)/√p + 3)^deg + 1] / 3.5^deg exactly")
    func exactFormula() throws {
        let gen = ShortestPathGenerator(
            rows: 3, columns: 4, sampleCount: 20, featureCount: 3, degree: 4, noiseWidth: 0,
            float32Costs: false)
        let out = try gen.generate(seed: 7)
        let data = out.dataset
        #expect(gen.arcCount == 17)
        #expect(data.count == 20 && data.featureCount == 3 && data.costDimension == 17)
        #expect(out.mapping.allSatisfy { $0 == 0 || $0 == 1 })
        for i in [0, 5, 19] {
            for j in [0, 8, 16] {
                let s = product(data.features(at: i), out.mapping, row: j, p: 3)
                let expected = (pow(s / 3.0.squareRoot() + 3, 4) + 1) / pow(3.5, 4)
                #expect(abs(data.costs(at: i)[i * 17 + j] - expected) <= 1e-12 * expected)
            }
        }
    }

    @Test("multiplicative noise lies in [1−e, 1+e) with mean 1 and variance e²/3")
    func noiseEffect() throws {
        let clean = try ShortestPathGenerator(
            rows: 5, columns: 5, sampleCount: 400, featureCount: 5, degree: 2, noiseWidth: 0,
            float32Costs: false
        ).generate(seed: 3)
        let noisy = try ShortestPathGenerator(
            rows: 5, columns: 5, sampleCount: 400, featureCount: 5, degree: 2, noiseWidth: 0.5,
            float32Costs: false
        ).generate(seed: 3)
        // Same seed: B and x are drawn before the noise, so they agree.
        #expect(clean.mapping == noisy.mapping)
        #expect(clean.dataset.features == noisy.dataset.features)
        let ratios = zip(noisy.dataset.costs, clean.dataset.costs).map { $0 / $1 }
        #expect(ratios.allSatisfy { $0 >= 0.5 && $0 < 1.5 })
        let (mean, variance) = moments(ratios)
        #expect(abs(mean - 1) < 0.01)
        #expect(abs(variance - 0.25 / 3) < 0.005)
    }

    @Test("higher degree makes costs more skewed; deg 1 keeps them near (x·B/√p + 4)/3.5")
    func degreeEffect() throws {
        func costs(_ deg: Int) throws -> [Double] {
            try ShortestPathGenerator(
                rows: 5, columns: 5, sampleCount: 500, featureCount: 5, degree: deg,
                float32Costs: false
            ).generate(seed: 11).dataset.costs
        }
        let linear = try costs(1)
        let cubic = try costs(6)
        // deg 1: c = (s/√p + 4)/3.5 with s/√p of mean ≈ 0 → mean ≈ 4/3.5.
        #expect(abs(moments(linear).mean - 4 / 3.5) < 0.05)
        // deg 6: median well below the mean (right-skewed).
        let sorted = cubic.sorted()
        #expect(sorted[sorted.count / 2] < moments(cubic).mean)
        #expect(cubic.allSatisfy { $0 > 0 })
    }

    @Test("features are standard normal and B is Bernoulli(0.5)")
    func statistics() throws {
        let out = try ShortestPathGenerator(
            rows: 6, columns: 6, sampleCount: 2000, featureCount: 5
        ).generate(seed: 5)
        let (mean, variance) = moments(out.dataset.features)
        #expect(abs(mean) < 0.05)
        #expect(abs(variance - 1) < 0.05)
        #expect(abs(moments(out.mapping).mean - 0.5) < 0.1)
    }

    @Test("float32 option rounds every cost to the nearest Float")
    func float32Rounding() throws {
        let base = ShortestPathGenerator(
            rows: 4, columns: 4, sampleCount: 50, featureCount: 4, degree: 3, noiseWidth: 0.3,
            float32Costs: false)
        var single = base
        single.float32Costs = true
        let wide = try base.generate(seed: 9).dataset.costs
        let narrow = try single.generate(seed: 9).dataset.costs
        #expect(narrow.allSatisfy { Double(Float($0)) == $0 })
        #expect(zip(wide, narrow).allSatisfy { Double(Float($0)) == $1 })
        #expect(zip(wide, narrow).contains { $0 != $1 })
    }

    @Test("same seed gives the same data; another seed differs")
    func reproducibility() throws {
        let gen = ShortestPathGenerator(
            rows: 5, columns: 5, sampleCount: 30, featureCount: 5, degree: 6, noiseWidth: 0.5)
        #expect(try gen.generate(seed: 42) == gen.generate(seed: 42))
        #expect(try gen.generate(seed: 42).dataset != gen.generate(seed: 43).dataset)
    }

    @Test("invalid parameters throw DataError.invalidParameter naming the generator")
    func invalidParameters() {
        let bad: [ShortestPathGenerator] = [
            .init(rows: 5, columns: 5, sampleCount: 0, featureCount: 5),
            .init(rows: 5, columns: 5, sampleCount: 10, featureCount: 0),
            .init(rows: 5, columns: 5, sampleCount: 10, featureCount: 5, degree: 0),
            .init(rows: 5, columns: 5, sampleCount: 10, featureCount: 5, noiseWidth: -0.1),
            .init(rows: 1, columns: 1, sampleCount: 10, featureCount: 5),
        ]
        for gen in bad {
            #expect {
                try gen.generate(seed: 1)
            } throws: { error in
                let e = error as? DataError
                return e?.reason == .invalidParameter && e!.message.contains("shortest-path")
            }
        }
    }
}

@Suite("Knapsack, TSP, portfolio and Top-K generators")
struct OtherGeneratorTests {
    @Test("knapsack: weights in {3.00…7.99}, integer values = ceil(5·[...]/3.5^deg · ε)")
    func knapsack() throws {
        let gen = KnapsackGenerator(
            itemCount: 12, dimension: 2, sampleCount: 300, featureCount: 4, degree: 3,
            noiseWidth: 0)
        let out = try gen.generate(seed: 2)
        #expect(out.weights.count == 2 && out.weights.allSatisfy { $0.count == 12 })
        for w in out.weights.joined() {
            #expect(w >= 3 && w <= 7.99)
            #expect(abs(w * 100 - (w * 100).rounded()) < 1e-9)
        }
        let data = out.dataset
        #expect(data.costs.allSatisfy { $0 == $0.rounded() && $0 >= 1 })
        for i in [0, 150, 299] {
            for j in [0, 6, 11] {
                let s = product(data.features(at: i), out.mapping, row: j, p: 4)
                let expected = ((pow(s / 2 + 3, 3) + 1) * 5 / pow(3.5, 3)).rounded(.up)
                #expect(data.costs(at: i)[i * 12 + j] == expected)
            }
        }
        let noisy = try KnapsackGenerator(
            itemCount: 12, dimension: 2, sampleCount: 300, featureCount: 4, degree: 3,
            noiseWidth: 0.5
        ).generate(seed: 2)
        #expect(noisy.weights == out.weights)
        #expect(noisy.dataset.costs.allSatisfy { $0 == $0.rounded() && $0 >= 1 })
        #expect(noisy.dataset.costs != data.costs)
    }

    @Test("TSP: pdist order, c = dist + ((x·B)/√p + 3)^deg / 3^(deg−1) · ε, 4 decimals")
    func tsp() throws {
        let gen = TSPGenerator(
            nodeCount: 6, sampleCount: 40, featureCount: 5, degree: 2, noiseWidth: 0,
            float32Costs: false)
        let out = try gen.generate(seed: 4)
        #expect(gen.edgeCount == 15 && out.distances.count == 15)
        #expect(gen.edges.first! == (0, 1) && gen.edges.last! == (4, 5) && gen.edges[5] == (1, 2))
        for (k, (i, j)) in gen.edges.enumerated() {
            let dx = out.coordinates[i][0] - out.coordinates[j][0]
            let dy = out.coordinates[i][1] - out.coordinates[j][1]
            #expect(abs(out.distances[k] - (dx * dx + dy * dy).squareRoot()) < 1e-15)
        }
        // First ⌊m/2⌋ coordinates are uniform in [−2, 2).
        #expect(out.coordinates[0..<3].joined().allSatisfy { $0 >= -2 && $0 < 2 })
        // B is a Bernoulli mask times uniform(−2, 2).
        #expect(out.mapping.allSatisfy { $0 > -2 && $0 < 2 })
        #expect(out.mapping.contains(0))
        let data = out.dataset
        for i in [0, 39] {
            for e in [0, 7, 14] {
                let s = product(data.features(at: i), out.mapping, row: e, p: 5)
                let raw = out.distances[e] + pow(s / 5.0.squareRoot() + 3, 2) / 3
                let expected = (raw * 10_000).rounded(.toNearestOrEven) / 10_000
                let got = data.costs(at: i)[i * 15 + e]
                #expect(got == expected)
                #expect(abs(got * 10_000 - (got * 10_000).rounded()) < 1e-6)
            }
        }
    }

    @Test("portfolio: Σ = LLᵀ + (0.01τ)²I and the residual variance matches diag(Σ)")
    func portfolio() throws {
        let tau = 2.0
        let gen = PortfolioGenerator(
            assetCount: 6, sampleCount: 4000, featureCount: 3, degree: 2, noiseLevel: tau,
            float32Costs: false)
        let out = try gen.generate(seed: 8)
        let m = 6
        let p = 3
        #expect(out.loadings.allSatisfy { abs($0) <= 2.5e-3 * tau })
        for a in 0..<m {
            for c in 0..<m {
                var s = 0.0
                for k in 0..<p { s += out.loadings[a * p + k] * out.loadings[c * p + k] }
                if a == c { s += (0.01 * tau) * (0.01 * tau) }
                #expect(abs(out.covariance[a][c] - s) < 1e-18)
                #expect(out.covariance[a][c] == out.covariance[c][a])
            }
        }
        // r − signal = f·L_j + 0.01τ·ε_j has mean 0 and variance Σ_jj.
        let data = out.dataset
        for j in [0, 3, 5] {
            var residuals: [Double] = []
            for i in 0..<data.count {
                let s = product(data.features(at: i), out.mapping, row: j, p: p)
                let signal = pow(0.05 * s / 3.0.squareRoot() + pow(0.1, 0.5), 2)
                residuals.append(data.costs(at: i)[i * m + j] - signal)
            }
            let (mean, variance) = moments(residuals)
            #expect(abs(mean) < 4 * (out.covariance[j][j] / 4000).squareRoot())
            #expect(abs(variance / out.covariance[j][j] - 1) < 0.1)
        }
    }

    @Test("cubic Top-K: y = 10(φ³ − 0.65φ) (+ U(−w, w) noise), φ ∈ [−1, 1)")
    func cubicTopK() throws {
        let clean = try CubicTopKGenerator(itemCount: 50, sampleCount: 40).generate(seed: 1)
        #expect(clean.featureCount == 50 && clean.costDimension == 50)
        #expect(clean.features.allSatisfy { $0 >= -1 && $0 < 1 })
        for k in clean.costs.indices {
            let phi = clean.features[k]
            #expect(clean.costs[k] == 10 * (phi * phi * phi - 0.65 * phi))
        }
        #expect(CubicTopKGenerator.value(1) == 10 * (1 - 0.65))
        let noisy = try CubicTopKGenerator(itemCount: 50, sampleCount: 40, noiseWidth: 0.25)
            .generate(seed: 1)
        #expect(noisy.features == clean.features)
        let gaps = zip(noisy.costs, clean.costs).map { $0 - $1 }
        #expect(gaps.allSatisfy { abs($0) <= 0.25 })
        #expect(abs(moments(gaps).mean) < 0.02)
    }

    @Test("all generators are reproducible by seed and reject bad sizes")
    func reproducibilityAndValidation() throws {
        let kp = KnapsackGenerator(itemCount: 8, sampleCount: 10, featureCount: 3)
        #expect(try kp.generate(seed: 5) == kp.generate(seed: 5))
        let tsp = TSPGenerator(nodeCount: 5, sampleCount: 10, featureCount: 3)
        #expect(try tsp.generate(seed: 5) == tsp.generate(seed: 5))
        let pf = PortfolioGenerator(assetCount: 4, sampleCount: 10, featureCount: 3)
        #expect(try pf.generate(seed: 5) == pf.generate(seed: 5))
        #expect(try pf.generate(seed: 5) != pf.generate(seed: 6))
        #expect(throws: DataError.self) {
            try KnapsackGenerator(itemCount: 0, sampleCount: 10, featureCount: 3).generate()
        }
        #expect(throws: DataError.self) {
            try TSPGenerator(nodeCount: 1, sampleCount: 10, featureCount: 3).generate()
        }
        #expect(throws: DataError.self) {
            try PortfolioGenerator(
                assetCount: 3, sampleCount: 10, featureCount: 3, noiseLevel: .nan
            )
            .generate()
        }
        #expect(throws: DataError.self) {
            try CubicTopKGenerator(itemCount: 5, sampleCount: 0).generate(seed: 1)
        }
    }
}
