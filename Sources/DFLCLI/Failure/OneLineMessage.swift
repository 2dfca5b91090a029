import Foundation

/// Turns an error description into the one line `dfl` prints.
///
/// Library errors wrap each other (`TrainingError.checkpoint` around a `CheckpointError`), so their
/// descriptions can repeat a prefix: `"checkpoint: checkpoint error: x.json: …"`. This drops bare
/// `error:` segments and a segment that only repeats the one before it (`checkpoint` then
/// `checkpoint error`), and joins lines with `"; "` (with a space after a line ending in `:`).
public enum OneLineMessage {
    /// The cleaned message.
    public static func clean(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var joined = ""
        for line in lines where !line.isEmpty {
            if !joined.isEmpty { joined += joined.hasSuffix(":") ? " " : "; " }
            joined += line
        }
        var kept: [String] = []
        for segment in joined.components(separatedBy: ": ") {
            let s = stem(segment)
            if s.isEmpty { continue }  // a bare "error" / "Error"
            if let last = kept.last, stem(last) == s { continue }
            kept.append(segment)
        }
        return kept.joined(separator: ": ")
    }

    /// A prefix segment without case, a trailing `error` and a parenthesised reason:
    /// `"Checkpoint error"` → `"checkpoint"`, `"solver error (infeasible)"` → `"solver"`.
    static func stem(_ segment: String) -> String {
        var s = segment.lowercased().trimmingCharacters(in: .whitespaces)
        if s.hasSuffix(")"), let open = s.lastIndex(of: "(") {
            s = String(s[..<open]).trimmingCharacters(in: .whitespaces)
        }
        if s.hasSuffix("error") { s = String(s.dropLast(5)).trimmingCharacters(in: .whitespaces) }
        return s
    }
}
