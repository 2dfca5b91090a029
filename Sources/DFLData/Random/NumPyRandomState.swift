import Foundation

/// A replay of NumPy's legacy `np.random.RandomState(seed)` stream: the MT19937 generator
/// (Matsumoto & Nishimura 1998) with NumPy's legacy samplers, so DFLKit can regenerate PyEPO's
/// data sets bit for bit (its generators all use `RandomState`).
///
/// Implemented samplers, each consuming the stream exactly as NumPy does:
/// - ``randomSample()``: `(a >> 5 · 2²⁶ + b >> 6) / 2⁵³` from two 32-bit words;
/// - ``gauss()``: the polar Box–Muller method with a cached second value (`legacy_gauss`);
/// - ``binomial(trials:probability:)``: the inversion algorithm (`n·min(p, 1−p) ≤ 30` only);
/// - ``randomInterval(_:)`` / ``integer(in:)``: masked rejection on 32-bit words (`randint`);
/// - ``permutation(_:)``: NumPy's Fisher–Yates shuffle of `arange(n)`.
///
/// Use it for reproduction only; ``SeededGenerator`` remains DFLKit's generator everywhere else.
public struct NumPyRandomState: RandomSource, Sendable, Equatable {
    private var mt: [UInt32]
    private var index: Int
    private var cachedGauss: Double?

    /// Seeds like `RandomState(seed)` for an integer seed (`init_genrand`).
    public init(seed: UInt32) {
        mt = [UInt32](repeating: 0, count: 624)
        mt[0] = seed
        for i in 1..<624 {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        index = 624
        cachedGauss = nil
    }

    private mutating func twist() {
        let upper: UInt32 = 0x8000_0000
        let lower: UInt32 = 0x7FFF_FFFF
        for i in 0..<624 {
            let y = (mt[i] & upper) | (mt[(i + 1) % 624] & lower)
            var next = mt[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { next ^= 0x9908_B0DF }
            mt[i] = next
        }
        index = 0
    }

    /// The next 32 raw bits (`genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if index >= 624 { twist() }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// A double in `[0, 1)` with 53 random bits (`random_sample`).
    public mutating func randomSample() -> Double {
        let a = Double(nextUInt32() >> 5)
        let b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A standard normal draw (`legacy_gauss`, polar method, second value cached).
    public mutating func gauss() -> Double {
        if let g = cachedGauss {
            cachedGauss = nil
            return g
        }
        var x1 = 0.0
        var x2 = 0.0
        var r2 = 0.0
        repeat {
            x1 = 2 * randomSample() - 1
            x2 = 2 * randomSample() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * Foundation.log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// A uniform integer in `0...max` by masked rejection (`random_interval`, 32-bit branch).
    /// - Precondition: `0 ≤ max ≤ 2³² − 1`.
    public mutating func randomInterval(_ max: Int) -> Int {
        precondition(max >= 0 && max <= Int(UInt32.max), "randomInterval needs 0 ≤ max < 2³²")
        if max == 0 { return 0 }
        var mask = UInt32(max)
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        var value = nextUInt32() & mask
        while value > UInt32(max) { value = nextUInt32() & mask }
        return Int(value)
    }

    /// A random permutation of `0..<count`, as `RandomState.permutation(count)`.
    public mutating func permutation(_ count: Int) -> [Int] {
        var p = Array(0..<count)
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                p.swapAt(i, randomInterval(i))
            }
        }
        return p
    }

    // MARK: - RandomSource

    /// `low + (high − low)·randomSample()` (`RandomState.uniform`).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * randomSample()
    }

    /// `mean + standardDeviation·gauss()` (`RandomState.normal`).
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * gauss()
    }

    /// `RandomState.binomial(trials, probability)` by NumPy's inversion algorithm.
    /// - Precondition: `trials · min(p, 1 − p) ≤ 30` (NumPy switches to BTPE above that, which
    ///   is not replayed here).
    public mutating func binomial(trials n: Int, probability p: Double) -> Int {
        precondition(n >= 0 && p >= 0 && p <= 1, "binomial needs trials ≥ 0 and 0 ≤ p ≤ 1")
        if n == 0 || p == 0 { return 0 }
        if p <= 0.5 { return binomialInversion(n, p) }
        return n - binomialInversion(n, 1 - p)
    }

    private mutating func binomialInversion(_ n: Int, _ p: Double) -> Int {
        let q = 1 - p
        precondition(Double(n) * p <= 30, "NumPy uses BTPE for n·p > 30; not replayed")
        let qn = Foundation.exp(Double(n) * Foundation.log(q))
        let np = Double(n) * p
        let bound = Swift.min(Double(n), np + 10 * (np * q + 1).squareRoot())
        var x = 0
        var px = qn
        var u = randomSample()
        while u > px {
            x += 1
            if Double(x) > bound {
                x = 0
                px = qn
                u = randomSample()
            } else {
                u -= px
                px = (Double(n - x + 1) * p * px) / (Double(x) * q)
            }
        }
        return x
    }

    /// A uniform integer in `range` (`RandomState.randint(low, high)`, masked rejection).
    public mutating func integer(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "integer(in:) needs a non-empty range")
        return range.lowerBound + randomInterval(range.count - 1)
    }
}
