import ArgumentParser
import Foundation

/// `dfl sweep --slurm` (and `dfl reproduce … --slurm`): a Slurm job array whose task `i` runs shard
/// `i/n` of the plan into its own store file (`STORE.shard-i.sqlite`), merged afterwards with
/// `dfl runs merge`.
struct SlurmOptions: ParsableArguments {
    @Flag(help: "Submit the sweep as a Slurm job array (sbatch) instead of running it here.") var slurm = false
    @Option(help: "Array tasks, each one shard of the plan (default 4).") var tasks = 4
    @Option(help: "Slurm partition.") var partition: String?
    @Option(help: "Time limit per task (Slurm syntax, e.g. 01:00:00).") var time: String?
    @Option(help: "Memory per task (Slurm syntax, e.g. 4G).") var mem: String?
    @Option(help: "CPUs per task; also the workers of each task (default 1).") var cpus = 1

    /// `path` made absolute against the current directory (array tasks may start elsewhere).
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The batch script for `runCount` runs of `plan` (never more tasks than runs).
    func batchScript(plan: String, store: String, executable: URL, runCount: Int) throws -> String {
        try batchScript(
            command: ["sweep", Self.absolute(plan)], store: store, executable: executable, runCount: runCount)
    }

    /// The batch script whose task `i` runs `dfl COMMAND --shard i/n --store STORE.shard-i.sqlite
    /// --workers CPUS --quiet` (`command` holds absolute paths).
    func batchScript(command: [String], store: String, executable: URL, runCount: Int) throws -> String {
        let n = max(1, min(tasks, runCount))
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = Self.absolute
        var lines = ["#!/bin/bash", "#SBATCH --job-name=dfl-sweep", "#SBATCH --array=1-\(n)"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        if let mem { lines.append("#SBATCH --mem=\(mem)") }
        lines += [
            "#SBATCH --cpus-per-task=\(cpus)", "#SBATCH --output=\(absolute(store)).work/slurm-%A_%a.out",
            "set -euo pipefail", "cd \(Self.quoted(cwd))",
            "exec \(Self.quoted(executable.path)) \(command.map(Self.quoted).joined(separator: " ")) --shard \"${SLURM_ARRAY_TASK_ID}/\(n)\""
                + " --store \(Self.quoted(absolute(store))).shard-\"${SLURM_ARRAY_TASK_ID}\".sqlite"
                + " --workers \(cpus) --quiet",
            "# afterwards: dfl runs merge --store \(Self.quoted(absolute(store))) \(absolute(store)).shard-*.sqlite",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the script into the work folder and submits it; returns sbatch's answer.
    /// - Throws: ``CommandFailure`` `.cannotCreate`/`.ioError` when the script cannot be written,
    ///   `.noInput` when `sbatch` is not installed, `.software` when it fails.
    func submit(_ script: String, workFolder: String) throws -> String {
        let file = URL(fileURLWithPath: workFolder).appendingPathComponent("sweep.sbatch")
        try OutputFile.requireWritableDirectory(workFolder, option: "--work-folder")
        try OutputFile.write(script, to: file.path, option: "--slurm script")
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let sbatch = paths.map({ "\($0)/sbatch" }).first(where: FileManager.default.isExecutableFile) else {
            throw CommandFailure(
                .noInput, "sbatch not found on PATH (install Slurm, or print the script with --dry-run)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sbatch)
        process.arguments = [file.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let answer = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                .software,
                "sbatch failed: \(problem.split(separator: "\n").first ?? "exit \(process.terminationStatus)")")
        }
        return answer.trimmingCharacters(in: .whitespacesAndNewlines) + " (script: \(file.path))"
    }

    /// A shell word, single-quoted when it holds anything but safe characters.
    static func quoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@%")
        guard !word.isEmpty, word.allSatisfy({ safe.contains($0) }) else {
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return word
    }
}
