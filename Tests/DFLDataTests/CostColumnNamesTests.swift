import Testing

@testable import DFLData

/// Cost columns named after a model's variables (`c_<name>`): any order reads to the variables'
/// positions; unknown, repeated, missing or mixed names are header errors at their column.
@Suite struct CostColumnNamesTests {
    let names = ["X0", "Y", "Z2"]

    @Test func namedColumnsInAnyOrderReadAsThePositionalFile() throws {
        let positional = try DatasetCSV.parse("x0,c0,c1,c2\n0.5,1,2,3\n-1,4,5,6\n", costNames: names)
        let named = try DatasetCSV.parse("x0,c_Z2,c_X0,c_Y\n0.5,3,1,2\n-1,6,4,5\n", costNames: names)
        #expect(named == positional)
        #expect(named.costs == [1, 2, 3, 4, 5, 6])
        #expect(named.features == [0.5, -1])
    }

    @Test func badNamesAreHeaderErrorsAtTheirColumn() throws {
        let cases: [(String, Int, String)] = [
            ("x0,c_X0,c_Y,c_W\n1,1,2,3\n", 4, "names no variable"),
            ("x0,c_X0,c_Y,c_X0,c_Z2\n1,1,2,3,4\n", 4, "repeats column 2"),
            ("x0,c_X0,c_Z2\n1,1,3\n", 4, "no cost column c_Y for variable 1"),
            ("x0,c_X0,c1,c_Z2\n1,1,2,3\n", 3, "must be named c_<variable>"),
        ]
        for (text, column, message) in cases {
            let error = #expect(throws: DataError.self) {
                try DatasetCSV.parse(text, source: "t.csv", costNames: names)
            }
            #expect(error?.reason == .malformedHeader, "\(text)")
            #expect(
                error?.file == "t.csv" && error?.line == 1 && error?.column == column, "\(String(describing: error))")
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }
        // Without a model's names, a named column is refused rather than read by guess.
        let unnamed = #expect(throws: DataError.self) { try DatasetCSV.parse("x0,c_X0\n1,2\n", source: "u.csv") }
        #expect(unnamed?.reason == .malformedHeader && unnamed?.column == 2)
    }
}
