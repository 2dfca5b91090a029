import Foundation
import Testing

/// Own models, run as the built binary: `dfl inspect` shows what `dfl train --model` reads, CSV cost
/// columns may be named after the variables, and the solver libraries print nothing unless
/// `--verbose`.
@Suite struct InspectBinaryTests {
    static var projectsMPS: String { ModelFileBinaryTests.projectsMPS }
    static var projectsCSV: String { ModelFileBinaryTests.projectsCSV }

    @Test func inspectListsTheVariablesInCostColumnOrderWithTheConstraintsAndTheSense() throws {
        let run = try BuiltBinaryTests.dfl(["inspect", Self.projectsMPS])
        #expect(run.status == 0 && run.standardError.isEmpty, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("projects.mps: maximize, 6 variables (6 integer), 3 constraints") == true)
        // Rows "j  cN | c_PN  PN  0  1  binary  1" in column order.
        for j in 0..<6 {
            let row = try #require(lines.first { $0.hasPrefix("\(j)  ") }, "no row for variable \(j)")
            let cells = row.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cells == ["\(j)", "c\(j)", "|", "c_P\(j)", "P\(j)", "0", "1", "binary", "1"], "\(row)")
        }
        for (name, rhs, nonzeros) in [("MONEY", "10", "6"), ("STAFF", "7", "6"), ("PAIR", "1", "2")] {
            let row = try #require(lines.first { $0.hasPrefix(name + " ") })
            #expect(row.split(separator: " ") == [name[...], "<=", rhs[...], nonzeros[...]], "\(row)")
        }
        #expect(run.standardOutput.contains("objective coefficients are replaced by the predicted costs"))

        let json = try BuiltBinaryTests.dfl(["inspect", "--json", Self.projectsMPS])
        #expect(json.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let outline = try #require(object["outline"] as? [String: Any])
        #expect(outline["sense"] as? String == "maximize")
        let variables = try #require(outline["variables"] as? [[String: Any]])
        #expect(variables.compactMap { $0["name"] as? String } == (0..<6).map { "P\($0)" })
    }

    @Test func inspectErrorsAreOneLineWithTheirExitCode() throws {
        let missing = try BuiltBinaryTests.dfl(["inspect", "/nonexistent/model.mps"])
        #expect(missing.status == 66 && missing.standardError.split(separator: "\n").count == 1)
        let dir = try ModelFileBinaryTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = dir + "/bad.lp"
        try "Maximize\n obj: 2 x y\nSubject To\n c: x + y <= 1\nEnd\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        try ModelFileBinaryTests.expectFailure(
            try BuiltBinaryTests.dfl(["inspect", bad]), status: 65, file: bad, placed: true)
    }

    /// The example data with its cost columns renamed `c_P<j>` and put in reverse order.
    static func namedColumnsFile(in dir: String, header: (Int) -> String = { "c_P\($0)" }) throws -> String {
        let lines = try String(contentsOfFile: projectsCSV, encoding: .utf8).split(separator: "\n")
        var out = ["x0,x1,x2," + (0..<6).reversed().map(header).joined(separator: ",")]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",")
            out.append((cells.prefix(3) + cells.dropFirst(3).reversed()).joined(separator: ","))
        }
        let path = dir + "/named.csv"
        try (out.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func namedCostColumnsTrainAsThePositionalFile() throws {
        let dir = try ModelFileBinaryTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let named = try Self.namedColumnsFile(in: dir)
        let byName = try ModelFileBinaryTests.train(Self.projectsMPS, ["--epochs", "2"], data: named)
        let byPosition = try ModelFileBinaryTests.train(Self.projectsMPS, ["--epochs", "2"])
        #expect(byName.status == 0, "\(byName.standardError)")
        // The table's method, problem, epochs and regrets are the same (the timings are not compared).
        let regrets = { (run: BuiltBinaryTests.Run) in
            run.standardOutput.split(separator: "\n").last.map { Array($0.split(separator: " ").prefix(6)) }
        }
        #expect(regrets(byName) != nil && regrets(byName) == regrets(byPosition), "\(byName.standardOutput)")

        let unknown = try Self.namedColumnsFile(in: dir) { $0 == 2 ? "c_Q2" : "c_P\($0)" }
        let failed = try ModelFileBinaryTests.train(Self.projectsMPS, data: unknown)
        try ModelFileBinaryTests.expectFailure(failed, status: 65, file: unknown, placed: true)
        #expect(failed.standardError.contains("'c_Q2' names no variable"), "\(failed.standardError)")
    }

    @Test func solverLibrariesPrintNothingUnlessVerbose() throws {
        // projects.mps says OBJSENSE MAX (what CBC's own reader once answered with "MAX found after
        // OBJSENSE - Coin ignores"); the smoothed method also runs CLP on the relaxation.
        for method in ["spo+", "spo+-qp"] {
            let quiet = try ModelFileBinaryTests.train(Self.projectsMPS, ["--epochs", "1", "--method", method])
            #expect(quiet.status == 0 && quiet.standardError.isEmpty, "\(quiet.standardError)")
            let lines = quiet.standardOutput.split(separator: "\n")
            #expect(lines.count == 3 && lines[0].hasPrefix("method"), "\(quiet.standardOutput)")
        }
        let solve = try BuiltBinaryTests.dfl(["solve", "--model", Self.projectsMPS])
        #expect(solve.status == 0 && solve.standardError.isEmpty, "\(solve.standardError)")
        #expect(solve.standardOutput.hasPrefix("problem: projects.mps (maximize"), "\(solve.standardOutput)")
        for text in [solve.standardOutput] {
            for word in ["Coin", "Cbc", "Clp", "CBC", "Welcome"] { #expect(!text.contains(word), "\(text)") }
        }
        // With --verbose CBC speaks: the check above would see its lines.
        let verbose = try ModelFileBinaryTests.train(Self.projectsMPS, ["--epochs", "1", "--verbose"])
        #expect(verbose.status == 0)
        #expect((verbose.standardOutput + verbose.standardError).contains("Cbc"), "\(verbose.standardOutput)")
    }
}
