import Foundation

/// Reading and writing datasets as CSV in PyEPO's exported format (`shared/data/pyepo/*.csv`).
///
/// - Data files: a header `x0,…,x{p−1},c0,…,c{d−1}`, then one instance per row.
/// - Solution files: a header `z,w0,…,w{d−1}`: the optimal objective, then the decision.
///
/// ```swift
/// let train = try DatasetCSV.read(
///     path: "sp5_deg6_e05_seed42_train.csv", solutionsPath: "sp5_deg6_e05_seed42_train_opt.csv",
///     expectedCostDimension: 40)
/// try DatasetCSV.write(train, to: "copy.csv")
/// ```
public enum DatasetCSV {
    /// Optimal objectives and decisions read from a solution file.
    public struct Solutions: Sendable, Equatable {
        /// Number of rows.
        public var count: Int
        /// Decision length `d`.
        public var costDimension: Int
        /// Optimal objectives `z*`, one per row.
        public var objectives: [Double]
        /// Optimal decisions `w*`, `count × d` row-major.
        public var decisions: [Double]
    }

    // MARK: - Reading

    /// Reads a data file (`x0..x{p−1}, c0..c{d−1}`).
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - expectedCostDimension: When given, the file must have exactly this many cost columns.
    ///   - roundCostsToFloat32: Round each cost to the nearest `Float` (recovers the exact float32
    ///     values behind PyEPO's 9-digit output). Default false.
    /// - Returns: The data set, without solutions.
    /// - Throws: ``DataError`` with file, line and column: `.ioFailure`, `.emptyFile`,
    ///   `.missingHeader`, `.malformedHeader`, `.wrongColumnCount`, `.nonNumericCell`,
    ///   `.nonFiniteValue`, `.dimensionMismatch`.
    public static func read(
        path: String, expectedCostDimension: Int? = nil, roundCostsToFloat32: Bool = false
    ) throws -> Dataset {
        try dataset(
            from: try NumericTable.read(path: path), source: path,
            expectedCostDimension: expectedCostDimension, roundCostsToFloat32: roundCostsToFloat32)
    }

    /// Reads a data file whose cost columns belong to the variables `costNames` (a model file's
    /// variables, in column order): either by position, `c0..c{d−1}` with `d = costNames.count`, or
    /// by name, `c_<variable>` for every variable once, in any order (`c_X0, c_X2, c_X1`).
    /// - Throws: as ``read(path:expectedCostDimension:roundCostsToFloat32:)``; `.malformedHeader`
    ///   at the header column that names an unknown variable or repeats one, or after the last
    ///   column when a variable has no column.
    public static func read(path: String, costNames: [String]) throws -> Dataset {
        try dataset(
            from: try NumericTable.read(path: path), source: path, expectedCostDimension: costNames.count,
            roundCostsToFloat32: false, costNames: costNames)
    }

    /// Parses data-file text held in memory whose cost columns belong to `costNames`; `source`
    /// names it in errors.
    /// - Throws: as ``read(path:costNames:)``.
    public static func parse(_ text: String, source: String = "<memory>", costNames: [String]) throws -> Dataset {
        try dataset(
            from: try NumericTable.parse(bytes: Array(text.utf8), source: source), source: source,
            expectedCostDimension: costNames.count, roundCostsToFloat32: false, costNames: costNames)
    }

    /// Parses data-file text held in memory; `source` names it in errors.
    /// - Throws: as ``read(path:expectedCostDimension:roundCostsToFloat32:)``.
    public static func parse(
        _ text: String, source: String = "<memory>", expectedCostDimension: Int? = nil,
        roundCostsToFloat32: Bool = false
    ) throws -> Dataset {
        try dataset(
            from: try NumericTable.parse(bytes: Array(text.utf8), source: source), source: source,
            expectedCostDimension: expectedCostDimension, roundCostsToFloat32: roundCostsToFloat32)
    }

    /// Reads a solution file (`z, w0..w{d−1}`).
    /// - Throws: ``DataError`` as for data files; `.dimensionMismatch` when
    ///   `expectedCostDimension` is given and differs from the number of `w` columns.
    public static func readSolutions(path: String, expectedCostDimension: Int? = nil) throws
        -> Solutions
    {
        try solutions(
            from: try NumericTable.read(path: path), source: path,
            expectedCostDimension: expectedCostDimension)
    }

