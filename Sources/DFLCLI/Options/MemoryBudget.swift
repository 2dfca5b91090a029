import Foundation

/// One large allocation a command is about to make: what it is and how many bytes it needs.
public struct MemoryDemand: Sendable, Equatable {
    /// What is allocated, as the user asked for it: `"training data (9999999 + 1000 instances × 86 values)"`.
    public var what: String
    /// Bytes needed (saturates at `Int.max`).
    public var bytes: Int

    /// A demand of `doubles` 8-byte values (saturating).
    public init(_ what: String, doubles: Int) {
        self.what = what
        self.bytes = MemoryBudget.product(doubles, 8)
    }
}

/// The one size estimator of `dfl`: before allocating the data, the model, a QP or a DP table, a
/// command adds up what they need and refuses, as a usage error, when the sum is above the limit.
///
/// The limit is half the machine's physical memory, or `DFL_MEMORY_LIMIT_GB` gigabytes when that
/// variable is set. Every size is computed with saturating arithmetic, so no setting can make the
/// estimate itself overflow.
public enum MemoryBudget {
    /// The environment variable that raises (or lowers) the limit, in gigabytes.
    public static let variable = "DFL_MEMORY_LIMIT_GB"

    /// The limit in bytes.
    public static var limit: Int {
        if let text = ProcessInfo.processInfo.environment[variable], let gb = Double(text), gb > 0, gb.isFinite {
            return gb >= Double(Int.max) / 1e9 ? Int.max : Int(gb * 1e9)
        }
        return Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
    }

    /// The product of `factors`, `Int.max` when it overflows (factors are ≥ 0).
    public static func product(_ factors: Int...) -> Int {
        var result = 1
        for f in factors {
            let (p, overflow) = result.multipliedReportingOverflow(by: max(f, 0))
            if overflow { return .max }
            result = p
        }
        return result
    }

    /// The sum of `terms`, `Int.max` when it overflows (terms are ≥ 0).
    public static func sum(_ terms: Int...) -> Int { sum(terms) }

    /// The sum of `terms`, `Int.max` when it overflows.
    public static func sum(_ terms: [Int]) -> Int {
        var result = 0
        for t in terms {
            let (s, overflow) = result.addingReportingOverflow(max(t, 0))
            if overflow { return .max }
            result = s
        }
        return result
    }

    /// Throws a usage error naming the largest demand, the total, the limit and how to raise it,
    /// when `demands` need more than ``limit``.
    public static func require(_ demands: [MemoryDemand], limit: Int = MemoryBudget.limit) throws {
        let total = sum(demands.map(\.bytes))
        guard total > limit, let largest = demands.max(by: { $0.bytes < $1.bytes }) else { return }
        throw CommandFailure(
            .usage,
            "\(largest.what) needs \(format(largest.bytes)) of memory (\(format(total)) in all), above the limit of "
                + "\(format(limit)); choose smaller sizes or raise the limit with \(variable)=<gigabytes>")
    }

    /// `"12.0 GB"`, `"more than 9.2 EB"` at saturation.
    static func format(_ bytes: Int) -> String {
        if bytes == .max { return "more than 9.2 EB" }
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes), unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : "\((value * 10).rounded() / 10) \(units[unit])"
    }
}
