extension DatasetCSV {
    /// The feature columns `x0..x{p−1}` of a data file, for prediction: any columns after them
    /// (costs `c0..`) are ignored, so a file of features alone will do.
    /// - Returns: the flat `count × featureCount` features, row-major, and how many columns follow them.
    /// - Throws: ``DataError`` with file, line and column: as ``read(path:expectedCostDimension:roundCostsToFloat32:)``,
    ///   `.missingHeader` when the file has no `x0` column.
    public static func readFeatures(path: String) throws -> (
        features: [Double], count: Int, featureCount: Int, otherColumns: Int
    ) {
        let table = try NumericTable.read(path: path)
        let p = table.header.prefix(while: { $0.hasPrefix("x") }).count
        guard p >= 1 else {
            throw DataError(
                .missingHeader, "header has no feature columns x0..x{p-1}", file: path, line: table.headerLine,
                column: 1)
        }
        for k in 0..<p where table.header[k] != "x\(k)" {
            throw DataError(
                .malformedHeader, "header column \(k + 1) is '\(table.header[k])', expected 'x\(k)'", file: path,
                line: table.headerLine, column: k + 1)
        }
        guard table.rowCount > 0 else {
            throw DataError(.emptyFile, "file has a header but no data rows", file: path)
        }
        let width = table.header.count
        var x = [Double](repeating: 0, count: table.rowCount * p)
        for i in 0..<table.rowCount {
            for j in 0..<p { x[i * p + j] = table.values[i * width + j] }
        }
        return (x, table.rowCount, p, width - p)
    }
}
