import ArgumentParser
import DFLRunStore
import Foundation

/// `dfl sweep plan.yaml`: run a grid of `dfl train` settings on local workers into the run store.
public struct Sweep: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        abstract: "Run a plan's grid of training runs on local worker processes, into the run store.",
        discussion: """
            A plan (YAML) has `base` (settings every run shares), `grid` (settings with lists of values) and \
            `seeds`; keys are dfl train's flag names. Each run is identified by the SHA-256 of its settings: \
            runs already finished in the store are skipped, and a run killed halfway resumes from its \
            checkpoint. Results go into --store (default runs.sqlite); see `dfl runs`.
            """)

    @Argument(help: "The sweep plan (YAML).") var plan: String
    @OptionGroup var storeOption: Runs.StoreOption
    @Option(help: "Worker processes, ≥ 1 (default 1).") var workers: Int = 1
    @Option(help: "Run only shard i of n (1-based, 'i/n'): every n-th run starting at the i-th.") var shard: String?
    @Option(help: "Folder for the runs' result and checkpoint files (default: the store's name + '.work').")
    var workFolder: String?
    @Flag(help: "List the runs (or, with --slurm, print the batch script) without running anything.") var dryRun = false
    @Flag(help: "No progress lines.") var quiet = false
    @OptionGroup(title: "Slurm") var slurm: SlurmOptions

    /// Creates the command.
    public init() {}

    /// Checks the worker count and the shard.
    public func validate() throws {
        guard (1...256).contains(workers) else { throw ValidationError("--workers must be in 1...256, got \(workers)") }
        if let shard { _ = try Self.parseShard(shard) }
        if slurm.slurm, shard != nil { throw ValidationError("--slurm shards the plan itself; drop --shard") }
        guard (1...10_000).contains(slurm.tasks) else {
            throw ValidationError("--tasks must be in 1...10000, got \(slurm.tasks)")
        }
    }

    /// `"i/n"` → `(i, n)` with `1 ≤ i ≤ n`.
    static func parseShard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            throw ValidationError("--shard must be 'i/n' with 1 ≤ i ≤ n, got '\(text)'")
        }
        return (i, n)
    }

    /// Expands the plan, runs what is not done, prints the summary.
    public func run() throws {
        var runs = try SweepPlan.read(path: plan).runs()
        if let shard {
            let (i, n) = try Self.parseShard(shard)
            runs = runs.enumerated().filter { $0.offset % n == i - 1 }.map(\.element)
        }
        if slurm.slurm {
            let script = try slurm.batchScript(
                plan: plan, store: storeOption.store, executable: try Self.currentExecutable(), runCount: runs.count)
            if dryRun {
                try StandardOutput.print(String(script.dropLast()))
            } else {
                try StandardOutput.print(
                    try slurm.submit(script, workFolder: workFolder ?? storeOption.store + ".work"))
            }
            return
        }
        let store = try RunStore(path: storeOption.store)
        if dryRun {
            let done = try store.finishedIDs()
            for run in runs {
                try StandardOutput.print(
                    "\(done.contains(run.id) ? "done" : "todo")  \(run.id.prefix(12))  dfl train \(run.arguments.joined(separator: " "))"
                )
            }
            return
        }
        let folder = URL(fileURLWithPath: workFolder ?? storeOption.store + ".work")
        try OutputFile.requireWritableDirectory(folder.path, option: "--work-folder")
        let quiet = self.quiet
        let runner = SweepRunner(
            executable: try Self.currentExecutable(), workFolder: folder, store: store, workers: workers,
            progress: { line in if !quiet { writeStderr(line + "\n") } })
        let outcome = try runner.run(runs, version: DFLCommand.configuration.version)
        try StandardOutput.print(
            "sweep: \(outcome.finished) finished, \(outcome.failed) failed, \(outcome.skipped) already in \(storeOption.store)"
        )
        if outcome.failed > 0 {
            throw CommandFailure(
                .software, "\(outcome.failed) run(s) failed; `dfl runs list --store \(storeOption.store)` shows them")
        }
    }

    /// This process's executable (the workers run the same `dfl`).
    static func currentExecutable() throws -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        guard let url = Bundle.main.executableURL else {
            throw CommandFailure(.software, "cannot find the dfl executable to start workers")
        }
        return url
    }
}
