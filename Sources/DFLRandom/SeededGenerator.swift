/// The one seeded pseudo-random generator used everywhere in DFLKit.
///
/// xoshiro256** (Blackman & Vigna, 2018) seeded through SplitMix64. The sequence depends only on
/// the seed and the calls made, never on the machine, so a run with the same seed gives the same
/// numbers on any platform. The full state is `Codable`, so a checkpoint can store it and a resumed
/// run continues the exact sequence.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let u = rng.uniform()          // in [0, 1)
/// let z = rng.normal(mean: 0, standardDeviation: 1)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Codable, Sendable, Equatable {
    /// The four 64-bit words of xoshiro256** state.
    public private(set) var state: [UInt64]
    /// A second standard normal from the last Box–Muller pair, not yet returned.
    public private(set) var spareNormal: Double?

    /// Creates a generator whose sequence is fully determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        var words = [UInt64](repeating: 0, count: 4)
        for i in 0..<4 { words[i] = SeededGenerator.splitMix64(&splitMix) }
        if words.allSatisfy({ $0 == 0 }) { words[0] = 0x9E37_79B9_7F4A_7C15 }
        state = words
        spareNormal = nil
    }

    /// Derives an independent child generator (for a worker thread or a sub-task) from this one.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }

    private static func splitMix64(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = SeededGenerator.rotl(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = SeededGenerator.rotl(state[3], 45)
        return result
    }

    // MARK: - Distributions

    /// A uniform draw in `[0, 1)` with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw in `[low, high)`.
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// `count` uniform draws in `[low, high)`.
    public mutating func uniform(_ low: Double, _ high: Double, count: Int) -> [Double] {
        (0..<count).map { _ in uniform(low, high) }
    }

    /// A uniformly drawn integer in `range` (unbiased, by rejection).
    public mutating func integer(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "integer(in:) needs a non-empty range")
        let span = UInt64(range.count)
        let limit = UInt64.max - UInt64.max % span
        var r = next()
        while r >= limit { r = next() }
        return range.lowerBound + Int(r % span)
    }

    /// A normal draw N(mean, standardDeviation²) by the Box–Muller transform.
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        if let z = spareNormal {
            spareNormal = nil
            return mean + standardDeviation * z
        }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let radius = (-2 * _log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = radius * _sin(angle)
        return mean + standardDeviation * radius * _cos(angle)
    }

    /// `count` normal draws N(mean, standardDeviation²).
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1, count: Int) -> [Double] {
        (0..<count).map { _ in normal(mean: mean, standardDeviation: standardDeviation) }
    }

    /// A Bernoulli(p) draw: 1 with probability `p`, else 0.
    public mutating func bernoulli(_ p: Double) -> Int {
        uniform() < p ? 1 : 0
    }

    /// A Binomial(trials, p) draw, as the sum of `trials` Bernoulli draws.
    /// - Complexity: O(trials).
    public mutating func binomial(trials: Int, probability p: Double) -> Int {
        precondition(trials >= 0 && p >= 0 && p <= 1, "binomial needs trials ≥ 0 and 0 ≤ p ≤ 1")
        var count = 0
        for _ in 0..<trials where uniform() < p { count += 1 }
        return count
    }

    /// A Gamma(shape, 1) draw (Marsaglia & Tsang 2000; boosted for shape < 1).
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma needs shape > 0")
        if shape < 1 {
            let u = max(uniform(), .leastNonzeroMagnitude)
            return gamma(shape: shape + 1) * _pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if _log(max(u, .leastNonzeroMagnitude)) < 0.5 * x * x + d * (1 - v + _log(v)) { return d * v }
        }
    }

    /// One element of `elements`, drawn uniformly.
    public mutating func choice<T>(_ elements: [T]) -> T {
        elements[integer(in: 0..<elements.count)]
    }

    /// `count` distinct indices from `0..<population`, in draw order (partial Fisher–Yates).
    public mutating func sample(_ population: Int, count: Int) -> [Int] {
        precondition(count <= population, "cannot sample \(count) of \(population) without replacement")
        var pool = Array(0..<population)
        for i in 0..<count {
            let j = integer(in: i..<population)
            pool.swapAt(i, j)
        }
        return Array(pool[0..<count])
    }

    /// Shuffles `array` in place (Fisher–Yates).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = integer(in: 0..<(i + 1))
            array.swapAt(i, j)
        }
    }

    /// A random permutation of `0..<count`.
    public mutating func permutation(_ count: Int) -> [Int] {
        var p = Array(0..<count)
        shuffle(&p)
        return p
    }
}