    /// Parses solution-file text held in memory; `source` names it in errors.
    /// - Throws: as ``readSolutions(path:expectedCostDimension:)``.
    public static func parseSolutions(
        _ text: String, source: String = "<memory>", expectedCostDimension: Int? = nil
    ) throws -> Solutions {
        try solutions(
            from: try NumericTable.parse(bytes: Array(text.utf8), source: source), source: source,
            expectedCostDimension: expectedCostDimension)
    }

    /// Reads a data file and its solution file into one labelled dataset.
    /// - Throws: ``DataError``; `.dimensionMismatch` when the files disagree in row count or
    ///   cost dimension (naming both files).
    public static func read(
        path: String, solutionsPath: String, expectedCostDimension: Int? = nil,
        roundCostsToFloat32: Bool = false
    ) throws -> Dataset {
        let data = try read(
            path: path, expectedCostDimension: expectedCostDimension,
            roundCostsToFloat32: roundCostsToFloat32)
        let labels = try readSolutions(
            path: solutionsPath, expectedCostDimension: data.costDimension)
        guard labels.count == data.count else {
            throw DataError(
                .dimensionMismatch,
                "\(labels.count) solution rows in \(solutionsPath) but \(data.count) instances in \(path)",
                file: solutionsPath)
        }
        return try data.withSolutions(labels.decisions, objectives: labels.objectives)
    }

    // MARK: - Writing

    /// The data-file text of `dataset` (header and one row per instance).
    public static func dataText(_ dataset: Dataset) -> String {
        var header = (0..<dataset.featureCount).map { "x\($0)" }
        header += (0..<dataset.costDimension).map { "c\($0)" }
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(dataset.count * (dataset.featureCount + dataset.costDimension) * 20)
        for i in 0..<dataset.count {
            appendRow(&out, [dataset.features(at: i), dataset.costs(at: i)])
        }
        return out
    }

    /// The solution-file text of `dataset`.
    /// - Throws: ``DataError`` `.missingSolutions` when the dataset has not been solved.
    public static func solutionsText(_ dataset: Dataset) throws -> String {
        guard let objectives = dataset.objectives else {
            throw DataError(.missingSolutions, "dataset holds no optimal solutions to write")
        }
        var out =
            (["z"] + (0..<dataset.costDimension).map { "w\($0)" }).joined(separator: ",") + "\n"
        for i in 0..<dataset.count {
            appendRow(&out, [objectives[i...i], dataset.solution(at: i)!])
        }
        return out
    }

    /// Writes the data file of `dataset` to `path`.
    /// - Throws: ``DataError`` `.ioFailure` naming the file.
    public static func write(_ dataset: Dataset, to path: String) throws {
        try save(dataText(dataset), to: path)
    }

    /// Writes the solution file of `dataset` to `path`.
    /// - Throws: ``DataError`` `.missingSolutions` or `.ioFailure`.
    public static func writeSolutions(_ dataset: Dataset, to path: String) throws {
        try save(try solutionsText(dataset), to: path)
    }

    // MARK: - Helpers

    /// A number in the shortest text that reads back to the same `Double` (integers without ".0").
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func appendRow(_ out: inout String, _ parts: [ArraySlice<Double>]) {
        var first = true
        for part in parts {
            for v in part {
                if !first { out += "," }
                out += format(v)
                first = false
            }
        }
        out += "\n"
    }

    private static func save(_ text: String, to path: String) throws {
        do {
            try text.write(to: URL(fileURLWithPath: path), atomically: true, encoding: .utf8)
        } catch {
            throw DataError(
                .ioFailure, "cannot write file: \(error.localizedDescription)", file: path)
        }
    }

    /// Checks that `header[range]` reads `prefix0, prefix1, …` and throws `.malformedHeader` at
    /// the first wrong name.
    private static func checkNames(
        _ header: [String], _ range: Range<Int>, prefix: String, source: String, expected: String,
        line: Int
    ) throws {
        for (k, column) in range.enumerated() where header[column] != "\(prefix)\(k)" {
            throw DataError(
                .malformedHeader,
                "header column \(column + 1) is '\(header[column])', expected '\(prefix)\(k)' (\(expected))",
                file: source, line: line, column: column + 1)
        }
    }

