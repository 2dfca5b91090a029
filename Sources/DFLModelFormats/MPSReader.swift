import DFLOptimization

/// Fixed and free MPS: `NAME`, `OBJSENSE` (one- or two-line form), `OBJNAME`, `ROWS`, `COLUMNS`
/// (with `'MARKER'` `'INTORG'`/`'INTEND'` integer blocks), `RHS`, `RANGES`, `BOUNDS` (`UP LO FX FR
/// MI PL BV LI UI`) and `ENDATA`. Fields are whitespace-separated (names must not contain blanks).
///
/// COIN-OR's conventions are kept, so a file reads as CBC read it: an integer column of a marker
/// block without any bound is binary; a negative `UP` bound on a column whose lower bound is 0 makes
/// the lower bound −∞; bounds of magnitude ≥ 1e30 are infinite; a right-hand side on the objective
/// row is minus the objective's constant; free rows other than the objective are dropped.
/// Everything else that is not exactly a model is an error: unknown or repeated sections, a column
/// or row defined twice, a repeated entry, unknown names, text in a number field, a second RHS,
/// RANGES or BOUNDS set, semi-continuous bounds, a missing `ENDATA`, text after it.
struct MPSReader {
    /// The sections of the format.
    private enum Section: String {
        case name = "NAME"
        case objsense = "OBJSENSE"
        case objname = "OBJNAME"
        case rows = "ROWS"
        case columns = "COLUMNS"
        case rhs = "RHS"
        case ranges = "RANGES"
        case bounds = "BOUNDS"
        case endata = "ENDATA"
    }

    /// Sections of extended MPS that DFLKit does not read.
    private static let unsupportedSections: Set<String> = [
        "QUADOBJ", "QMATRIX", "QSECTION", "QCMATRIX", "CSECTION", "SOS", "SETS", "INDICATORS", "GENCONS",
        "PWLOBJ", "PWLNAM", "PWLCON", "BRANCH", "OBJSENSE_",
    ]

    /// The values of `OBJSENSE`.
    private static let senseWords: Set<String> = ["MAX", "MAXIMIZE", "MAXIMISE", "MIN", "MINIMIZE", "MINIMISE"]

    /// The kind of a `ROWS` entry.
    private enum RowKind {
        case objective, free
        case constraint(Int)
    }

    private let text: ModelText
    private var model: ModelBuilder
    private var section: Section?
    private var seen: Set<Section> = []
    private var rowKinds: [String: RowKind] = [:]
    private var rowTypes: [Int: Character] = [:]
    private var objectiveName: String?
    private var hasObjectiveRow = false
    private var senseGiven = false
    private var integerBlock = false
    private var currentColumn: Int?
    private var defaultBinary: Set<Int> = []
    private var setNames: [Section: Substring] = [:]
    private var rhsSeen: Set<String> = [], rangesSeen: Set<String> = [], objectiveRHSSeen = false

    /// Reads `text` into the collected model and the place of its `ENDATA`.
    static func read(_ text: ModelText) throws -> (model: ModelBuilder, end: TextPlace) {
        var reader = MPSReader(text: text, model: ModelBuilder(file: text.file))
        return try reader.run()
    }

    private init(text: ModelText, model: ModelBuilder) {
        self.text = text
        self.model = model
    }

    private func fail(_ reason: ModelFileError.Reason, _ message: String, _ place: TextPlace?) -> ModelFileError {
        model.error(reason, message, at: place)
    }

    private mutating func run() throws -> (model: ModelBuilder, end: TextPlace) {
        for index in text.lines.indices {
            let line = text.lines[index]
            guard let first = line.first, first != "*" else { continue }
            let words = text.words(index, limit: 8)  // no MPS line has more than 6 fields
            if words.isEmpty { continue }
            // "OBJSENSE" then "MAX" in column 1 (some writers do not indent it) is the sense.
            if section == .objsense && words.count == 1 && Self.senseWords.contains(words[0].text.uppercased()) {
                try data(words)
            } else if first != " " && first != "\t" {
                if try header(words) {
                    try checkAfterEnd(from: index + 1)
                    let end = TextPlace(line: index + 1, column: 1)
                    for needed in [Section.rows, .columns] where !seen.contains(needed) {
                        throw fail(.syntax, "the file has no \(needed.rawValue) section", end)
                    }
                    return (model, end)
                }
            } else {
                try data(words)
            }
        }
        throw fail(.missingEnd, "the file ends without ENDATA", TextPlace(line: text.lines.count + 1, column: 1))
    }

