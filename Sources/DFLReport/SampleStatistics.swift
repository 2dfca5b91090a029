/// Mean and sample standard deviation of a few values (e.g. one metric over seeds): the one place
/// the reproduction reports compute and print "mean ± sd".
///
/// ```swift
/// let s = SampleStatistics([3, 5])
/// s.mean                 // 4
/// s.standardDeviation    // √2 (divides by n − 1)
/// s.formatted(digits: 3) // "4.000 ± 1.414"
/// ```
public struct SampleStatistics: Sendable, Equatable {
    /// Number of values.
    public let count: Int
    /// Arithmetic mean (0 for no values).
    public let mean: Double
    /// Sample standard deviation, Σ(x − mean)² / (n − 1) under the root (0 for fewer than two values).
    public let standardDeviation: Double

    /// Summarises `values`, summing left to right.
    public init(_ values: [Double]) {
        count = values.count
        let mean = values.reduce(0, +) / Double(max(values.count, 1))
        self.mean = mean
        standardDeviation =
            values.count > 1
            ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot() : 0
    }

    /// The arithmetic mean of `values` (0 for none).
    public static func mean(_ values: [Double]) -> Double { SampleStatistics(values).mean }

    /// `mean ± sd` with `digits` decimals.
    public func formatted(digits: Int = 4) -> String { formatMeanSD(mean, standardDeviation, digits: digits) }
}

/// Formats `mean ± sd` with `digits` decimals.
public func formatMeanSD(_ mean: Double, _ sd: Double, digits: Int = 4) -> String {
    "\(formatFixed(mean, digits: digits)) ± \(formatFixed(sd, digits: digits))"
}
