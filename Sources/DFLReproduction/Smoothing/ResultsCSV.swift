import DFLBenchmarks
import DFLTraining
import Foundation

/// The append-only results file of a resumable reproduction: a settings line, a header, then one
/// ``SmoothingTableOne/Result`` per finished training run, appended the moment it finishes.
enum ResultsCSV {
    /// The results in `path` (none when it does not exist).
    /// - Throws: ``TrainingError`` `.invalidData` for a file of other settings or a malformed line.
    static func read(_ path: String, signature: String) throws -> [SmoothingTableOne.Result] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw TrainingError.invalidData("\(path): cannot read (\(error))")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.count >= 2, lines[0] == signature, lines[1] == SmoothingTableOne.Result.csvHeader else {
            throw TrainingError.invalidData(
                "\(path) was written by a run with different settings (first line '\(lines.first ?? "")', expected '\(signature)'); remove it or use another --output"
            )
        }
        return try lines.dropFirst(2).enumerated().map {
            try SmoothingTableOne.Result(csvLine: $0.element, number: $0.offset + 3)
        }
    }

    /// Reads `path`, or creates it with the settings line and header when it does not exist.
    static func open(_ path: String, signature: String) throws -> [SmoothingTableOne.Result] {
        let results = try read(path, signature: signature)
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try (signature + "\n" + SmoothingTableOne.Result.csvHeader + "\n").write(
                    toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw TrainingError.invalidData("\(path): cannot create (\(error))")
            }
        }
        return results
    }

    /// Appends one result line.
    static func append(_ result: SmoothingTableOne.Result, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw TrainingError.invalidData("\(path): cannot open for appending")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((result.csvLine + "\n").utf8))
        } catch {
            throw TrainingError.invalidData("\(path): cannot append (\(error))")
        }
    }
}
