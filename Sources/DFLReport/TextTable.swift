/// A plain-text table whose columns line up, for terminal summaries and markdown reports.
///
/// ```swift
/// var t = TextTable(header: ["method", "regret"])
/// t.add(row: ["SPO+", "0.0718"])
/// print(t.render())            // aligned columns
/// print(t.markdown())          // GitHub markdown
/// ```
public struct TextTable: Sendable {
    /// Column headers.
    public var header: [String]
    /// Rows of cells (each as long as `header`; shorter rows are padded).
    public private(set) var rows: [[String]] = []
    /// Which columns are right-aligned (numbers); defaults to every column but the first.
    public var rightAligned: Set<Int>

    /// Creates a table with the given headers.
    public init(header: [String], rightAligned: Set<Int>? = nil) {
        self.header = header
        self.rightAligned = rightAligned ?? Set(1..<max(header.count, 1))
    }

    /// Appends a row.
    public mutating func add(row: [String]) {
        rows.append(row + [String](repeating: "", count: max(0, header.count - row.count)))
    }

    private var widths: [Int] {
        (0..<header.count).map { j in
            ([header[j]] + rows.map { $0[j] }).map { $0.count }.max() ?? 0
        }
    }

    private func pad(_ s: String, _ w: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, w - s.count))
        return right ? fill + s : s + fill
    }

    /// Aligned plain-text rendering with a rule under the header.
    public func render() -> String {
        let w = widths
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { pad($1, w[$0], right: rightAligned.contains($0)) }
                .joined(separator: "  ")
        }
        var out = [line(header), w.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    /// GitHub-flavoured markdown rendering.
    public func markdown() -> String {
        let w = widths.map { max($0, 3) }
        func line(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { pad($1, w[$0], right: rightAligned.contains($0)) }
                .joined(separator: " | ") + " |"
        }
        let rule =
            "|"
            + w.enumerated().map { j, width in
                rightAligned.contains(j)
                    ? " " + String(repeating: "-", count: width - 1) + ": "
                    : " " + String(repeating: "-", count: width) + " "
            }.joined(separator: "|") + "|"
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Formats `value` with `digits` decimals (no Foundation).
///
/// Never traps: a value whose scaled magnitude does not fit an `Int` (|value| · 10^digits ≥ 2⁶²,
/// e.g. the loss of a diverging run) and a non-finite one are written by Swift's own
/// `description` (`1e+30`, `inf`, `nan`); `digits` is clamped to 0…15.
public func formatFixed(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return "\(value)" }
    let digits = min(max(digits, 0), 15)
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let r = (abs(value) * scale).rounded()
    guard r < 0x1p62 else { return "\(value)" }
    let intPart = Int(r / scale)
    var frac = String(Int(r - Double(intPart) * scale))
    while frac.count < digits { frac = "0" + frac }
    let sign = value < 0 && r != 0 ? "-" : ""
    return digits == 0 ? "\(sign)\(intPart)" : "\(sign)\(intPart).\(frac)"
}
