import DFLOptimization

/// The CPLEX LP format: `Minimize`/`Maximize` (with an optional `name:` label and a constant),
/// `Subject To` (labelled or unlabelled constraints with `<=`, `>=`, `=`, and ranges `l <= a·x <=
/// u`), `Bounds` (`x >= l`, `x <= u`, `l <= x <= u`, `x = v`, `x free`, `inf`/`infinity`),
/// `General`/`Integer`, `Binary` and `End`; `\` starts a comment. Keywords are case-insensitive
/// and start a line.
///
/// Variables are numbered in order of first appearance (objective, then constraints); repeated
/// terms of one expression are summed. A name in `Bounds`, `General` or `Binary` that no
/// expression uses is an error (a misspelt name would otherwise be a new, unconstrained
/// variable), as are a repeated section or constraint name, a missing `End`, text after it,
/// semi-continuous, SOS and quadratic parts.
struct LPReader {
    /// The sections of the format.
    private enum Section: String {
        case objective = "the objective"
        case constraints = "Subject To"
        case bounds = "Bounds"
        case generals = "General"
        case binaries = "Binary"
    }

    /// Section keywords (the first word of a line, lowercased) and the section they open.
    private static let keywords: [String: Section] = [
        "minimize": .objective, "minimise": .objective, "minimum": .objective, "min": .objective,
        "maximize": .objective, "maximise": .objective, "maximum": .objective, "max": .objective,
        "st": .constraints, "s.t.": .constraints, "st.": .constraints, "bounds": .bounds, "bound": .bounds,
        "general": .generals, "generals": .generals, "gen": .generals, "integer": .generals, "integers": .generals,
        "binary": .binaries, "binaries": .binaries, "bin": .binaries,
    ]
    /// Sections of the format that DFLKit does not read.
    private static let unsupported: Set<String> = [
        "semi-continuous", "semi-continuous:", "semis", "semi", "sos", "sos1", "sos2", "pwlobj", "genconstrs",
    ]

    private let file: String
    private var model: ModelBuilder
    private var tokens: [Section: [LPToken]] = [:]
    private var order: [Section] = []

    /// Reads `text` into the collected model and the place of its `End`.
    static func read(_ text: ModelText) throws -> (model: ModelBuilder, end: TextPlace) {
        var reader = LPReader(file: text.file, model: ModelBuilder(file: text.file))
        let end = try reader.collect(text)
        try reader.parseObjective()
        try reader.parseConstraints()
        try reader.parseBounds()
        try reader.parseIntegers(.generals)
        try reader.parseIntegers(.binaries)
        return (reader.model, end)
    }

    private init(file: String, model: ModelBuilder) {
        self.file = file
        self.model = model
    }

    private func fail(_ reason: ModelFileError.Reason, _ message: String, _ place: TextPlace?) -> ModelFileError {
        model.error(reason, message, at: place)
    }

    /// Splits the text into sections of tokens; returns the place of `End`.
    private mutating func collect(_ text: ModelText) throws -> TextPlace {
        var current: Section?
        var endPlace: TextPlace?
        for (index, raw) in text.lines.enumerated() {
            let line = raw.firstIndex(of: "\\").map { raw[..<$0] } ?? raw
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = words.first else { continue }
            let column = line.distance(from: line.startIndex, to: first.startIndex) + 1
            let place = TextPlace(line: index + 1, column: column)
            if let endPlace {
                throw fail(.syntax, "text after End (line \(endPlace.line))", place)
            }
            let word = first.lowercased()
            let second = words.count > 1 ? words[1].lowercased() : ""
            var rest = line
            var opened: Section?
            if word == "end" {
                if words.count > 1 { throw fail(.syntax, "text after End", place) }
                endPlace = place
                continue
            } else if (word == "subject" && second == "to") || (word == "such" && second == "that") {
                opened = .constraints
                rest = line[words[1].endIndex...]
            } else if let section = Self.keywords[word] {
                opened = section
                rest = line[first.endIndex...]
            } else if Self.unsupported.contains(word) || (word == "lazy" && second.hasPrefix("constraint"))
                || (word == "user" && second.hasPrefix("cut"))
            {
                throw fail(.unsupported, "the '\(first)' section is not supported", place)
            }
            if let opened {
                if opened == .objective && word.hasPrefix("max") { model.sense = .maximize }
                if current == nil && opened != .objective {
                    throw fail(.syntax, "the file must start with Minimize or Maximize", place)
                }
                if tokens[opened] != nil {
                    throw fail(.duplicateName, "a second \(opened.rawValue) section", place)
                }
                if let last = order.last, opened == .objective || order.contains(where: { rank($0) > rank(opened) }) {
                    throw fail(.syntax, "\(opened.rawValue) after \(last.rawValue)", place)
                }
                tokens[opened] = []
                order.append(opened)
                current = opened
            }
            guard let section = current else {
                throw fail(.syntax, "the file must start with Minimize or Maximize", place)
            }
            let restColumn = line.distance(from: line.startIndex, to: rest.startIndex) + 1
            tokens[section, default: []] += try LPToken.tokens(
                rest, lineNumber: index + 1, firstColumn: restColumn, file: file)
        }
        guard let endPlace else {
            throw fail(.missingEnd, "the file ends without End", TextPlace(line: text.lines.count + 1, column: 1))
        }
        return endPlace
    }

