/// A place in a model file: 1-based line and column (in characters).
struct TextPlace: Sendable, Equatable {
    /// The 1-based line.
    var line: Int
    /// The 1-based column.
    var column: Int
}

/// A whitespace-separated word of a line, with the column it starts at.
struct Word {
    /// The word.
    var text: Substring
    /// Where it starts.
    var place: TextPlace
}

/// The lines of a model file as text: UTF-8 checked, NUL bytes refused, `\r\n` and `\r` endings
/// accepted.
struct ModelText {
    /// The file name for errors.
    let file: String
    /// The lines, in order (line `i + 1` of the file is `lines[i]`).
    let lines: [Substring]

    /// Decodes `bytes`.
    /// - Throws: ``ModelFileError`` `.syntax` at the first byte that is NUL or not UTF-8.
    init(bytes: [UInt8], file: String) throws {
        self.file = file
        var lines: [Substring] = []
        var start = 0
        var number = 1
        func addLine(_ end: Int) throws {
            var slice = bytes[start..<end]
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            if let zero = slice.firstIndex(of: 0) {
                throw ModelFileError(
                    .syntax, "a NUL byte: not a text file", file: file, line: number, column: zero - start + 1)
            }
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw ModelFileError(.syntax, "bytes that are not UTF-8 text", file: file, line: number)
            }
            lines.append(Substring(text))
        }
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            try addLine(i)
            start = i + 1
            number += 1
        }
        if start < bytes.count { try addLine(bytes.count) }
        self.lines = lines
    }

    /// The first `limit` whitespace-separated words of line `index` (0-based), with their places.
    func words(_ index: Int, limit: Int = .max) -> [Word] {
        var words: [Word] = []
        var column = 1
        var current: Substring.Index?
        var startColumn = 0
        let line = lines[index]
        var i = line.startIndex
        while i < line.endIndex {
            let blank = line[i] == " " || line[i] == "\t"
            if blank, let s = current {
                words.append(Word(text: line[s..<i], place: TextPlace(line: index + 1, column: startColumn)))
                current = nil
                if words.count == limit { return words }
            } else if !blank && current == nil {
                current = i
                startColumn = column
            }
            column += 1
            i = line.index(after: i)
        }
        if let s = current {
            words.append(Word(text: line[s..<line.endIndex], place: TextPlace(line: index + 1, column: startColumn)))
        }
        return words
    }
}
