import DFLOptimization
import Foundation
import Testing

@testable import DFLModelFormats

@Suite struct ModelFileReaderTests {
    @Test(arguments: ["fixed", "free", "lp"])
    func everyFormatReadsTheKnownModel(format: String) throws {
        let text = ["fixed": ModelFixtures.fixedMPS, "free": ModelFixtures.freeMPS, "lp": ModelFixtures.lp][format]!
        let program = try ModelFileReader.read(text: text, file: "all.\(format)")
        #expect(program == ModelFixtures.program(), "\(program)")
    }

    @Test(arguments: [
        ("OBJSENSE\n    MAX\n", ObjectiveSense.maximize), ("OBJSENSE MAX\n", .maximize),
        ("OBJSENSE\n    MAXIMIZE\n", .maximize), ("OBJSENSE    MAXIMIZE\n", .maximize),
        ("OBJSENSE\n    MIN\n", .minimize), ("OBJSENSE\nMAX\n", .maximize), ("OBJSENSE MINIMIZE\n", .minimize),
        ("", .minimize),
    ])
    func theObjectiveSenseComesFromTheSection(section: String, sense: ObjectiveSense) throws {
        let text = ModelFixtures.fixedMPS.replacingOccurrences(of: "ROWS\n", with: section + "ROWS\n")
        #expect(try ModelFileReader.read(text: text, file: "m.mps") == ModelFixtures.program(sense: sense))
    }

    @Test func aColumnNamedObjsenseDoesNotChangeTheSense() throws {
        let text = ModelFixtures.freeMPS.replacingOccurrences(of: " W ", with: " OBJSENSE ")
            .replacingOccurrences(of: "MI W", with: "MI OBJSENSE").replacingOccurrences(of: "UP W", with: "UP OBJSENSE")
        let program = try ModelFileReader.read(text: text, file: "m.mps")
        #expect(program.sense == .minimize)
        #expect(program.variableNames[3] == "OBJSENSE")
    }

    @Test func lpMaximizeAndSenseWords() throws {
        for word in ["Maximize", "MAXIMIZE", "maximise", "max", "Maximum"] {
            let text = ModelFixtures.lp.replacingOccurrences(of: "Minimize", with: word)
            #expect(try ModelFileReader.read(text: text, file: "m.lp") == ModelFixtures.program(sense: .maximize))
        }
    }

    @Test func integerMarkerColumnsFollowCOINORsDefaultBounds() throws {
        // In a marker block: binary without bounds, [0, +∞) once any bound line names the column.
        func read(_ bound: String) throws -> MixedIntegerProgram {
            try ModelFileReader.read(
                text: """
                    NAME T
                    ROWS
                     N COST
                     L R1
                    COLUMNS
                     MARKER 'MARKER' 'INTORG'
                     X COST 1 R1 1
                     MARKER 'MARKER' 'INTEND'
                    RHS
                     R1 5
                    BOUNDS
                    \(bound)
                    ENDATA
                    """, file: "t.mps")
        }
        let cases: [(String, Double, Double)] = [
            ("", 0, 1), (" LO BND X 2", 2, .infinity), (" UP BND X 5", 0, 5), (" UP BND X -3", -.infinity, -3),
            (" MI BND X", -.infinity, .infinity), (" PL BND X", 0, .infinity),
        ]
        for (bound, lower, upper) in cases {
            let p = try read(bound)
            #expect(p.lowerBounds == [lower] && p.upperBounds == [upper] && p.integrality == [true], "\(bound)")
        }
    }

    @Test func gzippedFilesAreReadByTheirMagicBytes() throws {
        let path = ModelFixtures.temporaryPath(".model")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = ModelFixtures.fixedMPS.replacingOccurrences(of: "ROWS\n", with: "OBJSENSE\n    MAX\nROWS\n")
        try Data(try ModelFixtures.gzip(Array(text.utf8))).write(to: URL(fileURLWithPath: path))
        #expect(try ModelFileReader.read(path) == ModelFixtures.program(sense: .maximize))
        let lp = try ModelFixtures.gzip(Array(ModelFixtures.lp.utf8))
        #expect(try ModelFileReader.read(bytes: lp, file: "m.lp.gz") == ModelFixtures.program())
        // Two gzip members in a row are one stream, as for `gzip -d`.
        let half = ModelFixtures.lp.count / 2
        let parts =
            try ModelFixtures.gzip(Array(ModelFixtures.lp.prefix(half).utf8))
            + ModelFixtures.gzip(Array(ModelFixtures.lp.dropFirst(half).utf8))
        #expect(try ModelFileReader.read(bytes: parts, file: "m.lp.gz") == ModelFixtures.program())
    }

    @Test func theWriterRoundTrips() throws {
        for sense in [ObjectiveSense.minimize, .maximize] {
            let program = ModelFixtures.program(sense: sense)
            #expect(try ModelFileReader.read(text: MPSWriter.text(program), file: "w.mps") == program)
        }
        var unnamed = ModelFixtures.program()
        unnamed.variableNames = []
        var back = try ModelFileReader.read(text: MPSWriter.text(unnamed), file: "w.mps")
        #expect(back.variableNames == (0..<8).map { "x\($0)" })
        back.variableNames = []
        #expect(back == unnamed)
    }

    @Test func crlfLineEndingsAndCommentsChangeNothing() throws {
        let crlf = ModelFixtures.fixedMPS.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ModelFileReader.read(text: crlf, file: "m.mps") == ModelFixtures.program())
        let commented = ModelFixtures.lp.replacingOccurrences(of: "Bounds\n", with: "\\ comment\n\nBounds \\ here\n")
        #expect(try ModelFileReader.read(text: commented, file: "m.lp") == ModelFixtures.program())
    }
}
