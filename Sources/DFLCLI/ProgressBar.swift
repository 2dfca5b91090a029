#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error: `epoch 3/10 [████████░░░░] 32/32 loss 0.1234`.
///
/// It redraws in place with a carriage return when stderr is a terminal and prints a line per
/// `finish()` otherwise (so CI logs stay readable). Silent when `enabled` is false (`--quiet`).
public struct ProgressBar: Sendable {
    /// Text before the bar, e.g. `"epoch 3/10"`.
    public var label: String
    /// Number of steps of the whole bar.
    public var total: Int
    /// Whether anything is printed.
    public var enabled: Bool
    private let isTerminal: Bool

    /// Creates a bar of `total` steps.
    public init(label: String, total: Int, enabled: Bool = true) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
        self.isTerminal = isatty(2) != 0
    }

    /// Redraws at `step` of `total` with a trailing status (e.g. the running loss).
    public func update(step: Int, status: String = "") {
        guard enabled, isTerminal else { return }
        writeStderr("\r" + line(step: step, status: status) + "\u{1B}[K")
    }

    /// Draws the final state and ends the line.
    public func finish(status: String = "") {
        guard enabled else { return }
        writeStderr((isTerminal ? "\r" : "") + line(step: total, status: status) + (isTerminal ? "\u{1B}[K\n" : "\n"))
    }

    func line(step: Int, status: String) -> String {
        let width = 24
        let filled = min(width, max(0, step * width / total))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(label) [\(bar)] \(step)/\(total)" + (status.isEmpty ? "" : " " + status)
    }
}

/// Writes `text` to standard error, unbuffered.
public func writeStderr(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}
