import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a model file, read safely: the file type is checked before the file is opened (a
/// directory, FIFO, device or socket is refused and never blocks), the file is opened non-blocking
/// and checked again, and its size is bounded; a gzip stream is inflated with a bound on the
/// inflated size.
enum ModelFileBytes {
    /// The bytes of `path` (still compressed when gzipped).
    /// - Throws: ``ModelFileError`` (`.noSuchFile`, `.unreadable`, `.notRegularFile`, `.tooLarge`).
    static func contents(of path: String, limit: Int) throws -> [UInt8] {
        func fail(_ reason: ModelFileError.Reason, _ message: String) -> ModelFileError {
            ModelFileError(reason, message, file: path)
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw fail(.noSuchFile, "no such file") }
            throw fail(.unreadable, "cannot read (\(String(cString: strerror(code))))")
        }
        try checkRegular(info.st_mode, fail)
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw fail(.unreadable, "cannot open (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw fail(.unreadable, "cannot read its status") }
        try checkRegular(info.st_mode, fail)
        guard Int(info.st_size) <= limit else {
            throw fail(.tooLarge, "the file has \(info.st_size) bytes, more than the limit of \(limit)")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail(.unreadable, "cannot read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > limit {
                throw fail(.tooLarge, "the file has more than the limit of \(limit) bytes")
            }
        }
        return bytes
    }

    /// Refuses anything but a regular file.
    private static func checkRegular(_ mode: mode_t, _ fail: (ModelFileError.Reason, String) -> ModelFileError) throws {
        let kind = mode & S_IFMT
        if kind == S_IFREG { return }
        let what =
            kind == S_IFDIR
            ? "a directory"
            : kind == S_IFIFO ? "a FIFO" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : "not a regular file"
        throw fail(.notRegularFile, "is \(what), not a model file")
    }

    /// Inflates a gzip stream (several members in a row are concatenated, as `gzip -d` does).
    /// - Throws: ``ModelFileError`` `.corruptGzip` for a corrupt or truncated stream, `.tooLarge`.
    static func gunzip(_ input: [UInt8], limit: Int, file: String) throws -> [UInt8] {
        func fail(_ reason: ModelFileError.Reason, _ message: String) -> ModelFileError {
            ModelFileError(reason, message, file: file)
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw fail(.unreadable, "cannot start the gzip decoder")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        let total = input.count
        try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(total)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output += chunk[0..<produced]
                if output.count > limit {
                    throw fail(.tooLarge, "the gzip stream inflates to more than the limit of \(limit) bytes")
                }
                if status == Z_STREAM_END {
                    if stream.avail_in == 0 { return }
                    guard inflateReset(&stream) == Z_OK else { throw fail(.corruptGzip, "corrupt gzip stream") }
                    continue
                }
                if status == Z_OK { continue }
                if status == Z_BUF_ERROR && stream.avail_in == 0 {
                    throw fail(.corruptGzip, "the gzip stream is truncated")
                }
                throw fail(.corruptGzip, "corrupt gzip stream (zlib status \(status))")
            }
        }
        return output
    }
}
