import Foundation

/// Turns an error description into the one line `dfl` prints.
///
/// - Library errors wrap each other (`TrainingError.checkpoint` around a `CheckpointError`), so
///   their descriptions can repeat a prefix: `"checkpoint: checkpoint error: x.json: …"`. Bare
///   `error:` segments and a segment that only repeats the one before it are dropped.
/// - A Foundation error printed with `\(error)` (`Error Domain=… Code=4 "The file doesn’t
///   exist." UserInfo={…}`) is reduced to its quoted description.
/// - Lines are joined with `"; "`; a list of `- item` lines (ArgumentParser's "provide one of the
///   following:") becomes `item, item, …`.
public enum OneLineMessage {
    /// The cleaned message.
    public static func clean(_ text: String) -> String {
        let lines = withoutFoundationErrorDetails(text).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var joined = ""
        var inList = false
        for line in lines where !line.isEmpty {
            let isItem = line.hasPrefix("- ")
            let content = isItem ? String(line.dropFirst(2)) : line
            if !joined.isEmpty {
                joined += isItem && inList ? ", " : joined.hasSuffix(":") ? " " : "; "
            }
            joined += content
            inList = isItem
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

    /// Longest word kept whole in a message (a CSV cell, a path, a value echoed back).
    public static let longestWord = 120
    /// Longest message kept whole.
    public static let longestMessage = 1000

    /// `text` with every word (a run without spaces) longer than ``longestWord`` characters cut to
    /// its first 60 characters and `… (N characters)`, and the whole cut to ``longestMessage``
    /// characters: a 100 MB CSV cell is not echoed back. Only the first 64 KB of `text` are read.
    public static func shortened(_ text: String) -> String {
        let cutInput = text.utf8.count > 65_536
        let head = cutInput ? String(decoding: text.utf8.prefix(65_536), as: UTF8.self) : text
        var result = ""
        var word = ""
        var wordLength = 0
        func endWord() {
            result += wordLength > longestWord ? word + "… (\(wordLength) characters)" : word
            word = ""
            wordLength = 0
        }
        for character in head {
            if character == " " || character.isNewline {
                endWord()
                result.append(character)
                continue
            }
            wordLength += 1
            if wordLength <= longestWord {
                word.append(character)
            } else if wordLength == longestWord + 1 {
                word = String(word.prefix(60))
            }
        }
        endWord()
        if cutInput || result.count > longestMessage {
            result = String(result.prefix(longestMessage)) + "… (message cut)"
        }
        return result
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

    /// `text` with every `Error Domain=D Code=N "description" UserInfo={…}` replaced by its
    /// description (the `UserInfo` braces may nest).
    static func withoutFoundationErrorDetails(_ text: String) -> String {
        var rest = Substring(text)
        var result = ""
        while let start = rest.range(of: "Error Domain=") {
            result += rest[..<start.lowerBound]
            var tail = rest[start.upperBound...]
            guard let open = tail.firstIndex(of: "\""),
                let close = tail[tail.index(after: open)...].firstIndex(of: "\"")
            else {
                result += rest[start.lowerBound...]
                return result
            }
            result += tail[tail.index(after: open)..<close]
            tail = tail[tail.index(after: close)...]
            let trimmed = tail.drop(while: { $0 == " " })
            if trimmed.hasPrefix("UserInfo={") {
                var depth = 0
                var index = trimmed.startIndex
                repeat {
                    if trimmed[index] == "{" { depth += 1 }
                    if trimmed[index] == "}" { depth -= 1 }
                    index = trimmed.index(after: index)
                } while index < trimmed.endIndex && (depth > 0 || trimmed[trimmed.index(before: index)] != "}")
                tail = trimmed[index...]
            }
            rest = tail
        }
        return result + rest
    }
}