    /// Lines after ENDATA must be blank or comments.
    private func checkAfterEnd(from index: Int) throws {
        for i in index..<text.lines.count {
            let words = text.words(i, limit: 1)
            if let word = words.first, !word.text.hasPrefix("*") {
                throw fail(.syntax, "text after ENDATA", word.place)
            }
        }
    }

    /// A section header; true at ENDATA.
    private mutating func header(_ words: [Word]) throws -> Bool {
        let keyword = words[0].text.uppercased()
        guard let next = Section(rawValue: keyword) else {
            if Self.unsupportedSections.contains(keyword) {
                throw fail(.unsupported, "the \(keyword) section is not supported", words[0].place)
            }
            throw fail(
                .unknownSection, "unknown section '\(words[0].text.prefix(40))' (data lines start with a blank)",
                words[0].place)
        }
        if seen.contains(next) { throw fail(.duplicateName, "a second \(keyword) section", words[0].place) }
        switch next {
        case .columns where !seen.contains(.rows), .rhs where !seen.contains(.columns),
            .ranges where !seen.contains(.columns), .bounds where !seen.contains(.columns):
            throw fail(.syntax, "\(keyword) before \(next == .columns ? "ROWS" : "COLUMNS")", words[0].place)
        default: break
        }
        if next == .rhs || next == .ranges || next == .bounds { integerBlock = false }
        seen.insert(next)
        section = next
        switch next {
        case .name:
            if words.count > 2 { throw fail(.syntax, "a model name with blanks", words[2].place) }
        case .objsense, .objname:
            if words.count > 2 { throw fail(.syntax, "unexpected '\(words[2].text.prefix(40))'", words[2].place) }
            if words.count == 2 {
                try sectionValue(next, words[1])
                section = nil
            }
        case .endata:
            if words.count > 1 { throw fail(.syntax, "text after ENDATA", words[1].place) }
            return true
        default:
            if words.count > 1 {
                throw fail(.syntax, "unexpected '\(words[1].text.prefix(40))' after \(keyword)", words[1].place)
            }
        }
        return false
    }

    /// The value of OBJSENSE or OBJNAME.
    private mutating func sectionValue(_ section: Section, _ word: Word) throws {
        if section == .objname {
            if objectiveName != nil { throw fail(.duplicateName, "a second objective name", word.place) }
            if seen.contains(.rows) { throw fail(.syntax, "OBJNAME after ROWS", word.place) }
            objectiveName = String(word.text)
            return
        }
        if senseGiven { throw fail(.duplicateName, "a second objective sense", word.place) }
        let value = word.text.uppercased()
        guard Self.senseWords.contains(value) else {
            throw fail(.syntax, "objective sense '\(word.text.prefix(40))' is not MAX or MIN", word.place)
        }
        model.sense = value.hasPrefix("MAX") ? .maximize : .minimize
        senseGiven = true
    }

    /// A data line of the current section.
    private mutating func data(_ words: [Word]) throws {
        guard let section else { throw fail(.syntax, "a data line outside any section", words[0].place) }
        switch section {
        case .name, .endata: throw fail(.syntax, "a data line in the \(section.rawValue) section", words[0].place)
        case .objsense, .objname:
            if words.count != 1 { throw fail(.syntax, "expected one word", words[min(1, words.count - 1)].place) }
            try sectionValue(section, words[0])
            self.section = nil
        case .rows: try row(words)
        case .columns: try column(words)
        case .rhs, .ranges: try rightHandSide(words, ranges: section == .ranges)
        case .bounds: try bound(words)
        }
    }

