#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output written unbuffered, with write errors as failures: `dfl ... > /dev/full`
/// ends with exit code 74 instead of 0. Every command prints through here.
enum StandardOutput {
    /// Writes `text` and a newline to file descriptor 1; ``CommandFailure`` `.ioError` when it cannot.
    static func print(_ text: String) throws {
        var bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CommandFailure(.ioError, "standard output: cannot write (\(String(cString: strerror(errno))))")
            }
            offset += written
        }
    }
}