    /// The order sections must come in.
    private func rank(_ section: Section) -> Int {
        switch section {
        case .objective: 0
        case .constraints: 1
        case .bounds: 2
        case .generals, .binaries: 3
        }
    }

    /// The column of variable `token`, added when `create` and new.
    private mutating func column(_ token: LPToken, create: Bool) throws -> Int {
        if let j = model.columnIndex[String(token.text)] { return j }
        guard create else {
            throw fail(
                .unknownName, "variable '\(token.text.prefix(40))' is in no objective or constraint", token.place)
        }
        return try model.addColumn(String(token.text), at: token.place)
    }

    /// A linear expression from `list[i]` on, up to a relation or the end: its terms (summed by
    /// column) and constant.
    private mutating func expression(_ list: [LPToken], _ i: inout Int) throws -> (
        terms: [(Int, Double, TextPlace)], constant: Double
    ) {
        var terms: [(Int, Double, TextPlace)] = []
        var constant = 0.0
        var first = true
        while i < list.count {
            if case .relation = list[i].kind { break }
            var sign = 1.0
            var signed = false
            while i < list.count, case .sign(let s) = list[i].kind {
                sign *= s
                signed = true
                i += 1
            }
            guard i < list.count else { throw fail(.syntax, "a sign without a term", list[i - 1].place) }
            guard first || signed else {
                throw fail(.syntax, "expected + or - before '\(list[i].text.prefix(40))'", list[i].place)
            }
            first = false
            var coefficient = 1.0
            var hasNumber = false
            if case .number = list[i].kind {
                coefficient = try model.coefficient(list[i].text, at: list[i].place)
                hasNumber = true
                i += 1
            }
            if i < list.count, list[i].kind == .name {
                if i + 1 < list.count, list[i + 1].kind == .colon {
                    throw fail(.syntax, "a label '\(list[i].text.prefix(40)):' inside an expression", list[i].place)
                }
                terms.append((try column(list[i], create: true), sign * coefficient, list[i].place))
                i += 1
            } else if hasNumber {
                constant += sign * coefficient
            } else {
                throw fail(
                    .syntax, "expected a number or a variable, found '\(list[i].text.prefix(40))'", list[i].place)
            }
        }
        return (terms, constant)
    }

    /// A label `name:` at `list[i]`, consumed.
    private func label(_ list: [LPToken], _ i: inout Int) -> LPToken? {
        guard i + 1 < list.count, list[i].kind == .name, list[i + 1].kind == .colon else { return nil }
        defer { i += 2 }
        return list[i]
    }

    private mutating func parseObjective() throws {
        let list = tokens[.objective] ?? []
        var i = 0
        _ = label(list, &i)
        let (terms, constant) = try expression(list, &i)
        if i < list.count { throw fail(.syntax, "a relation in the objective", list[i].place) }
        for (j, value, place) in terms {
            model.objective[j] += value
            if abs(model.objective[j]) >= NumberField.coefficientLimit {
                throw fail(
                    .invalidNumber, "the coefficient of '\(model.columnNames[j])' is beyond the solvers' limit", place)
            }
        }
        model.offset = constant
    }

    /// A signed number or ±inf at `list[i]`, consumed; nil (nothing consumed) when there is none.
    private func value(_ list: [LPToken], _ i: inout Int, bound: Bool) throws -> Double? {
        var k = i
        var sign = 1.0
        while k < list.count, case .sign(let s) = list[k].kind {
            sign *= s
            k += 1
        }
        guard k < list.count else { return nil }
        let token = list[k]
        let result: Double
        if case .number = token.kind {
            result =
                bound
                ? try model.bound(token.text, at: token.place) : try model.coefficient(token.text, at: token.place)
        } else if token.kind == .name, let infinite = NumberField.infinity(token.text) {
            guard bound else { throw fail(.invalidNumber, "an infinite right-hand side", token.place) }
            result = infinite
        } else {
            return nil
        }
        i = k + 1
        return sign * result
    }

