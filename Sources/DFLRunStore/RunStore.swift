import DFLReport
import Foundation
import GRDB

/// The one run store: an SQLite file (through GRDB) holding runs, their settings, histories, final
/// metrics, timings, DFLKit versions and data fingerprints.
///
/// The file is opened in WAL mode with a busy timeout, so several processes (sweep workers, two
/// sweeps) can write it at once; every run is written in one transaction, so a run is either
/// entirely in the store or not at all, whatever happens to the writer.
///
/// ```swift
/// let store = try RunStore(path: "runs.sqlite")
/// try store.record(run)                         // one transaction
/// let done = try store.finishedIDs()            // what a resumed sweep skips
/// let table = try store.summary(metric: "test.normalizedRegret")   // method × problem, mean ± sd
/// ```
public final class RunStore: Sendable {
    /// The store file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (or creates) the store at `path`.
    /// - Parameters:
    ///   - path: the store file (created with its tables when missing).
    ///   - busyTimeout: how long a writer waits for another writer's lock (default 30 s).
    ///   - readOnly: open without write access (for `runs list` on a shared store).
    /// - Throws: ``RunStoreError`` `.cannotOpen` naming the path and SQLite's message.
    public convenience init(path: String, busyTimeout: Double = 30, readOnly: Bool = false) throws {
        try self.init(path: path, busyTimeout: busyTimeout, readOnly: readOnly, maximumPageCount: nil)
    }

