import DFLOptimization
import Foundation
import Testing

@testable import DFLModelFormats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `text` fails with `reason` at `line:column` (the short form of the tables below).
private func e(
    _ text: String, _ reason: ModelFileError.Reason, _ line: Int?, _ column: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) { ModelFileErrorTests.expectError(text, reason, line: line, column: column, sourceLocation: sourceLocation) }

/// Every kind of bad model file is a ``ModelFileError`` at the right place.
@Suite struct ModelFileErrorTests {
    /// `text` fails with `reason` at `line:column` (nil: not checked).
    static func expectError(
        _ text: String, _ reason: ModelFileError.Reason, line: Int?, column: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let program = try ModelFileReader.read(text: text, file: "m")
            Issue.record("accepted: \(program)", sourceLocation: sourceLocation)
        } catch let error as ModelFileError {
            #expect(error.reason == reason, "\(error)", sourceLocation: sourceLocation)
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            if let column { #expect(error.column == column, "\(error)", sourceLocation: sourceLocation) }
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a ModelFileError: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The fixed MPS fixture with `old` replaced by `new`.
    static func mps(_ old: String, _ new: String) -> String {
        let text = ModelFixtures.fixedMPS.replacingOccurrences(of: old, with: new)
        precondition(text != ModelFixtures.fixedMPS, old)
        return text
    }

    /// The LP fixture with `old` replaced by `new`.
    static func lp(_ old: String, _ new: String) -> String {
        let text = ModelFixtures.lp.replacingOccurrences(of: old, with: new)
        precondition(text != ModelFixtures.lp, old)
        return text
    }

    @Test func mpsErrorsNameTheirPlace() {
        e(Self.mps("ENDATA\n", ""), .missingEnd, 42, 1)
        e(Self.mps("0.5   R2", "0.x   R2"), .invalidNumber, 18, 28)
        e(Self.mps("R1           1.0\n    X", "R1           nan\n    X"), .invalidNumber, 12, 47)
        e(Self.mps(" L  R5", " L  R1"), .duplicateName, 9, 5)
        e(Self.mps(" X         R2           2.0", " X         R1           2.0"), .duplicateName, 13, 15)
        e(Self.mps("    V ", "    X "), .duplicateName, 21, 5)  // column X again, not contiguous
        e(Self.mps("RANGES", "RANGE"), .unknownSection, 29, 1)
        e(Self.mps("RANGES", "QUADOBJ"), .unsupported, 29, 1)
        e(Self.mps(" LO BND       V", " SC BND       V"), .unsupported, 37, 2)
        e(Self.mps(" LO BND       V", " XX BND       V"), .syntax, 37, 2)
        e(Self.mps(" L  R5", " K  R5"), .syntax, 9, 2)
        e(Self.mps("R1           1.0\n    X", "R9           1.0\n    X"), .unknownName, 12, 34)
        e(Self.mps(" FR BND       Z", " FR BND       Q"), .unknownName, 34, 15)
        e(Self.mps("    RHS       R4", "    RH2       R4"), .unsupported, 28, 5)  // a second RHS set
        e(Self.mps("ENDATA\n", "ENDATA\n X\n"), .syntax, 43, 2)
        e(Self.mps("ROWS\n", "ROWS\n\nROWS\n"), .duplicateName, 5, 1)
        e(Self.mps("RHS       R2           1.0", "RHS       R1           1.0"), .duplicateName, 27, 15)
        e(Self.mps(" UP BND       X            5.0", " UP BND       X            abc"), .invalidNumber, 33, 28)
        e(Self.mps("-1.0   R1", "1e20   R1"), .invalidNumber, 15, 27)
        e(Self.mps(" FX BND       F            4.0", " FX BND       F            1e30"), .invalidModel, 41, 15)
        e(Self.mps(" UI BND       I            7.0", " UI BND       I            1.0"), .invalidModel, 40, 15)
        e(Self.mps("ROWS\n", "OBJSENSE\n    UP\nROWS\n"), .syntax, 4, 5)
        e("* only a comment\n\n", .emptyFile, nil)
        e("", .emptyFile, nil)
        e("hello\n", .unknownFormat, 1, 1)
        e("NAME A\nROWS\n N COST\nCOLUMNS\nENDATA\n", .invalidModel, 5, 1)  // no variables
        e("NAME A\nCOLUMNS\n X COST 1\nENDATA\n", .syntax, 2, 1)  // COLUMNS before ROWS
        e("NAME A\nROWS\n N C\nCOLUMNS\n X C 1\n X C 2\nENDATA\n", .duplicateName, 6, 4)
    }

    @Test func lpErrorsNameTheirPlace() {
        e(Self.lp("End", ""), .missingEnd, 23, 1)
        e(Self.lp("R3: Y + B = 1", "R3: Y + B = 1x"), .syntax, 8, 2)  // "x R4: ..." lacks a sign
        e(Self.lp("R2:", "R1:"), .duplicateName, 6, 2)
        e(Self.lp("Bounds", "Bounds\n Bounds"), .duplicateName, 12, 2)
        e(Self.lp("V >= 1", "Q >= 1"), .unknownName, 16, 2)
        e(Self.lp("Binary\n B", "Binary\n Bx"), .unknownName, 22, 2)
        e(Self.lp("2 X + Z", "2 X Z"), .syntax, 6, 10)
        e(Self.lp("R1: X + Y + V <= 10", "R1: X + Y + V 10"), .syntax, 5, 16)
        e(Self.lp("F = 4", "F = four"), .syntax, 18, 4)
        e(Self.lp("Binary", "Semi-Continuous"), .unsupported, 21, 1)
        e(Self.lp("0.5 Z", "0.5 Z ^ 2"), .unsupported, 3, 22)
        e(Self.lp("End", "End\n x"), .syntax, 24, 2)
        e(Self.lp("R1: X + Y + V <= 10", "R1: X + Y + V <= 1e20"), .invalidNumber, 5, 19)
        e(Self.lp("-2 <= X <= 5", "7 <= X <= 5"), .invalidModel, 12, 7)
        e("\\ comment\nSubject To\n x >= 1\nEnd\n", .unknownFormat, 2, 1)
        e("Minimize\n obj: x\nBounds\n x >= 1\nSubject To\n c: x <= 3\nEnd\n", .syntax, 5, 1)
    }

    @Test func pathsThatAreNotRegularFilesAreRefusedWithoutBlocking() throws {
        let directory = ModelFixtures.temporaryPath("")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/pipe.mps"
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, reason) in [
            (directory, ModelFileError.Reason.notRegularFile), (fifo, .notRegularFile), ("/dev/null", .notRegularFile),
            (directory + "/missing.mps", .noSuchFile), (directory + "/pipe.mps/x", .noSuchFile),
        ] {
            #expect { try ModelFileReader.read(path) } throws: { e in
                (e as? ModelFileError)?.reason == reason && (e as? ModelFileError)?.file == path
            }
        }
    }

