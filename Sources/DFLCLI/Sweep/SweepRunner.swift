import DFLReport
import DFLReproduction
import DFLRunStore
import DFLTraining
import Foundation

/// Runs a plan's runs on local worker processes (`dfl train`, or `dfl reproduce cell` for a
/// reproduction's cells), records every result in the store in one transaction, and skips what the
/// store already holds.
///
/// Each run writes its result JSON and checkpoint into the work folder under its id; a run that
/// was killed halfway resumes from its checkpoint the next time the sweep runs.
struct SweepRunner {
    /// The `dfl` executable the workers run.
    var executable: URL
    /// Where results and checkpoints go.
    var workFolder: URL
    /// The store.
    var store: RunStore
    /// Worker processes.
    var workers: Int
    /// Progress lines (standard error), or nothing when quiet.
    var progress: @Sendable (String) -> Void
    /// Arguments added to every reproduction cell's command (for example `--threads 2`), outside
    /// the runs' identities.
    var cellArguments: [String] = []

    /// What a sweep did.
    struct Outcome: Equatable {
        /// Runs already in the store, not run again.
        var skipped = 0
        /// Runs that finished now.
        var finished = 0
        /// Runs that failed now (recorded as failed).
        var failed = 0
    }

    /// Runs every run of `runs` not finished in the store.
    /// - Throws: the first store or process error (other workers stop taking runs).
    func run(_ runs: [SweepPlan.Run], version: String) throws -> Outcome {
        let done = try store.finishedIDs()
        let todo = runs.filter { !done.contains($0.id) }
        let state = SweepState(outcome: Outcome(skipped: runs.count - todo.count), total: todo.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, todo.count))) { _ in
            while let index = state.take() {
                progress(state.line())
                let result = Result { try execute(todo[index], version: version) }
                state.finish(result)
                progress(state.line())
            }
        }
        if let first = state.firstError { throw first }
        return state.outcome
    }

    /// Runs one run's worker process to its end and records it; `true` when it finished.
    private func execute(_ run: SweepPlan.Run, version: String) throws -> Bool {
        let output = workFolder.appendingPathComponent("\(run.id).json")
        let checkpoint = workFolder.appendingPathComponent("\(run.id).checkpoint.json")
        let settingsJSON = try RunRecord.canonicalJSON(run.settings)
        let process = Process()
        process.executableURL = executable
        process.arguments =
            run.kind == "train"
            ? ["train"] + run.arguments + ["--output", output.path, "--checkpoint", checkpoint.path, "--quiet"]
            : ["reproduce", "cell", "--kind", run.kind, "--settings", settingsJSON, "--output", output.path, "--quiet"]
                + cellArguments
        let errorPipe = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorPipe
        let t0 = Date()
        try process.run()
        let stderr = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let wall = Date().timeIntervalSince(t0)
        var record = RunRecord(
            id: run.id,
            problem: run.settings["problem"] ?? run.settings["row"] ?? run.settings["part"] ?? "shortest-path",
            method: run.settings["method"] ?? run.settings["column"] ?? (run.kind == "train" ? "spo+" : "all"),
            seed: Int(run.settings["seed"] ?? "") ?? 0, settings: settingsJSON, version: version,
            timings: ["wall": wall])
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
            record.status = .failed
            let lastLine = stderr.split(separator: "\n").last.map(String.init)
            record.error = lastLine ?? "exit status \(process.terminationStatus)"
            try store.record(record)
            return false
        }
        if run.kind == "train" {
            try TrainResultJSON.fill(&record, from: data, file: output.path)
        } else {
            try CellResultJSON.fill(&record, from: data, file: output.path)
        }
        try store.record(record)
        try? FileManager.default.removeItem(at: checkpoint)
        return true
    }
}

/// The shared counters of a sweep's workers, behind one lock.
private final class SweepState: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outcome: SweepRunner.Outcome
    private let total: Int
    private var next = 0
    private var running = 0
    private(set) var firstError: Error?
    private let start = Date()

    init(outcome: SweepRunner.Outcome, total: Int) {
        self.outcome = outcome
        self.total = total
    }

    /// The next run's index, or `nil` when all are taken or a worker failed.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < total, firstError == nil else { return nil }
        next += 1
        running += 1
        return next - 1
    }

    /// Counts a run's end: finished (`true`), failed (`false`) or an error that stops the sweep.
    func finish(_ result: Result<Bool, Error>) {
        lock.lock()
        defer { lock.unlock() }
        running -= 1
        switch result {
        case .success(true): outcome.finished += 1
        case .success(false): outcome.failed += 1
        case .failure(let error): firstError = firstError ?? error
        }
    }

    /// `sweep: 3/12 done, 2 running, 0 failed, 4 skipped, ETA 41 s`.
    func line() -> String {
        lock.lock()
        defer { lock.unlock() }
        let completed = outcome.finished + outcome.failed
        let elapsed = Date().timeIntervalSince(start)
        let eta = completed == 0 ? "–" : "\(Int((elapsed / Double(completed) * Double(total - completed)).rounded())) s"
        return "sweep: \(completed)/\(total) done, \(running) running, \(outcome.failed) failed, "
            + "\(outcome.skipped) skipped, ETA \(eta)"
    }
}

/// Reads `dfl reproduce cell --output`'s JSON (a ``ReproductionCell/Result``) into a run record.
enum CellResultJSON {
    /// Fills `record` from the result file's bytes: names, metrics, timings (the wall time kept).
    /// - Throws: ``CommandFailure`` `.dataError` naming the file when it is not a cell result.
    static func fill(_ record: inout RunRecord, from data: Data, file: String) throws {
        let result: ReproductionCell.Result
        do { result = try JSONDecoder().decode(ReproductionCell.Result.self, from: data) } catch {
            throw CommandFailure(.dataError, "\(file): not a dfl reproduce cell result")
        }
        record.problem = result.problem
        record.method = result.method
        record.metrics = result.metrics
        record.timings.merge(result.timings) { $1 }
    }
}

/// Reads `dfl train --output`'s JSON (a ``TrainingResult``) into a run record: final metrics,
/// per-epoch history, timings.
enum TrainResultJSON {
    /// Fills `record` from the result file's bytes.
    /// - Throws: ``CommandFailure`` `.dataError` naming the file when it is not a result.
    static func fill(_ record: inout RunRecord, from data: Data, file: String) throws {
        let result: TrainingResult
        do { result = try JSONDecoder().decode(TrainingResult.self, from: data) } catch {
            throw CommandFailure(.dataError, "\(file): not a dfl train result")
        }
        record.problem = result.problem
        record.metrics["test.normalizedRegret"] = result.normalizedRegret
        record.metrics["test.meanRelativeRegret"] = result.meanRelativeRegret
        record.metrics["test.initialNormalizedRegret"] = result.initialNormalizedRegret
        record.timings["training"] = result.trainingSeconds
        record.timings["epoch"] = result.secondsPerEpoch
        // Epoch 0 is the untrained model (its test regret), so curves start where training starts.
        record.history =
            [RunRecord.Epoch(epoch: 0, test: result.initialNormalizedRegret)]
            + result.history.map {
                RunRecord.Epoch(
                    epoch: $0.epoch, trainLoss: $0.trainLoss, validation: $0.validationNormalizedRegret,
                    test: $0.testNormalizedRegret, seconds: $0.seconds)
            }
    }
}