    /// Opens the store with its file capped at `maximumPageCount` pages (SQLite's
    /// `max_page_count`), so a test can fill it like a full disk.
    /// - Throws: ``RunStoreError`` `.cannotOpen` naming the path and SQLite's message.
    package init(path: String, busyTimeout: Double, readOnly: Bool, maximumPageCount: Int?) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        if let maximumPageCount {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA max_page_count = \(maximumPageCount)") }
        }
        // Two processes that create one new store at once race on its schema: the loser's migration
        // rolls back whole ("table run already exists", or a lock while WAL is switched on), and on
        // the next attempt it finds the schema in place.
        var attempt = 1
        while true {
            do {
                let opened = try DatabasePool(path: path, configuration: configuration)
                if !readOnly { try RunStoreSchema.migrator.migrate(opened) }
                pool = opened
                break
            } catch let error as DatabaseError where attempt < 5 && Self.isCreationRace(error) {
                attempt += 1
                usleep(UInt32(20_000 * attempt))
            } catch {
                throw RunStoreError(.cannotOpen, "\(path): \(Self.describe(error))")
            }
        }
    }

    /// Writes `run` (replacing a run with the same id) in one transaction.
    /// - Throws: ``RunStoreError`` `.invalidRecord` for a malformed record, `.writeFailed` when
    ///   SQLite refuses (read-only file, full disk, lock timeout); the store is then unchanged.
    public func record(_ run: RunRecord) throws {
        try run.validate()
        do {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [run.id])
                try db.execute(
                    sql: """
                        INSERT INTO run (id, problem, method, seed, settings, status, error, version, gitCommit, finishedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        run.id, run.problem, run.method, run.seed, run.settings, run.status.rawValue, run.error,
                        run.version, run.commit, run.finishedAt,
                    ])
                for e in run.history {
                    try db.execute(
                        sql:
                            "INSERT INTO epoch (runId, epoch, trainLoss, validation, test, seconds) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [run.id, e.epoch, e.trainLoss, e.validation, e.test, e.seconds])
                }
                for (name, value) in run.metrics {
                    try db.execute(
                        sql: "INSERT INTO metric (runId, name, value) VALUES (?, ?, ?)",
                        arguments: [run.id, name, value])
                }
                for (phase, seconds) in run.timings {
                    try db.execute(
                        sql: "INSERT INTO timing (runId, phase, seconds) VALUES (?, ?, ?)",
                        arguments: [run.id, phase, seconds])
                }
                for (name, hash) in run.fingerprints {
                    try db.execute(
                        sql: "INSERT INTO fingerprint (runId, name, sha256) VALUES (?, ?, ?)",
                        arguments: [run.id, name, hash])
                }
            }
        } catch {
            throw RunStoreError(.writeFailed, "\(path): run \(run.id.prefix(12)) not recorded: \(Self.describe(error))")
        }
    }

    /// The ids of the finished runs (a resumed sweep skips them).
    /// - Throws: ``RunStoreError`` `.readFailed`.
    public func finishedIDs() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM run WHERE status = 'finished'")) }
    }

    /// Number of runs in the store.
    /// - Throws: ``RunStoreError`` `.readFailed`.
    public func count() throws -> Int { try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") ?? 0 } }

    /// The run with `id` (a unique prefix is enough), or `nil`.
    /// - Throws: ``RunStoreError`` `.readFailed`.
    public func run(id: String) throws -> RunRecord? {
        try runs(where: "id LIKE ? || '%'", [id]).first
    }

    /// All runs, optionally of one problem and/or method, ordered by problem, method and seed.
    /// - Throws: ``RunStoreError`` `.readFailed`.
    public func runs(problem: String? = nil, method: String? = nil) throws -> [RunRecord] {
        try runs(where: "(? IS NULL OR problem = ?) AND (? IS NULL OR method = ?)", [problem, problem, method, method])
    }

    /// Mean ± sd of `metric` over the finished runs of each (problem, method), the table every DFL
    /// paper shows.
    /// - Throws: ``RunStoreError`` `.readFailed`.
    public func summary(metric: String) throws -> [RunSummary] {
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run.problem, run.method, metric.value FROM run JOIN metric ON metric.runId = run.id
                    WHERE run.status = 'finished' AND metric.name = ? ORDER BY run.problem, run.method, run.seed
                    """, arguments: [metric])
        }
        return RunSummary.group(rows.map { (problem: $0[0], method: $0[1], value: $0[2]) }, metric: metric)
    }

    /// Copies every run of the stores at `paths` that this store does not hold yet (duplicates by
    /// id are ignored), each source in one transaction. Returns how many runs were added.
    /// - Throws: ``RunStoreError`` `.cannotOpen` for a source that is not a run store, `.writeFailed`.
    @discardableResult
    public func merge(from paths: [String]) throws -> Int {
        var added = 0
        for source in paths {
            _ = try RunStore(path: source, readOnly: true)  // a clear error for a missing or foreign file
            do {
                added += try pool.writeWithoutTransaction { db -> Int in
                    try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source])
                    defer { try? db.execute(sql: "DETACH DATABASE source") }
                    var inserted = 0
                    try db.inTransaction {
                        let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") ?? 0
                        try db.execute(
                            sql: """
                                CREATE TEMP TABLE incoming AS SELECT id FROM source.run
                                WHERE id NOT IN (SELECT id FROM main.run)
                                """)
                        for table in RunStoreSchema.tables {
                            let key = table == "run" ? "id" : "runId"
                            try db.execute(
                                sql:
                                    "INSERT INTO main.\(table) SELECT * FROM source.\(table) WHERE \(key) IN (SELECT id FROM temp.incoming)"
                            )
                        }
                        try db.execute(sql: "DROP TABLE temp.incoming")
                        inserted = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") ?? 0) - before
                        return .commit
                    }
                    return inserted
                }
            } catch {
                throw RunStoreError(.writeFailed, "\(path): merging \(source): \(Self.describe(error))")
            }
        }
        return added
    }

    /// Runs SQLite's `PRAGMA integrity_check`.
    /// - Throws: ``RunStoreError`` `.corrupt` with SQLite's findings, `.readFailed`.
    public func checkIntegrity() throws {
        let findings = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        guard findings == ["ok"] else {
            throw RunStoreError(.corrupt, "\(path): \(findings.prefix(3).joined(separator: "; "))")
        }
    }

    // MARK: - Reading

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch {
            throw RunStoreError(.readFailed, "\(path): \(Self.describe(error))")
        }
    }

    private func runs(where condition: String, _ arguments: StatementArguments) throws -> [RunRecord] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE \(condition) ORDER BY problem, method, seed, id", arguments: arguments
            )
            return try rows.map { row in
                let id: String = row["id"]
                let history = try Row.fetchAll(
                    db, sql: "SELECT * FROM epoch WHERE runId = ? ORDER BY epoch", arguments: [id]
                ).map { e in
                    RunRecord.Epoch(
                        epoch: e["epoch"], trainLoss: e["trainLoss"], validation: e["validation"], test: e["test"],
                        seconds: e["seconds"])
                }
                func pairs<V: DatabaseValueConvertible>(_ table: String, _ key: String, _ value: String) throws
                    -> [String: V]
                {
                    var out: [String: V] = [:]
                    for r in try Row.fetchAll(
                        db, sql: "SELECT \(key), \(value) FROM \(table) WHERE runId = ?", arguments: [id])
                    {
                        out[r[0]] = r[1]
                    }
                    return out
                }
                let status: String = row["status"]
                return RunRecord(
                    id: id, problem: row["problem"], method: row["method"], seed: row["seed"],
                    settings: row["settings"],
                    status: RunRecord.Status(rawValue: status) ?? .failed, error: row["error"], version: row["version"],
                    commit: row["gitCommit"], finishedAt: row["finishedAt"], history: history,
                    metrics: try pairs("metric", "name", "value"), timings: try pairs("timing", "phase", "seconds"),
                    fingerprints: try pairs("fingerprint", "name", "sha256"))
            }
        }
    }

    /// Whether opening failed because another process was creating the same store.
    private static func isCreationRace(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
            || (error.resultCode == .SQLITE_ERROR && (error.message ?? "").contains("already exists"))
    }

    /// SQLite's own message for GRDB errors, the description otherwise; one line.
    private static func describe(_ error: Error) -> String {
        let text = (error as? DatabaseError).map { "\($0.message ?? "\($0.resultCode)")" } ?? "\(error)"
        return text.replacingOccurrences(of: "\n", with: " ")
    }
}
