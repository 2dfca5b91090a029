import DFLData
import Foundation
import Testing

@Suite("CSV input and output")
struct DatasetCSVTests {
    @Test("write then read returns the identical dataset, solutions included")
    func roundTrip() throws {
        let dir = try TemporaryDirectory()
        let data = try ShortestPathGenerator(
            rows: 3, columns: 3, sampleCount: 25, featureCount: 4, degree: 3, noiseWidth: 0.4,
            float32Costs: false
        ).generate(seed: 12).dataset
        let labelled = try data.withSolutions(
            data.costs.map { $0 > 1 ? 1 : 0 }, objectives: (0..<25).map { Double($0) / 7 })
        let dataPath = try dir.file("data.csv")
        let solPath = try dir.file("data_opt.csv")
        try DatasetCSV.write(labelled, to: dataPath)
        try DatasetCSV.writeSolutions(labelled, to: solPath)
        let back = try DatasetCSV.read(
            path: dataPath, solutionsPath: solPath, expectedCostDimension: 12)
        #expect(back == labelled)
        let header = try String(contentsOfFile: solPath, encoding: .utf8).split(separator: "\n")[0]
        #expect(header == "z,w0,w1,w2,w3,w4,w5,w6,w7,w8,w9,w10,w11")
        #expect(throws: DataError.self) { try DatasetCSV.writeSolutions(data, to: solPath) }
    }

    @Test("parsing tolerates CRLF, spaces, quotes, blank lines and exponents")
    func lenientFormatting() throws {
        let text = "x0, x1 ,\"c0\"\r\n1.5, -2e-3 ,\"3\"\r\n\r\n  4,5,6E1\r\n"
        let data = try DatasetCSV.parse(text)
        #expect(data.features == [1.5, -0.002, 4, 5])
        #expect(data.costs == [3, 60])
    }

    /// The error thrown by parsing `text` as a data file.
    private func failure(_ text: String, expected: Int? = nil) -> DataError? {
        do {
            _ = try DatasetCSV.parse(text, source: "bad.csv", expectedCostDimension: expected)
            return nil
        } catch { return error as? DataError }
    }

    @Test("malformed files give typed errors with file, line and column")
    func errors() throws {
        let nonNumeric = failure("x0,c0,c1\n1,2,3\n4,abc,6\n")
        #expect(nonNumeric?.reason == .nonNumericCell)
        #expect(nonNumeric?.line == 3 && nonNumeric?.column == 2)
        #expect(
            nonNumeric?.description
                == "data error (nonNumericCell): bad.csv:3:2: cell 'abc' in column 'c0' is not a number"
        )

        let trailingGarbage = failure("x0,c0\n1,2.5x\n")
        #expect(trailingGarbage?.reason == .nonNumericCell && trailingGarbage?.column == 2)

        let short = failure("x0,c0,c1\n1,2,3\n4,5\n")
        #expect(short?.reason == .wrongColumnCount && short?.line == 3 && short?.column == 3)
        let long = failure("x0,c0\n1,2,3\n")
        #expect(long?.reason == .wrongColumnCount && long?.line == 2 && long?.column == 3)

        let emptyCell = failure("x0,c0\n1,\n")
        #expect(emptyCell?.reason == .nonNumericCell && emptyCell?.column == 2)

        let missingHeader = failure("1,2,3\n4,5,6\n")
        #expect(missingHeader?.reason == .missingHeader && missingHeader?.line == 1)

        let wrongName = failure("x0,x1,c0,y1\n1,2,3,4\n")
        #expect(wrongName?.reason == .malformedHeader && wrongName?.column == 4)
        #expect(wrongName?.message.contains("expected 'c1'") == true)

        let noCosts = failure("x0,x1\n1,2\n")
        #expect(noCosts?.reason == .missingHeader)

        #expect(failure("")?.reason == .emptyFile)
        #expect(failure("\n\n")?.reason == .emptyFile)
        #expect(failure("x0,c0\n")?.reason == .emptyFile)

        let infinite = failure("x0,c0\n1,inf\n")
        #expect(infinite?.reason == .nonFiniteValue && infinite?.column == 2)

        let dimension = failure("x0,c0,c1\n1,2,3\n", expected: 40)
        #expect(dimension?.reason == .dimensionMismatch)
        #expect(dimension?.message == "file has 2 cost columns, expected 40")
    }

    @Test("file errors: missing files, mismatched solution files")
    func fileErrors() throws {
        let dir = try TemporaryDirectory()
        #expect {
            try DatasetCSV.read(path: dir.path + "/nope.csv")
        } throws: { ($0 as? DataError)?.reason == .ioFailure }
        let data = try dir.file("d.csv", "x0,c0,c1\n1,2,3\n4,5,6\n")
        let wrongWidth = try dir.file("s.csv", "z,w0\n1,1\n2,0\n")
        #expect {
            try DatasetCSV.read(path: data, solutionsPath: wrongWidth)
        } throws: { error in
            let e = error as? DataError
            return e?.reason == .dimensionMismatch && e?.file == wrongWidth
        }
        let wrongRows = try dir.file("r.csv", "z,w0,w1\n1,1,0\n")
        #expect {
            try DatasetCSV.read(path: data, solutionsPath: wrongRows)
        } throws: { ($0 as? DataError)?.message.contains("1 solution rows") == true }
        let badSolution = try dir.file("b.csv", "z,w0,w1\n1,1,0\n2,x,1\n")
        #expect {
            try DatasetCSV.readSolutions(path: badSolution)
        } throws: { error in
            let e = error as? DataError
            return e?.location == badSolution + ":3:2"
        }
        let noZ = try dir.file("n.csv", "w0,w1\n1,0\n")
        #expect {
            try DatasetCSV.readSolutions(path: noZ)
        } throws: { ($0 as? DataError)?.reason == .malformedHeader }
    }

    @Test("PyEPO exports load: 1000 × (5 + 40), labels with z = c·w*, fast parse")
    func pyepoFiles() throws {
        try #require(SharedData.pyepoAvailable)
        let clock = ContinuousClock()
        var train: Dataset?
        let elapsed = try clock.measure {
            train = try DatasetCSV.read(
                path: SharedData.pyepo("sp5_deg6_e05_seed42_train.csv"),
                solutionsPath: SharedData.pyepo("sp5_deg6_e05_seed42_train_opt.csv"),
                expectedCostDimension: 40)
        }
        let data = try #require(train)
        #expect(data.count == 1000 && data.featureCount == 5 && data.costDimension == 40)
        #expect(data.features[0] == 0.68356932320047759)
        #expect(data.costs[0] == 0.498585969)
        #expect(data.objectives![0] == 3.65803432)
        // Each label is a 0/1 path of 8 arcs on the 5×5 grid, and z* = cᵀw*.
        for i in 0..<data.count {
            let w = data.solution(at: i)!
            #expect(w.allSatisfy { $0 == 0 || $0 == 1 } && w.reduce(0, +) == 8)
            var z = 0.0
            for (c, wj) in zip(data.costs(at: i), w) { z += c * wj }
            #expect(abs(z - data.objectives![i]) <= 1e-6 * max(1, abs(z)))
        }
        // Generous bound (debug build, shared machine): the parse itself takes milliseconds.
        #expect(elapsed < .seconds(2))
        let test = try DatasetCSV.read(
            path: SharedData.pyepo("sp5_deg6_e05_seed42_test.csv"), roundCostsToFloat32: true)
        #expect(test.costs.allSatisfy { Double(Float($0)) == $0 })
    }
}
