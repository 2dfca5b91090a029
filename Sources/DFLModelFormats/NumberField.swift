/// Numbers in model files: strict decimal notation only (`12`, `-3.5`, `.5`, `1e-05`, `2.E+3`), so
/// text such as `1O`, `0x10`, `nan` or `1,5` is an error rather than a different number.
enum NumberField {
    /// The magnitude every coefficient and right-hand side stays below (``ModelFileReader/coefficientLimit``).
    static let coefficientLimit = ModelFileReader.coefficientLimit
    /// Bounds at or beyond this magnitude are infinite (COIN-OR's convention for MPS files).
    static let infiniteBound = 1e30

    /// The value of `text` in strict decimal notation, nil when it is anything else.
    static func decimal(_ text: Substring) -> Double? {
        var digits = 0
        var i = text.utf8.startIndex
        let bytes = text.utf8
        func at(_ j: Substring.UTF8View.Index) -> UInt8? { j < bytes.endIndex ? bytes[j] : nil }
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 48 && $0 <= 57 } ?? false }
        if at(i) == UInt8(ascii: "+") || at(i) == UInt8(ascii: "-") { i = bytes.index(after: i) }
        while isDigit(at(i)) {
            digits += 1
            i = bytes.index(after: i)
        }
        if at(i) == UInt8(ascii: ".") {
            i = bytes.index(after: i)
            while isDigit(at(i)) {
                digits += 1
                i = bytes.index(after: i)
            }
        }
        guard digits > 0 else { return nil }
        if at(i) == UInt8(ascii: "e") || at(i) == UInt8(ascii: "E") {
            i = bytes.index(after: i)
            if at(i) == UInt8(ascii: "+") || at(i) == UInt8(ascii: "-") { i = bytes.index(after: i) }
            guard isDigit(at(i)) else { return nil }
            while isDigit(at(i)) { i = bytes.index(after: i) }
        }
        guard i == bytes.endIndex else { return nil }
        return Double(String(text))
    }

    /// Whether `text` names infinity (`inf`, `infinity`, `+inf`, `-Infinity`, …); the sign, or nil.
    static func infinity(_ text: Substring) -> Double? {
        var body = text.lowercased()[...]
        var sign = 1.0
        if body.first == "+" || body.first == "-" {
            if body.first == "-" { sign = -1 }
            body = body.dropFirst()
        }
        return body == "inf" || body == "infinity" ? sign * .infinity : nil
    }
}