    private mutating func row(_ words: [Word]) throws {
        guard words.count == 2 else {
            throw fail(.syntax, "a ROWS line is a type (N, E, L, G) and a name", words[min(2, words.count - 1)].place)
        }
        let name = String(words[1].text)
        if rowKinds[name] != nil { throw fail(.duplicateName, "row '\(name)' is defined twice", words[1].place) }
        let type = words[0].text.uppercased()
        switch type {
        case "N":
            let isObjective =
                objectiveName.map { $0 == name } ?? !rowKinds.values.contains {
                    if case .objective = $0 { true } else { false }
                }
            rowKinds[name] = isObjective ? .objective : .free
        case "E", "L", "G":
            let index = model.rows.count
            model.rows.append(
                ModelBuilder.Row(
                    name: name, lower: type == "L" ? -.infinity : 0, upper: type == "G" ? .infinity : 0))
            rowKinds[name] = .constraint(index)
            rowTypes[index] = Character(type)
        default:
            throw fail(.syntax, "row type '\(words[0].text.prefix(40))' is not N, E, L or G", words[0].place)
        }
    }

    private mutating func column(_ words: [Word]) throws {
        if words.count >= 2, words[1].text.uppercased() == "'MARKER'" {
            guard words.count == 3 else { throw fail(.syntax, "a MARKER line has three fields", words[0].place) }
            switch words[2].text.uppercased() {
            case "'INTORG'":
                if integerBlock { throw fail(.syntax, "INTORG inside an integer block", words[2].place) }
                integerBlock = true
            case "'INTEND'":
                if !integerBlock { throw fail(.syntax, "INTEND without INTORG", words[2].place) }
                integerBlock = false
            default:
                throw fail(.syntax, "marker '\(words[2].text.prefix(40))' is not 'INTORG' or 'INTEND'", words[2].place)
            }
            currentColumn = nil
            return
        }
        guard words.count == 3 || words.count == 5 else {
            throw fail(.syntax, "a COLUMNS line is a column and one or two (row, value) pairs", words[0].place)
        }
        let name = String(words[0].text)
        let j: Int
        if let current = currentColumn, model.columnNames[current] == name {
            j = current
        } else {
            if model.columnIndex[name] != nil {
                throw fail(
                    .duplicateName, "column '\(name)' is defined twice (its lines are not contiguous)", words[0].place)
            }
            j = try model.addColumn(name, at: words[0].place)
            currentColumn = j
            if integerBlock {
                model.integer[j] = true
                model.upper[j] = 1
                defaultBinary.insert(j)
            }
        }
        for pair in stride(from: 1, to: words.count, by: 2) {
            let rowName = String(words[pair].text)
            let value = try model.coefficient(words[pair + 1].text, at: words[pair + 1].place)
            switch rowKinds[rowName] {
            case nil: throw fail(.unknownName, "row '\(rowName)' is not in ROWS", words[pair].place)
            case .free: continue
            case .objective:
                if objectiveSeen.contains(j) {
                    throw fail(
                        .duplicateName, "a second entry for column '\(name)' in row '\(rowName)'", words[pair].place)
                }
                objectiveSeen.insert(j)
                model.objective[j] = value
            case .constraint(let i):
                if model.rows[i].entries[j] != nil {
                    throw fail(
                        .duplicateName, "a second entry for column '\(name)' in row '\(rowName)'", words[pair].place)
                }
                model.rows[i].entries[j] = value
            }
        }
    }

    private var objectiveSeen: Set<Int> = []

    /// The optional set name of a RHS/RANGES/BOUNDS line, checked to be the only set of its section.
    private mutating func checkSet(_ word: Word?, _ section: Section) throws {
        guard let word else { return }
        if let first = setNames[section], first != word.text {
            throw fail(
                .unsupported, "a second \(section.rawValue) set '\(word.text.prefix(40))' (only one is read)",
                word.place)
        }
        setNames[section] = word.text
    }

