import DFLBenchmarks
import Foundation

/// A resumable record of finished runs of `dfl reproduce energy`: one JSON object per line,
/// keyed by (part, seed, method). An interrupted reproduction started again with the same
/// output directory skips every run already in the journal.
public final class EnergyRunJournal: @unchecked Sendable {
    /// One finished run.
    public struct Entry: Codable, Equatable, Sendable {
        /// Experiment part, e.g. `power`, `power-sweep-0.25`, `covid`, `security`.
        public var part: String
        /// Seed of the run.
        public var seed: UInt64
        /// Method name as printed in the report.
        public var method: String
        /// The run's metric (task loss, cost or utility).
        public var value: Double
        /// Training seconds per epoch.
        public var secondsPerEpoch: Double
    }

    /// Path of the JSON-lines file, or `nil` for an in-memory journal.
    public let path: String?
    private var entries: [String: Entry] = [:]
    private let lock = NSLock()

    /// Opens (or starts) the journal at `path`; `nil` keeps it in memory only.
    /// - Throws: ``BenchmarkError/invalidArgument(name:reason:)`` when a line of an existing file is not a journal entry.
    public init(path: String?) throws {
        self.path = path
        guard let path, FileManager.default.fileExists(atPath: path) else { return }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line.utf8)) else {
                throw BenchmarkError.invalidArgument(
                    name: "journal", reason: "\(path) line \(number + 1) is not a journal entry: \(line.prefix(80))")
            }
            entries[Self.key(entry.part, entry.seed, entry.method)] = entry
        }
    }

    private static func key(_ part: String, _ seed: UInt64, _ method: String) -> String { "\(part)|\(seed)|\(method)" }

    /// The finished run for (part, seed, method), if any.
    public func entry(part: String, seed: UInt64, method: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[Self.key(part, seed, method)]
    }

    /// The runs of every method in `methods` for (part, seed), in that order, or `nil` unless all
    /// of them have finished (a part that trains its methods together resumes per seed).
    public func entries(part: String, seed: UInt64, methods: [String]) -> [Entry]? {
        let done = methods.compactMap { entry(part: part, seed: seed, method: $0) }
        return done.count == methods.count ? done : nil
    }

    /// Number of finished runs.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }

    /// Records a finished run and appends it to the file at once.
    /// - Throws: a file-system error when the journal cannot be written.
    public func record(part: String, seed: UInt64, method: String, value: Double, secondsPerEpoch: Double) throws {
        let entry = Entry(part: part, seed: seed, method: method, value: value, secondsPerEpoch: secondsPerEpoch)
        lock.lock()
        defer { lock.unlock() }
        entries[Self.key(part, seed, method)] = entry
        guard let path else { return }
        var line = try JSONEncoder().encode(entry)
        line.append(UInt8(ascii: "\n"))
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }
}
