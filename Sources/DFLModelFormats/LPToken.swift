/// A token of the CPLEX LP format, with where it starts.
struct LPToken {
    /// The kinds of token.
    enum Kind: Equatable {
        /// A decimal number.
        case number(Double)
        /// A name (a variable, a label, `inf`, `free`).
        case name
        /// `+` (1) or `-` (−1).
        case sign(Double)
        /// `<=`/`=<`/`<` (−1), `=` (0), `>=`/`=>`/`>` (1).
        case relation(Int)
        /// `:` after a label.
        case colon
    }

    /// What it is.
    var kind: Kind
    /// Its text.
    var text: Substring
    /// Where it starts.
    var place: TextPlace

    /// Whether this is the name `word` (case-insensitive).
    func isName(_ word: String) -> Bool { kind == .name && text.lowercased() == word }

    /// Characters that may appear in a name besides letters and digits (CPLEX's list).
    private static let nameSymbols = Set("!\"#$%&()/,.;?@_`'{}|~")

    /// The tokens of `line` (comments already removed), line number `lineNumber`, from column
    /// `firstColumn` on.
    /// - Throws: ``ModelFileError`` at a character that starts no token.
    static func tokens(_ line: Substring, lineNumber: Int, firstColumn: Int, file: String) throws -> [LPToken] {
        var tokens: [LPToken] = []
        let chars = Array(line)
        var i = 0
        func place(_ k: Int) -> TextPlace { TextPlace(line: lineNumber, column: firstColumn + k) }
        func slice(_ a: Int, _ b: Int) -> Substring { Substring(String(chars[a..<b])) }
        func isDigit(_ k: Int) -> Bool { k < chars.count && chars[k].isASCII && chars[k].isNumber }
        func isNameChar(_ c: Character) -> Bool {
            (c.isASCII && (c.isLetter || c.isNumber)) || nameSymbols.contains(c) || (!c.isASCII && c.isLetter)
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c == " " || c == "\t" {
                i += 1
                continue
            }
            if isDigit(i) || (c == "." && isDigit(i + 1)) {
                while isDigit(i) { i += 1 }
                if i < chars.count && chars[i] == "." {
                    i += 1
                    while isDigit(i) { i += 1 }
                }
                if i < chars.count && (chars[i] == "e" || chars[i] == "E") {
                    var k = i + 1
                    if k < chars.count && (chars[k] == "+" || chars[k] == "-") { k += 1 }
                    if isDigit(k) {
                        i = k
                        while isDigit(i) { i += 1 }
                    }
                }
                let text = slice(start, i)
                guard let value = NumberField.decimal(text) else {
                    throw ModelFileError(.invalidNumber, "'\(text)' is not a number", file: file, line: lineNumber)
                }
                tokens.append(LPToken(kind: .number(value), text: text, place: place(start)))
            } else if isNameChar(c) {
                while i < chars.count && isNameChar(chars[i]) { i += 1 }
                tokens.append(LPToken(kind: .name, text: slice(start, i), place: place(start)))
            } else if c == "+" || c == "-" {
                i += 1
                tokens.append(LPToken(kind: .sign(c == "+" ? 1 : -1), text: slice(start, i), place: place(start)))
            } else if c == ":" {
                i += 1
                tokens.append(LPToken(kind: .colon, text: slice(start, i), place: place(start)))
            } else if c == "<" || c == ">" || c == "=" {
                i += 1
                if i < chars.count && (chars[i] == "=" || (c == "=" && (chars[i] == "<" || chars[i] == ">"))) { i += 1 }
                let text = slice(start, i)
                let direction = text.contains("<") ? -1 : text.contains(">") ? 1 : 0
                tokens.append(LPToken(kind: .relation(direction), text: text, place: place(start)))
            } else {
                let what =
                    c == "[" || c == "^"
                    ? ModelFileError(
                        .unsupported, "quadratic terms ('\(c)') are not supported", file: file, line: lineNumber,
                        column: firstColumn + start)
                    : ModelFileError(
                        .syntax, "unexpected character '\(c)'", file: file, line: lineNumber,
                        column: firstColumn + start)
                throw what
            }
        }
        return tokens
    }
}
