import DFLRandom
import Foundation

/// Features and next-day loads for the power-scheduling benchmark (docs/papers/energy.md, "Power scheduling").
///
/// Sample `d` predicts day `d`'s 24 loads from 149 features: the previous day's 24 loads, 24
/// temperatures and their squares; day `d`'s 24 temperatures, their squares and cubes; weekend,
/// US-federal-holiday and daylight-saving flags; `cos`/`sin(2π·dayOfYear/365)`. Every feature is
/// z-scored over the whole data set (the intercept of the reference code is left to the networks'
/// biases). Row-major storage.
public struct PowerDataset: Sendable {
    /// Number of features per sample of the PJM benchmark (149).
    public static let standardFeatureCount = 149
    /// Number of features per sample.
    public var featureCount: Int
    /// Number of hours (decision dimension) per sample.
    public var hours: Int
    /// `[count × 149]` features, row-major.
    public var features: [Double]
    /// `[count × hours]` loads, row-major.
    public var loads: [Double]
    /// Number of samples.
    public var count: Int

    /// Creates a data set from flat row-major arrays (`count × featureCount`, `count × hours`).
    public init(
        features: [Double], loads: [Double], count: Int, featureCount: Int = PowerDataset.standardFeatureCount,
        hours: Int = 24
    ) throws {
        guard count >= 1, features.count == count * featureCount, loads.count == count * hours else {
            throw BenchmarkError.invalidArgument(
                name: "PowerDataset",
                reason:
                    "features (\(features.count)) and loads (\(loads.count)) do not match \(count) samples of \(featureCount) features and \(hours) hours"
            )
        }
        self.features = features
        self.loads = loads
        self.count = count
        self.featureCount = featureCount
        self.hours = hours
    }

    /// Builds the samples from a pivoted table.
    public init(table: PJMLoadData) throws {
        let days = table.days
        guard days.count >= 2 else {
            throw BenchmarkError.invalidArgument(name: "table", reason: "need at least 2 days, got \(days.count)")
        }
        var tz = TimeZone(identifier: "America/New_York") ?? .current
        if tz.identifier.isEmpty { tz = .current }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        let p = PowerDataset.standardFeatureCount
        var x: [Double] = []
        x.reserveCapacity((days.count - 1) * p)
        var y: [Double] = []
        for d in 1..<days.count {
            let prev = days[d - 1], cur = days[d]
            x += prev.load
            x += prev.temperature
            x += prev.temperature.map { $0 * $0 }
            x += cur.temperature
            x += cur.temperature.map { $0 * $0 }
            x += cur.temperature.map { $0 * $0 * $0 }
            let weekday = USFederalHolidays.weekday(cur.year, cur.month, cur.day)
            x.append(weekday == 1 || weekday == 7 ? 1 : 0)
            x.append(USFederalHolidays.contains(year: cur.year, month: cur.month, day: cur.day) ? 1 : 0)
            let noon =
                calendar.date(from: DateComponents(year: cur.year, month: cur.month, day: cur.day, hour: 12)) ?? Date()
            x.append(tz.isDaylightSavingTime(for: noon) ? 1 : 0)
            let angle = 2 * Double.pi * Double(USFederalHolidays.dayOfYear(cur.year, cur.month, cur.day)) / 365
            x.append(cos(angle))
            x.append(sin(angle))
            y += cur.load
        }
        let n = days.count - 1
        PowerDataset.standardize(&x, columns: p)
        try self.init(features: x, loads: y, count: n)
    }

    /// Loads the default PJM files from the shared data directory and builds the samples.
    public static func loadDefault() throws -> PowerDataset { try PowerDataset(table: PJMLoadData.load()) }

    /// Z-scores every column in place (constant columns become 0).
    static func standardize(_ x: inout [Double], columns p: Int) {
        let n = x.count / p
        for j in 0..<p {
            var mean = 0.0
            for i in 0..<n { mean += x[i * p + j] }
            mean /= Double(n)
            var variance = 0.0
            for i in 0..<n {
                let d = x[i * p + j] - mean
                variance += d * d
            }
            let sd = (variance / Double(n)).squareRoot()
            for i in 0..<n { x[i * p + j] = sd > 1e-12 ? (x[i * p + j] - mean) / sd : 0 }
        }
    }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> PowerDataset {
        let p = featureCount, H = hours
        var f: [Double] = [], l: [Double] = []
        f.reserveCapacity(indices.count * p)
        l.reserveCapacity(indices.count * H)
        for i in indices {
            f += features[(i * p)..<((i + 1) * p)]
            l += loads[(i * H)..<((i + 1) * H)]
        }
        var copy = self
        copy.features = f
        copy.loads = l
        copy.count = indices.count
        return copy
    }

    /// The loads of sample `i`.
    public func load(_ i: Int) -> [Double] { Array(loads[(i * hours)..<((i + 1) * hours)]) }

    /// The benchmark split: the first 80 % of days (date order) for training, the rest for test;
    /// training further split 80/20 into train/hold-out by a seeded permutation (a substitute for
    /// the reference code's unlicensed `train_val_split.npy`).
    public func benchmarkSplit(seed: UInt64) -> (train: PowerDataset, holdout: PowerDataset, test: PowerDataset) {
        let trainCount = Int(0.8 * Double(count))
        var rng = SeededGenerator(seed: seed)
        let perm = rng.permutation(trainCount)
        let cut = Int(0.8 * Double(trainCount))
        return (subset(Array(perm[0..<cut])), subset(Array(perm[cut...])), subset(Array(trainCount..<count)))
    }
}
