import GRDB

/// The store's tables, created by one migration per schema version (GRDB's `DatabaseMigrator`):
///
/// - `run(id, problem, method, seed, settings, status, error, version, gitCommit, finishedAt)`,
///   one row per run, `id` the SHA-256 of the canonical settings;
/// - `epoch(runId, epoch, trainLoss, validation, test, seconds)`, the per-epoch history;
/// - `metric(runId, name, value)`, `timing(runId, phase, seconds)` and
///   `fingerprint(runId, name, sha256)`, the final numbers and the inputs' fingerprints.
///
/// Child rows reference `run(id)` with `ON DELETE CASCADE`, so replacing a run replaces all of it.
enum RunStoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "run") { t in
                t.primaryKey("id", .text)
                t.column("problem", .text).notNull()
                t.column("method", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("settings", .text).notNull()
                t.column("status", .text).notNull()
                t.column("error", .text)
                t.column("version", .text).notNull()
                t.column("gitCommit", .text)
                t.column("finishedAt", .double).notNull()
            }
            try db.create(table: "epoch") { t in
                t.column("runId", .text).notNull().references("run", onDelete: .cascade)
                t.column("epoch", .integer).notNull()
                t.column("trainLoss", .double)
                t.column("validation", .double)
                t.column("test", .double)
                t.column("seconds", .double).notNull()
                t.primaryKey(["runId", "epoch"])
            }
            for (table, key, value, type) in [
                ("metric", "name", "value", Database.ColumnType.double),
                ("timing", "phase", "seconds", .double), ("fingerprint", "name", "sha256", .text),
            ] {
                try db.create(table: table) { t in
                    t.column("runId", .text).notNull().references("run", onDelete: .cascade)
                    t.column(key, .text).notNull()
                    t.column(value, type).notNull()
                    t.primaryKey(["runId", key])
                }
            }
            try db.create(index: "run_problem_method", on: "run", columns: ["problem", "method"])
        }
        return migrator
    }

    /// The tables in dependency order (parents first), for merging.
    static let tables = ["run", "epoch", "metric", "timing", "fingerprint"]
}