    private static func dataset(
        from table: NumericTable, source: String, expectedCostDimension: Int?,
        roundCostsToFloat32: Bool, costNames: [String]? = nil
    ) throws -> Dataset {
        let header = table.header
        let expected = "columns must be x0..x{p-1} then c0..c{d-1}"
        let p = header.prefix(while: { $0.hasPrefix("x") }).count
        let d = header.count - p
        try checkNames(
            header, 0..<p, prefix: "x", source: source, expected: expected, line: table.headerLine)
        guard d >= 1 else {
            throw DataError(
                .missingHeader, "header has no cost columns c0..c{d-1} (\(expected))", file: source,
                line: table.headerLine, column: header.count + 1)
        }
        // The variable each cost column holds: by position, or by name (`c_<variable>`).
        var variableOfColumn = Array(0..<d)
        if header[p].hasPrefix(CostColumnNames.prefix) {
            guard let costNames else {
                throw DataError(
                    .malformedHeader,
                    "header column \(p + 1) is '\(header[p])': cost columns named after variables need a model's variable names (\(expected))",
                    file: source, line: table.headerLine, column: p + 1)
            }
            variableOfColumn = try CostColumnNames(costNames).variables(
                of: header, costColumns: p..<header.count, source: source, line: table.headerLine)
        } else {
            try checkNames(
                header, p..<header.count, prefix: "c", source: source, expected: expected,
                line: table.headerLine)
        }
        try checkRows(table, columns: d, of: "cost", expected: expectedCostDimension, source: source)
        let n = table.rowCount
        let width = p + d
        var x = [Double](repeating: 0, count: n * p)
        var c = [Double](repeating: 0, count: n * d)
        table.values.withUnsafeBufferPointer { v in
            for i in 0..<n {
                for j in 0..<p { x[i * p + j] = v[i * width + j] }
                for j in 0..<d {
                    let value = v[i * width + p + j]
                    c[i * d + variableOfColumn[j]] = roundCostsToFloat32 ? Double(Float(value)) : value
                }
            }
        }
        return try Dataset(featureCount: p, costDimension: d, features: x, costs: c)
    }

    /// Checks that the file has `expected` (when given) `kind` columns and at least one data row.
    /// - Throws: ``DataError`` `.dimensionMismatch` or `.emptyFile` naming `source`.
    private static func checkRows(
        _ table: NumericTable, columns d: Int, of kind: String, expected: Int?, source: String
    ) throws {
        if let expected, expected != d {
            throw DataError(
                .dimensionMismatch, "file has \(d) \(kind) columns, expected \(expected)", file: source,
                line: table.headerLine)
        }
        guard table.rowCount > 0 else {
            throw DataError(.emptyFile, "file has a header but no data rows", file: source)
        }
    }

    private static func solutions(
        from table: NumericTable, source: String, expectedCostDimension: Int?
    )
        throws -> Solutions
    {
        let header = table.header
        let expected = "columns must be z then w0..w{d-1}"
        guard header.first == "z" else {
            throw DataError(
                .malformedHeader, "header column 1 is '\(header[0])', expected 'z' (\(expected))",
                file: source, line: table.headerLine, column: 1)
        }
        let d = header.count - 1
        guard d >= 1 else {
            throw DataError(
                .missingHeader, "header has no decision columns w0..w{d-1}", file: source,
                line: table.headerLine, column: 2)
        }
        try checkNames(
            header, 1..<header.count, prefix: "w", source: source, expected: expected,
            line: table.headerLine)
        try checkRows(table, columns: d, of: "decision", expected: expectedCostDimension, source: source)
        let n = table.rowCount
        let width = d + 1
        var z = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            z[i] = table.values[i * width]
            for j in 0..<d { w[i * d + j] = table.values[i * width + 1 + j] }
        }
        return Solutions(count: n, costDimension: d, objectives: z, decisions: w)
    }
}
