import Foundation

/// Locates the shared data directory (`/work/shared/data` in the reference layout).
///
/// Resolution order: the environment variable `DFLKIT_SHARED_DATA`, then `<repo>/../shared/data`
/// where `<repo>` is the package root (found from this source file's location, or the current
/// directory when the sources have moved).
public enum SharedDataDirectory {
    /// The resolved directory (not checked for existence).
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["DFLKIT_SHARED_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        // #filePath = <repo>/Sources/DFLBenchmarks/Support/SharedDataDirectory.swift
        let source = URL(fileURLWithPath: #filePath)
        let repo = source.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidate = repo.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return cwd.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
    }

    /// The path of `relative` inside the shared data directory.
    /// - Throws: ``BenchmarkError/missingData(path:)`` when it does not exist.
    public static func file(_ relative: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> URL
    {
        let url = url(environment: environment).appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw BenchmarkError.missingData(path: url.path) }
        return url
    }
}
