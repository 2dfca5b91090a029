/// Cost columns named after a model's variables: the header cell `c_<variable>` holds the cost of
/// that variable, in any column order. ``DatasetCSV/read(path:costNames:)`` maps each such column
/// to the variable's position; a name that is not a variable, a variable named twice or a variable
/// without a column is an error at its header column.
struct CostColumnNames {
    /// What every named cost column starts with.
    static let prefix = "c_"

    /// The variables in column order.
    let names: [String]
    /// Each variable's position.
    private let position: [String: Int]

    /// The names of the variables, in the model's column order.
    init(_ names: [String]) {
        self.names = names
        var position: [String: Int] = [:]
        for (j, name) in names.enumerated() where position[name] == nil { position[name] = j }
        self.position = position
    }

    /// The variable position of each of `header[costColumns]`.
    /// - Throws: ``DataError`` `.malformedHeader` naming `source`, the header line and the column.
    func variables(of header: [String], costColumns: Range<Int>, source: String, line: Int) throws -> [Int] {
        var firstColumn: [Int: Int] = [:]
        var out: [Int] = []
        for column in costColumns {
            let cell = header[column]
            let fail = { (message: String) in
                DataError(.malformedHeader, message, file: source, line: line, column: column + 1)
            }
            guard cell.hasPrefix(Self.prefix) else {
                throw fail(
                    "header column \(column + 1) is '\(cell)': after the first, every cost column must be named c_<variable> too"
                )
            }
            let name = String(cell.dropFirst(Self.prefix.count))
            guard let j = position[name] else {
                throw fail("header column \(column + 1) '\(cell)' names no variable of the model (\(summary))")
            }
            if let first = firstColumn[j] {
                throw fail("header column \(column + 1) '\(cell)' repeats column \(first + 1)")
            }
            firstColumn[j] = column
            out.append(j)
        }
        if let missing = names.indices.first(where: { firstColumn[$0] == nil }) {
            let more = names.indices.filter { firstColumn[$0] == nil }.count - 1
            throw DataError(
                .malformedHeader,
                "no cost column c_\(names[missing]) for variable \(missing)\(more > 0 ? " (and \(more) more variables)" : "")",
                file: source, line: line, column: header.count + 1)
        }
        return out
    }

    /// The first variable names, for messages.
    private var summary: String {
        let shown = names.prefix(5).joined(separator: ", ")
        return "variables: \(shown)\(names.count > 5 ? ", … (\(names.count) in all)" : "")"
    }
}
