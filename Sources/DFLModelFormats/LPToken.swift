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

    /// Bytes that may appear in a name besides ASCII letters and digits (CPLEX's list); any
    /// non-ASCII character is also a name character.
    private static let nameSymbols = Set("!\"#$%&()/,.;?@_`'{}|~".utf8)

    /// The tokens of `line` (comments already removed), line number `lineNumber`, from column
    /// `firstColumn` on. Works on the UTF-8 bytes, so a long line costs its length once.
    /// - Throws: ``ModelFileError`` at a character that starts no token.
    static func tokens(_ line: Substring, lineNumber: Int, firstColumn: Int, file: String) throws -> [LPToken] {
        var tokens: [LPToken] = []
        let bytes = Array(line.utf8)
        var i = 0
        var column = firstColumn  // the column of bytes[i]
        func advance() {
            i += 1
            if i < bytes.count && bytes[i] & 0xC0 != 0x80 { column += 1 }
        }
        func isDigit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 48 && bytes[k] <= 57 }
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b >= 0x80
                || nameSymbols.contains(b)
        }
        func text(_ a: Int) -> Substring { Substring(decoding: bytes[a..<i], as: UTF8.self) }
        func byte(_ k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }
        while i < bytes.count {
            let c = bytes[i]
            let start = i
            let place = TextPlace(line: lineNumber, column: column)
            if c == 32 || c == 9 {
                advance()
                continue
            }
            if isDigit(i) || (c == UInt8(ascii: ".") && isDigit(i + 1)) {
                while isDigit(i) { advance() }
                if byte(i) == UInt8(ascii: ".") {
                    advance()
                    while isDigit(i) { advance() }
                }
                if byte(i) == UInt8(ascii: "e") || byte(i) == UInt8(ascii: "E") {
                    var k = i + 1
                    if byte(k) == UInt8(ascii: "+") || byte(k) == UInt8(ascii: "-") { k += 1 }
                    if isDigit(k) {
                        while i < k { advance() }
                        while isDigit(i) { advance() }
                    }
                }
                let word = text(start)
                guard let value = NumberField.decimal(word) else {
                    throw ModelFileError(
                        .invalidNumber, "'\(word)' is not a number", file: file, line: lineNumber, column: place.column)
                }
                tokens.append(LPToken(kind: .number(value), text: word, place: place))
            } else if isNameByte(c) {
                while i < bytes.count && isNameByte(bytes[i]) { advance() }
                tokens.append(LPToken(kind: .name, text: text(start), place: place))
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                advance()
                tokens.append(LPToken(kind: .sign(c == UInt8(ascii: "+") ? 1 : -1), text: text(start), place: place))
            } else if c == UInt8(ascii: ":") {
                advance()
                tokens.append(LPToken(kind: .colon, text: text(start), place: place))
            } else if c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "=") {
                advance()
                if let next = byte(i),
                    next == UInt8(ascii: "=")
                        || (c == UInt8(ascii: "=") && (next == UInt8(ascii: "<") || next == UInt8(ascii: ">")))
                {
                    advance()
                }
                let word = text(start)
                let direction = word.contains("<") ? -1 : word.contains(">") ? 1 : 0
                tokens.append(LPToken(kind: .relation(direction), text: word, place: place))
            } else {
                let character = Unicode.Scalar(c).escaped(asASCII: true)
                throw c == UInt8(ascii: "[") || c == UInt8(ascii: "^")
                    ? ModelFileError(
                        .unsupported, "quadratic terms ('\(character)') are not supported", file: file,
                        line: lineNumber,
                        column: place.column)
                    : ModelFileError(
                        .syntax, "unexpected character '\(character)'", file: file, line: lineNumber,
                        column: place.column)
            }
        }
        return tokens
    }
}