    private mutating func rightHandSide(_ words: [Word], ranges: Bool) throws {
        let what = ranges ? "RANGES" : "RHS"
        guard (2...5).contains(words.count) else {
            throw fail(
                .syntax, "a \(what) line is an optional set name and one or two (row, value) pairs", words[0].place)
        }
        let hasSet = words.count % 2 == 1
        try checkSet(hasSet ? words[0] : nil, ranges ? .ranges : .rhs)
        for pair in stride(from: hasSet ? 1 : 0, to: words.count, by: 2) {
            let rowName = String(words[pair].text)
            let value = try model.coefficient(words[pair + 1].text, at: words[pair + 1].place)
            func repeated() -> ModelFileError {
                fail(.duplicateName, "a second \(what) value for row '\(rowName)'", words[pair].place)
            }
            switch rowKinds[rowName] {
            case nil: throw fail(.unknownName, "row '\(rowName)' is not in ROWS", words[pair].place)
            case .free:
                if ranges { throw fail(.syntax, "a range on the free row '\(rowName)'", words[pair].place) }
            case .objective:
                if ranges { throw fail(.syntax, "a range on the objective row '\(rowName)'", words[pair].place) }
                if objectiveRHSSeen { throw repeated() }
                objectiveRHSSeen = true
                model.offset = -value
            case .constraint(let i):
                if ranges {
                    guard rangesSeen.insert(rowName).inserted else { throw repeated() }
                } else {
                    guard rhsSeen.insert(rowName).inserted else { throw repeated() }
                }
                setRow(i, rhs: ranges ? nil : value, range: ranges ? value : nil)
            }
        }
    }

    /// Row `i`'s bounds from its type, right-hand side and range (MPS's range rules).
    private var rowRHS: [Int: Double] = [:], rowRange: [Int: Double] = [:]
    private mutating func setRow(_ i: Int, rhs: Double?, range: Double?) {
        if let rhs { rowRHS[i] = rhs }
        if let range { rowRange[i] = range }
        let b = rowRHS[i] ?? 0
        var lower = -Double.infinity, upper = Double.infinity
        switch rowTypes[i] {
        case "E": (lower, upper) = (b, b)
        case "L": upper = b
        default: lower = b
        }
        if let r = rowRange[i] {
            switch rowTypes[i] {
            case "E": if r >= 0 { upper = b + r } else { lower = b + r }
            case "L": lower = b - abs(r)
            default: upper = b + abs(r)
            }
        }
        model.rows[i].lower = lower
        model.rows[i].upper = upper
    }

    private mutating func bound(_ words: [Word]) throws {
        let type = words[0].text.uppercased()
        let needsValue: Bool
        switch type {
        case "UP", "LO", "FX", "LI", "UI": needsValue = true
        case "FR", "MI", "PL", "BV": needsValue = false
        case "SC": throw fail(.unsupported, "semi-continuous bounds (SC) are not supported", words[0].place)
        default:
            throw fail(
                .syntax, "bound type '\(words[0].text.prefix(40))' is not UP, LO, FX, FR, MI, PL, BV, LI or UI",
                words[0].place)
        }
        // Fields after the type: [set] column [value].
        var rest = Array(words.dropFirst())
        // "BV set x 1" and "BV x 1": a value after a type that takes none is ignored (as CBC does).
        if !needsValue, let last = rest.last, NumberField.decimal(last.text) != nil,
            rest.count == 3 || (rest.count == 2 && model.columnIndex[String(last.text)] == nil)
        {
            rest.removeLast()
        }
        let expected = needsValue ? 2 : 1
        guard rest.count == expected || rest.count == expected + 1 else {
            throw fail(
                .syntax, "a \(type) bound is an optional set name, a column\(needsValue ? " and a value" : "")",
                words[0].place)
        }
        try checkSet(rest.count > expected ? rest[0] : nil, .bounds)
        let columnWord = rest[rest.count - expected]
        guard let j = model.columnIndex[String(columnWord.text)] else {
            throw fail(.unknownName, "column '\(columnWord.text.prefix(40))' is not in COLUMNS", columnWord.place)
        }
        let value = needsValue ? try model.bound(rest[rest.count - 1].text, at: rest[rest.count - 1].place) : 0
        if defaultBinary.remove(j) != nil { model.upper[j] = .infinity }
        switch type {
        case "UP", "UI":
            if value < 0 && model.lower[j] == 0 { model.lower[j] = -.infinity }
            model.upper[j] = value
        case "LO", "LI": model.lower[j] = value
        case "FX": (model.lower[j], model.upper[j]) = (value, value)
        case "FR": (model.lower[j], model.upper[j]) = (-.infinity, .infinity)
        case "MI": model.lower[j] = -.infinity
        case "PL": model.upper[j] = .infinity
        default: (model.lower[j], model.upper[j]) = (0, 1)  // BV
        }
        if type == "LI" || type == "UI" || type == "BV" { model.integer[j] = true }
        model.boundPlace[j] = columnWord.place
    }
}
