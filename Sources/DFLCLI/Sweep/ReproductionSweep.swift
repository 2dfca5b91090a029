import ArgumentParser
import DFLRunStore
import Foundation

/// The sweep options of `dfl reproduce smoothing|energy`, whose cells run as a plan through the
/// sweep engine: worker processes, the run store, a shard, or a Slurm job array.
struct ReproductionSweep: ParsableArguments {
    @Option(help: "The run store the cells are recorded in (default: OUTPUT/runs.sqlite).") var store: String?
    @Option(help: "Worker processes, ≥ 1.") var workers: Int = 1
    @Option(help: "Run only shard i of n of the cells (1-based, 'i/n') and skip the report.") var shard: String?
    @Flag(help: "List the cells (or, with --slurm, print the batch script) without running anything.") var dryRun =
        false
    @OptionGroup(title: "Slurm") var slurm: SlurmOptions

    /// Checks the worker count and the shard.
    func validate() throws {
        guard (1...256).contains(workers) else { throw ValidationError("--workers must be in 1...256, got \(workers)") }
        if let shard { _ = try Sweep.parseShard(shard) }
        if slurm.slurm, shard != nil { throw ValidationError("--slurm shards the plan itself; drop --shard") }
    }

    /// The store file for `output`.
    func storePath(output: String) -> String { store ?? output + "/runs.sqlite" }

    /// Runs the cells of `runs` not finished in the store (or submits them as a Slurm job array, or
    /// runs one shard).
    ///
    /// - Parameters:
    ///   - runs: the plan's runs (its cells).
    ///   - output: the reproduction's `--output` (the store's default folder).
    ///   - command: the `dfl` words that run this reproduction again (for the Slurm script).
    ///   - cellArguments: arguments every cell's worker gets (for example `--threads 2`).
    ///   - quiet: no progress lines.
    ///   - keepFailures: return failed runs too (their records say why) instead of stopping.
    /// - Returns: every run's record by id, or `nil` when there is no report to build here (a
    ///   shard, a dry run, a submitted array).
    /// - Throws: ``CommandFailure`` `.software` when runs failed (unless `keepFailures`); store and
    ///   process errors.
    func execute(
        _ runs: [SweepPlan.Run], output: String, command: [String], cellArguments: [String], quiet: Bool,
        keepFailures: Bool = false
    ) throws -> [String: RunRecord]? {
        let path = storePath(output: output)
        if slurm.slurm {
            let script = try slurm.batchScript(
                command: command, store: path,
                executable: try Sweep.currentExecutable(), runCount: runs.count)
            if dryRun {
                try StandardOutput.print(String(script.dropLast()))
                return nil
            }
            try StandardOutput.print(try slurm.submit(script, workFolder: path + ".work"))
            try StandardOutput.print(
                "when the array is done: dfl runs merge --store \(path) \(path).shard-*.sqlite, then run this command again for the report"
            )
            return nil
        }
        var todo = runs
        if let shard {
            let (i, n) = try Sweep.parseShard(shard)
            todo = runs.enumerated().filter { $0.offset % n == i - 1 }.map(\.element)
        }
        let store = try RunStore(path: path)
        if dryRun {
            let done = try store.finishedIDs()
            for run in todo {
                let settings = run.settings.keys.sorted().map { "\($0)=\(run.settings[$0] ?? "")" }
                try StandardOutput.print(
                    "\(done.contains(run.id) ? "done" : "todo")  \(run.id.prefix(12))  \(settings.joined(separator: " "))"
                )
            }
            return nil
        }
        let folder = URL(fileURLWithPath: path + ".work")
        try OutputFile.requireWritableDirectory(folder.path, option: "--store")
        let runner = SweepRunner(
            executable: try Sweep.currentExecutable(), workFolder: folder, store: store, workers: workers,
            progress: { line in if !quiet { writeStderr(line + "\n") } }, cellArguments: cellArguments)
        let outcome = try runner.run(todo, version: DFLCommand.configuration.version)
        if !quiet {
            writeStderr(
                "sweep: \(outcome.finished) finished, \(outcome.failed) failed, \(outcome.skipped) already in \(path)\n"
            )
        }
        if outcome.failed > 0, !keepFailures || shard != nil {
            throw CommandFailure(
                .software,
                "\(outcome.failed) run(s) failed; `dfl runs list --store \(path)` shows them; run again to retry")
        }
        if let shard {
            try StandardOutput.print(
                "shard \(shard): \(outcome.finished) finished, \(outcome.skipped) already in \(path); merge the shard stores (dfl runs merge) and run again without --shard for the report"
            )
            return nil
        }
        let wanted = Set(runs.map(\.id))
        var records: [String: RunRecord] = [:]
        for record in try store.runs() where wanted.contains(record.id) && (keepFailures || record.status == .finished)
        {
            records[record.id] = record
        }
        guard records.count == wanted.count else {
            throw CommandFailure(.software, "\(path) lacks \(wanted.count - records.count) of the plan's runs")
        }
        return records
    }
}
