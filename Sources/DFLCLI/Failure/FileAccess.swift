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
        guard !isDirectory.boolValue else { throw CommandFailure(.noInput, "\(option) \(path): is a directory") }
        // A FIFO, a terminal or a device (also behind a link: /dev/stdin) would block or never end.
        let resolved = (path as NSString).resolvingSymlinksInPath
        let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType
        guard type == nil || type == .typeRegular else {
            throw CommandFailure(.noInput, "\(option) \(path): not a regular file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CommandFailure(.noInput, "\(option) \(path): not readable")
        }
    }

    /// The UTF-8 text of `path`; ``CommandFailure`` `.noInput` when it cannot be read, `.dataError`
    /// when it is not UTF-8 text.
    static func read(_ path: String, option: String) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure(.noInput, "\(option) \(path): cannot read (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(.dataError, "\(option) \(path): not UTF-8 text")
        }
        return text
    }
}

/// Writing the files named on the command line: checked for writability before any work
/// (``requireWritable(_:option:)``, exit 73), then written atomically (a temporary file in the same
/// folder renamed over the target) so a failed run never leaves half a file.
enum OutputFile {
    /// Throws ``CommandFailure`` `.cannotCreate` unless `path` can be written: an existing regular
    /// file (or device, `/dev/stdout`) that is writable, or a new name in a writable folder.
    static func requireWritable(_ path: String, option: String) throws {
        guard !path.isEmpty else { throw CommandFailure(.cannotCreate, "\(option): empty path") }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CommandFailure(.cannotCreate, "\(option) \(path): is a directory") }
            guard manager.isWritableFile(atPath: path) else {
                throw CommandFailure(.cannotCreate, "\(option) \(path): not writable")
            }
            if isRegular(path) { try requireWritableDirectory(folder(of: path), for: path, option: option) }
            return
        }
        try requireWritableDirectory(folder(of: path), for: path, option: option)
    }

    /// Throws ``CommandFailure`` `.cannotCreate` unless `path` is (or can be made) a writable folder:
    /// creates it and its parents.
    static func requireWritableDirectory(_ path: String, option: String) throws {
        try makeDirectory(path, option: option)
        try requireWritableDirectory(path, for: path, option: option)
    }

    private static func requireWritableDirectory(_ directory: String, for path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw CommandFailure(.cannotCreate, "\(option) \(path): no folder \(directory)") }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw CommandFailure(.cannotCreate, "\(option) \(path): folder \(directory) is not writable")
        }
    }

    private static func folder(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    private static func isRegular(_ path: String) -> Bool {
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        return type == nil || type == .typeRegular
    }

    /// Writes `data`: atomically to a regular file, directly to a device (`/dev/stdout`);
    /// ``CommandFailure`` `.ioError` naming the option when it fails.
    static func write(_ data: Data, to path: String, option: String) throws {
        do {
            if isRegular(path) {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            } else {
                guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
                defer { try? handle.close() }
                try handle.write(contentsOf: data)
            }
        } catch {
            throw CommandFailure(.ioError, "\(option) \(path): cannot write (\(error.localizedDescription))")
        }
    }

    /// Writes `text` as UTF-8.
    static func write(_ text: String, to path: String, option: String) throws {
        try write(Data(text.utf8), to: path, option: option)
    }

    /// Creates `path` and its parents; ``CommandFailure`` `.cannotCreate` when it cannot.
    static func makeDirectory(_ path: String, option: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw CommandFailure(
                .cannotCreate, "\(option) \(path): cannot create the directory (\(error.localizedDescription))")
        }
    }
}
