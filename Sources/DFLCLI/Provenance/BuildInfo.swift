import DFLTraining
import Foundation

/// The version and git commit written into results and saved models.
///
/// SwiftPM has no build step that generates a source file, so the commit is found at run time:
/// `$DFLKIT_GIT_COMMIT` when set (a packager or CI can pin it), otherwise `git rev-parse HEAD` in
/// the source tree this binary was compiled from (its path is known at compile time), with
/// `+changes` when that tree has uncommitted changes; `unknown` when neither works (no git, the
/// tree moved).
enum BuildInfo {
    /// DFLKit's version.
    static let version = DFLKitVersion.current

    /// The commit, read once per process.
    static let gitCommit: String = {
        if let pinned = ProcessInfo.processInfo.environment["DFLKIT_GIT_COMMIT"], !pinned.isEmpty { return pinned }
        // Sources/DFLCLI/Provenance/BuildInfo.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        guard let head = git(["rev-parse", "HEAD"], in: root), head.count == 40 else { return "unknown" }
        let changes = git(["status", "--porcelain", "--untracked-files=no"], in: root)
        return changes?.isEmpty == false ? head + "+changes" : head
    }()

    /// The trimmed standard output of `git arguments` run in `directory`, nil when it fails.
    private static func git(_ arguments: [String], in directory: String) -> String? {
        guard FileManager.default.fileExists(atPath: directory + "/.git") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
