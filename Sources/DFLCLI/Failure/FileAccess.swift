import Foundation

/// The CLI's checks of the files named on the command line, so a missing input is reported as
/// ``DFLExitCode/noInput`` and an unwritable output as ``DFLExitCode/ioError``, naming the option.
enum InputFile {
    /// Throws ``CommandFailure`` `.noInput` unless `path` exists and is readable.
    static func requireExists(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(.noInput, "\(option) \(path): no such file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CommandFailure(.noInput, "\(option) \(path): not readable")
        }
    }

    /// The UTF-8 text of `path`; ``CommandFailure`` `.noInput` when it cannot be read.
    static func read(_ path: String, option: String) throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(.noInput, "\(option) \(path): cannot read (\(error.localizedDescription))")
        }
    }
}

/// Writing the files named on the command line.
enum OutputFile {
    /// Writes `data` atomically; ``CommandFailure`` `.ioError` naming the option when it fails.
    static func write(_ data: Data, to path: String, option: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CommandFailure(.ioError, "\(option) \(path): cannot write (\(error.localizedDescription))")
        }
    }

    /// Writes `text` as UTF-8.
    static func write(_ text: String, to path: String, option: String) throws {
        try write(Data(text.utf8), to: path, option: option)
    }

    /// Creates `path` and its parents; ``CommandFailure`` `.ioError` when it cannot.
    static func makeDirectory(_ path: String, option: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw CommandFailure(
                .ioError, "\(option) \(path): cannot create the directory (\(error.localizedDescription))")
        }
    }
}