    @Test func filesBeyondTheSizeLimitAreRefused() throws {
        let path = ModelFixtures.temporaryPath(".mps")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = Array(ModelFixtures.fixedMPS.utf8)
        try Data(text).write(to: URL(fileURLWithPath: path))
        #expect(try ModelFileBytes.contents(of: path, limit: text.count) == text)
        #expect { try ModelFileBytes.contents(of: path, limit: text.count - 1) } throws: {
            ($0 as? ModelFileError)?.reason == .tooLarge
        }
        // A gzip stream that inflates beyond the limit (a "zip bomb" in miniature).
        let zipped = try ModelFixtures.gzip([UInt8](repeating: 32, count: 1 << 20))
        #expect { try ModelFileBytes.gunzip(zipped, limit: 1 << 19, file: "bomb.gz") } throws: {
            ($0 as? ModelFileError)?.reason == .tooLarge
        }
        #expect {
            try ModelFileBytes.gunzip(Array(zipped.prefix(zipped.count / 2)), limit: 1 << 21, file: "t.gz")
        } throws: {
            ($0 as? ModelFileError)?.reason == .corruptGzip
        }
    }

    @Test func columnsCountCharactersAndMessagesStayOneLine() {
        // "é" is two bytes but one column: "^" is in column 13.
        Self.expectError("Minimize\n obj: é + x ^ 2\nEnd\n", .unsupported, line: 2, column: 13)
        #expect { try ModelFileReader.read(text: "NAME A\n\u{1b}[31mROWS\r\u{7}\n", file: "m\nx") } throws: { e in
            let text = "\(e)"
            return (e as? ModelFileError)?.reason == .unknownSection
                && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
    }

    @Test func bytesThatAreNotTextAreRefused() {
        #expect { try ModelFileReader.read(bytes: Array("NAME A\nRO\u{0}WS\n".utf8), file: "m") } throws: { e in
            let e = e as? ModelFileError
            return e?.reason == .syntax && e?.line == 2 && e?.column == 3
        }
        #expect { try ModelFileReader.read(bytes: Array("NAME A\n".utf8) + [0xff, 0xfe, 10], file: "m") } throws: { e in
            (e as? ModelFileError)?.reason == .syntax && (e as? ModelFileError)?.line == 2
        }
    }

    @Test func aDenseModelBeyondTheEntryLimitIsRefused() throws {
        // 2·10⁷ entries: 5000 rows × 4001 columns would need 2.0·10⁷ + 5000 entries.
        var text = "NAME BIG\nROWS\n N C\n"
        for i in 0..<5000 { text += " L R\(i)\n" }
        text += "COLUMNS\n"
        for j in 0...4000 { text += " X\(j) C 1\n" }
        text += "ENDATA\n"
        #expect { try ModelFileReader.read(text: text, file: "big.mps") } throws: {
            ($0 as? ModelFileError)?.reason == .tooLarge
        }
    }
}