    private mutating func parseConstraints() throws {
        let list = tokens[.constraints] ?? []
        var names: Set<String> = []
        var i = 0
        while i < list.count {
            let start = list[i].place
            let name = label(list, &i).map { String($0.text) } ?? "R\(model.rows.count + 1)"
            guard names.insert(name).inserted else {
                throw fail(.duplicateName, "constraint '\(name)' is defined twice", start)
            }
            guard i < list.count else { throw fail(.syntax, "a label without a constraint", start) }
            var rangeLow: (Double, Int)?
            var k = i
            if let low = try value(list, &k, bound: false), k < list.count, case .relation(let r) = list[k].kind {
                rangeLow = (low, r)
                i = k + 1
            }
            let (terms, constant) = try expression(list, &i)
            guard !terms.isEmpty else { throw fail(.syntax, "a constraint without variables", start) }
            guard i < list.count, case .relation(let relation) = list[i].kind else {
                throw fail(.syntax, "constraint '\(name)' has no relation (<=, >=, =) and right-hand side", start)
            }
            i += 1
            guard let rhs = try value(list, &i, bound: false) else {
                throw fail(.syntax, "constraint '\(name)' needs a number after its relation", list[i - 1].place)
            }
            var row = ModelBuilder.Row(name: name, lower: -.infinity, upper: .infinity)
            for (j, v, place) in terms {
                row.entries[j, default: 0] += v
                if abs(row.entries[j]!) >= NumberField.coefficientLimit {
                    throw fail(.invalidNumber, "a coefficient beyond the solvers' limit", place)
                }
            }
            let b = rhs - constant
            if let (low, r) = rangeLow {
                guard r == relation, r != 0 else {
                    throw fail(.syntax, "a range must read l <= expression <= u (or with >= twice)", start)
                }
                (row.lower, row.upper) = r < 0 ? (low - constant, b) : (b, low - constant)
            } else {
                switch relation {
                case -1: row.upper = b
                case 1: row.lower = b
                default: (row.lower, row.upper) = (b, b)
                }
            }
            model.rows.append(row)
        }
    }

    private mutating func parseBounds() throws {
        let list = tokens[.bounds] ?? []
        var i = 0
        while i < list.count {
            let start = list[i].place
            if list[i].kind == .name && NumberField.infinity(list[i].text) == nil {
                let j = try column(list[i], create: false)
                model.boundPlace[j] = list[i].place
                i += 1
                if i < list.count, list[i].isName("free") {
                    (model.lower[j], model.upper[j]) = (-.infinity, .infinity)
                    i += 1
                    continue
                }
                guard i < list.count, case .relation(let r) = list[i].kind else {
                    throw fail(.syntax, "a bound needs a relation (<=, >=, =) or 'free'", start)
                }
                i += 1
                guard let v = try value(list, &i, bound: true) else {
                    throw fail(.syntax, "a bound needs a number after its relation", list[i - 1].place)
                }
                apply(j, r, v)
                continue
            }
            guard let v = try value(list, &i, bound: true) else {
                throw fail(.syntax, "expected a bound, found '\(list[i].text.prefix(40))'", list[i].place)
            }
            guard i + 1 < list.count, case .relation(let r) = list[i].kind, list[i + 1].kind == .name else {
                throw fail(.syntax, "a bound 'value relation variable' is incomplete", start)
            }
            let j = try column(list[i + 1], create: false)
            model.boundPlace[j] = list[i + 1].place
            apply(j, -r, v)
            i += 2
            if i < list.count, case .relation(let r2) = list[i].kind {
                i += 1
                guard let w = try value(list, &i, bound: true), r2 == r, r != 0 else {
                    throw fail(.syntax, "a bound must read l <= x <= u", start)
                }
                apply(j, r2, w)
            }
        }
    }

    /// Variable `j` `relation` `value`: ≤ sets the upper bound, ≥ the lower one, = both.
    private mutating func apply(_ j: Int, _ relation: Int, _ value: Double) {
        if relation <= 0 { model.upper[j] = value }
        if relation >= 0 { model.lower[j] = value }
    }

    private mutating func parseIntegers(_ section: Section) throws {
        for token in tokens[section] ?? [] {
            guard token.kind == .name else {
                throw fail(.syntax, "'\(token.text.prefix(40))' is not a variable name", token.place)
            }
            let j = try column(token, create: false)
            model.integer[j] = true
            if section == .binaries {
                (model.lower[j], model.upper[j]) = (0, 1)
                model.boundPlace[j] = token.place
            }
        }
    }
}
