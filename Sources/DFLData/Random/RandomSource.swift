import DFLRandom

/// The draws a synthetic-data generator needs, so one generator body serves two streams:
/// DFLKit's ``SeededGenerator`` (the default everywhere) and ``NumPyRandomState`` (which replays
/// NumPy's legacy `RandomState` to reproduce PyEPO data bit for bit).
///
/// Generators call these methods in PyEPO's draw order; implementations must make each call
/// consume the stream exactly as its NumPy counterpart does.
public protocol RandomSource {
    /// A uniform draw in `[low, high)`, computed as `low + (high − low)·u`.
    mutating func uniform(_ low: Double, _ high: Double) -> Double
    /// A normal draw N(mean, standardDeviation²).
    mutating func normal(mean: Double, standardDeviation: Double) -> Double
    /// A Binomial(trials, probability) draw.
    mutating func binomial(trials: Int, probability: Double) -> Int
    /// A uniformly drawn integer in `range`.
    mutating func integer(in range: Range<Int>) -> Int
}

extension SeededGenerator: RandomSource {}
