import Foundation

/// Hourly PJM load and temperature pivoted to a day × 24 table (local time America/New_York).
///
/// Files are whitespace-separated `unix_timestamp load temperature` lines (see
/// `shared/data/power/README.md`). As the reference loaders do, duplicate timestamps keep the
/// first record, the table is indexed by local date and hour, and gaps are filled by backfill
/// then forward fill along the hour axis of each day.
public struct PJMLoadData: Sendable {
    /// One calendar day of the table.
    public struct Day: Sendable, Equatable {
        /// Local calendar date.
        public var year: Int, month: Int, day: Int
        /// 24 hourly loads (GW-scale units).
        public var load: [Double]
        /// 24 hourly temperatures (°F).
        public var temperature: [Double]
    }

    /// The days in date order.
    public private(set) var days: [Day]

    /// The two files of the benchmark, in date order.
    public static let defaultFiles = ["power/pjm_load_data_2008-11.txt", "power/pjm_load_data_2012-16.txt"]

    /// Loads and pivots the given files (paths relative to the shared data directory).
    /// - Throws: ``BenchmarkError/missingData(path:)`` for a missing file, ``BenchmarkError/malformedData(path:line:reason:)``
    ///   for a bad line.
    public static func load(files: [String] = defaultFiles) throws -> PJMLoadData {
        try PJMLoadData(urls: files.map { try SharedDataDirectory.file($0) })
    }

    /// Loads and pivots the files at `urls`.
    public init(urls: [URL]) throws {
        var timeZone = TimeZone(identifier: "America/New_York")
        if timeZone == nil { timeZone = TimeZone(secondsFromGMT: -5 * 3600) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone ?? .current
        struct Key: Hashable, Comparable {
            let y: Int, m: Int, d: Int
            static func < (a: Key, b: Key) -> Bool { (a.y, a.m, a.d) < (b.y, b.m, b.d) }
        }
        var table: [Key: ([Double?], [Double?])] = [:]
        var seenStamps = Set<Int64>()
        for url in urls {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw BenchmarkError.missingData(path: url.path)
            }
            let text = try String(contentsOf: url, encoding: .utf8)
            var lineNumber = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
                if fields.isEmpty { continue }
                guard fields.count == 3, let stamp = Double(fields[0]), let load = Double(fields[1]),
                    let temp = Double(fields[2])
                else {
                    throw BenchmarkError.malformedData(
                        path: url.path, line: lineNumber, reason: "expected 3 numbers, got '\(line.prefix(60))'")
                }
                guard stamp.isFinite, load.isFinite, temp.isFinite else {
                    throw BenchmarkError.malformedData(path: url.path, line: lineNumber, reason: "non-finite value")
                }
                let rounded = Int64(stamp.rounded())
                if !seenStamps.insert(rounded).inserted { continue }
                let date = Date(timeIntervalSince1970: Double(rounded))
                let c = calendar.dateComponents([.year, .month, .day, .hour], from: date)
                guard let y = c.year, let m = c.month, let d = c.day, let h = c.hour else { continue }
                let key = Key(y: y, m: m, d: d)
                var entry = table[key] ?? ([Double?](repeating: nil, count: 24), [Double?](repeating: nil, count: 24))
                if entry.0[h] == nil {
                    entry.0[h] = load
                    entry.1[h] = temp
                }
                table[key] = entry
            }
        }
        guard !table.isEmpty else {
            throw BenchmarkError.malformedData(
                path: urls.map(\.path).joined(separator: ", "), line: 0, reason: "no records")
        }
        days = table.keys.sorted().map { key in
            let (l, t) = table[key]!
            return Day(
                year: key.y, month: key.m, day: key.d, load: PJMLoadData.fill(l), temperature: PJMLoadData.fill(t))
        }
    }

    /// Backfill then forward fill along the hours of one day (a day with no value at all is 0s).
    static func fill(_ values: [Double?]) -> [Double] {
        var out = values
        var next: Double? = nil
        for h in stride(from: out.count - 1, through: 0, by: -1) {
            if let v = out[h] { next = v } else { out[h] = next }
        }
        var previous: Double? = nil
        for h in 0..<out.count {
            if let v = out[h] { previous = v } else { out[h] = previous }
        }
        return out.map { $0 ?? 0 }
    }
}
