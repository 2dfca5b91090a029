import DFLBenchmarks

/// Typed reads of a plan cell's settings (key → text, as a sweep plan holds them).
enum PlanSettings {
    /// The text of `key`.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` when `key` is missing.
    static func string(_ settings: [String: String], _ key: String) throws -> String {
        guard let value = settings[key] else {
            throw BenchmarkError.invalidArgument(name: key, reason: "the cell's settings lack '\(key)'")
        }
        return value
    }

    /// `key` as an integer, `nil` when missing.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` when the text is not an integer.
    static func int(_ settings: [String: String], _ key: String) throws -> Int? {
        try settings[key].map { text in
            guard let value = Int(text) else {
                throw BenchmarkError.invalidArgument(name: key, reason: "'\(text)' is not an integer")
            }
            return value
        }
    }

    /// `key` as a number, `nil` when missing.
    /// - Throws: ``BenchmarkError`` `.invalidArgument` when the text is not a number.
    static func double(_ settings: [String: String], _ key: String) throws -> Double? {
        try settings[key].map { text in
            guard let value = Double(text), value.isFinite else {
                throw BenchmarkError.invalidArgument(name: key, reason: "'\(text)' is not a finite number")
            }
            return value
        }
    }

    /// The cell's seed (`seed`, a non-negative integer).
    /// - Throws: ``BenchmarkError`` `.invalidArgument` when missing or negative.
    static func seed(_ settings: [String: String]) throws -> UInt64 {
        guard let seed = try int(settings, "seed") else {
            throw BenchmarkError.invalidArgument(name: "seed", reason: "the cell's settings lack 'seed'")
        }
        guard seed >= 0 else { throw BenchmarkError.invalidArgument(name: "seed", reason: "\(seed) is negative") }
        return UInt64(seed)
    }
}
