import DFLOptimization
import DFLRandom
import Foundation
import Testing

@testable import DFLModelFormats

/// Seeded mutations of valid MPS and LP files: every mutated file either fails with a
/// ``ModelFileError`` or reads to a valid program that the MPS writer round-trips; mutations that
/// cannot change the model (blank layout, repeated bounds, a cut after the end marker) read to the
/// original program, and mutations that must break it (a repeated row, column entry or
/// constraint, a corrupted MPS number, a cut before the end marker) fail. Nothing is accepted as a
/// different model without a trace, nothing crashes, nothing hangs (the readers are linear).
@Suite struct ModelFileFuzzTests {
    /// What reading gave.
    enum Outcome {
        case failed(ModelFileError)
        case read(MixedIntegerProgram)
    }

    /// The mutations.
    enum Mutation: CaseIterable {
        case deleteLine, duplicateLine, swapLines, corruptNumber, truncate, insertGarbage, reflowBlanks
    }

    /// A fixture: its text, whether it is LP, and the keyword that ends it.
    struct Fixture: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var isLP: Bool
        var testDescription: String { name }
    }

    static let fixtures = [
        Fixture(name: "fixed MPS", text: ModelFixtures.fixedMPS, isLP: false),
        Fixture(name: "free MPS", text: ModelFixtures.freeMPS, isLP: false),
        Fixture(name: "LP", text: ModelFixtures.lp, isLP: true),
    ]

    static func outcome(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Outcome? {
        do {
            return .read(try ModelFileReader.read(bytes: bytes, file: "fuzz"))
        } catch let error as ModelFileError {
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
            return .failed(error)
        } catch {
            Issue.record("not a ModelFileError: \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// An accepted program is valid and reads back from its MPS text unchanged (names that MPS
    /// cannot carry become `x0, x1, …`).
    static func checkRoundTrip(_ program: MixedIntegerProgram, _ note: String) {
        #expect(throws: Never.self, "\(note)") { try program.validate() }
        guard var back = try? ModelFileReader.read(text: MPSWriter.text(program), file: "back.mps") else {
            Issue.record("the written program does not read back: \(note)")
            return
        }
        if back.variableNames != program.variableNames {
            #expect(back.variableNames == (0..<program.variableCount).map { "x\($0)" }, "\(note)")
            back.variableNames = program.variableNames
        }
        #expect(back == program, "\(note)")
    }

    /// Whether repeating line `index` of `lines` leaves the model as it is: a blank or comment line,
    /// or a data line of the bounds (MPS `BOUNDS`; LP `Bounds`, `General`, `Binary`).
    static func isRepeatable(_ lines: [Substring], _ index: Int, isLP: Bool) -> Bool {
        func significant(_ line: Substring) -> Substring {
            let code =
                isLP ? (line.firstIndex(of: "\\").map { line[..<$0] } ?? line) : (line.hasPrefix("*") ? "" : line)
            return code.drop { $0 == " " || $0 == "\t" }
        }
        if significant(lines[index]).isEmpty { return true }
        var section = ""
        for line in lines[...index] {
            let code = significant(line)
            guard let word = code.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else { continue }
            if isLP {
                if ["bounds", "general", "binary", "subject", "minimize", "end"].contains(word.lowercased()) {
                    section = word.lowercased()
                    if line == lines[index] { return false }
                }
            } else if line.first != " " && line.first != "\t" {
                section = String(word)
                if line == lines[index] { return false }
            }
        }
        return isLP ? ["bounds", "general", "binary"].contains(section) : section == "BOUNDS"
    }

    /// The texts a decimal number may be corrupted to (none is a number; none is a name LP would read).
    static let corruptions = ["1.x0", "nan", "1e", "--1", "1..0", "0x1p3", "1,5", "1e+", "+-2", "٣"]

    @Test(arguments: fixtures)
    func mutatedFilesFailCleanlyOrReadToTheirOwnRoundTrip(fixture: Fixture) throws {
        let original = ModelFixtures.program()
        let lines = fixture.text.split(separator: "\n", omittingEmptySubsequences: false)
        var rng = SeededGenerator(seed: fixture.isLP ? 1401 : fixture.text.hasPrefix("NAME ALL") ? 1402 : 1403)
        var counts: [Mutation: Int] = [:]
        var failures = 0
        for trial in 0..<160 {
            let mutation = Mutation.allCases[trial % Mutation.allCases.count]
            counts[mutation, default: 0] += 1
            var mutated = lines
            var expectation: Bool?  // true: must read to the original; false: must fail; nil: either
            let i = rng.integer(in: 0..<lines.count)
            switch mutation {
            case .deleteLine:
                mutated.remove(at: i)
            case .duplicateLine:
                mutated.insert(lines[i], at: i)
                expectation = Self.isRepeatable(lines, i, isLP: fixture.isLP)
            case .swapLines:
                mutated.swapAt(i, rng.integer(in: 0..<lines.count))
            case .corruptNumber:
                let numbered = lines.indices.filter { k in
                    lines[k].split(separator: " ").contains { NumberField.decimal($0) != nil }
                }
                let k = rng.choice(numbered)
                var words = lines[k].split(separator: " ", omittingEmptySubsequences: false)
                let positions = words.indices.filter { NumberField.decimal(words[$0]) != nil }
                words[rng.choice(positions)] = Substring(rng.choice(Self.corruptions))
                mutated[k] = Substring(words.joined(separator: " "))
                if !fixture.isLP { expectation = false }
            case .truncate:
                break
            case .insertGarbage:
                break
            case .reflowBlanks:
                let line = lines[i]
                var text = ""
                var inBlank = false
                for c in line {
                    let blank = c == " " || c == "\t"
                    if blank && !inBlank {
                        let run = (0...rng.integer(in: 0..<4)).map { _ in rng.bernoulli(0.5) == 1 ? " " : "\t" }
                        text += run.joined()
                    } else if !blank {
                        text.append(c)
                    }
                    inBlank = blank
                }
                mutated[i] = Substring(text + (rng.bernoulli(0.5) == 1 ? " \t " : ""))
                expectation = true
            }
            var bytes = Array(mutated.joined(separator: "\n").utf8)
            let endMarker = fixture.isLP ? "\nEnd" : "\nENDATA"
            if mutation == .truncate {
                let marker = try #require(fixture.text.range(of: endMarker))
                let markerEnd = fixture.text.utf8.distance(from: fixture.text.startIndex, to: marker.upperBound)
                let cut = rng.integer(in: 0..<bytes.count)
                bytes = Array(bytes.prefix(cut))
                expectation = cut >= markerEnd
            }
            if mutation == .insertGarbage {
                let garbage = (0...rng.integer(in: 0..<4)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                bytes.insert(contentsOf: garbage, at: rng.integer(in: 0..<(bytes.count + 1)))
            }
            let note = "\(fixture.name) trial \(trial) \(mutation): \(String(decoding: bytes, as: UTF8.self))"
            guard let result = Self.outcome(bytes) else { continue }
            switch result {
            case .failed(let error):
                failures += 1
                #expect(expectation != true, "\(error) — \(note)")
            case .read(let program):
                #expect(expectation != false, "accepted — \(note)")
                if expectation == true { #expect(program == original, "\(note)") }
                Self.checkRoundTrip(program, note)
            }
            // The same bytes gzipped read the same way (every eighth trial: each runs `gzip`).
            if trial % 8 == 0 {
                let zipped = try ModelFixtures.gzip(bytes)
                switch (result, Self.outcome(zipped)) {
                case (.failed(let a), .failed(let b)?):
                    #expect(a.reason == b.reason && a.line == b.line && a.column == b.column, "\(note)")
                case (.read(let a), .read(let b)?): #expect(a == b, "\(note)")
                default: Issue.record("gzipped and plain differ — \(note)")
                }
            }
        }
        #expect(counts.count == Mutation.allCases.count)
        #expect(failures > 0 && failures < 160)  // both outcomes occur
    }

    @Test func corruptedGzipStreamsFailOrReadTheOriginal() throws {
        let zipped = try ModelFixtures.gzip(Array(ModelFixtures.fixedMPS.utf8))
        var rng = SeededGenerator(seed: 1404)
        for trial in 0..<60 {
            var bytes = zipped
            let i = rng.integer(in: 2..<bytes.count)
            bytes[i] ^= UInt8(truncatingIfNeeded: 1 + rng.integer(in: 0..<255))
            guard let result = Self.outcome(bytes) else { continue }
            if case .read(let program) = result {
                // Only the header's unchecked fields (time stamp, flags, OS) may change harmlessly.
                #expect(program == ModelFixtures.program(), "trial \(trial): byte \(i)")
            }
        }
    }

    @Test func theLPAndMPSOfOneModelReadTheSame() throws {
        var rng = SeededGenerator(seed: 1405)
        for _ in 0..<40 {
            // A random small program, written as MPS, read, and written as LP by hand.
            let n = 1 + rng.integer(in: 0..<5)
            let m = rng.integer(in: 0..<4)
            let matrix = (0..<m).map { _ in (0..<n).map { _ in Double(rng.integer(in: -3..<4)) } }
            let rhs = (0..<m).map { _ in Double(rng.integer(in: 0..<9)) }
            let program = MixedIntegerProgram(
                objective: (0..<n).map { _ in Double(rng.integer(in: -5..<6)) / 2 },
                sense: rng.bernoulli(0.5) == 1 ? .maximize : .minimize, inequalityMatrix: matrix, inequalityRHS: rhs,
                lowerBounds: (0..<n).map { _ in Double(rng.integer(in: -2..<1)) },
                upperBounds: (0..<n).map { _ in Double(rng.integer(in: 1..<4)) },
                integrality: (0..<n).map { _ in rng.bernoulli(0.5) == 1 }, variableNames: (0..<n).map { "v\($0)" })
            func term(_ c: Double, _ j: Int) -> String { "\(c < 0 ? "-" : "+") \(abs(c)) v\(j)" }
            var lp = "\(program.sense == .maximize ? "Maximize" : "Minimize")\n obj: "
            lp += (0..<n).map { term(program.objective[$0], $0) }.joined(separator: " ") + "\nSubject To\n"
            for i in 0..<m {
                lp += " c\(i): " + (0..<n).map { term(matrix[i][$0], $0) }.joined(separator: " ") + " <= \(rhs[i])\n"
            }
            lp +=
                "Bounds\n"
                + (0..<n).map { " \(program.lowerBounds[$0]) <= v\($0) <= \(program.upperBounds[$0])\n" }.joined()
            let integers = (0..<n).filter { program.integrality[$0] }.map { "v\($0)" }
            if !integers.isEmpty { lp += "General\n " + integers.joined(separator: " ") + "\n" }
            lp += "End\n"
            let fromMPS = try ModelFileReader.read(text: MPSWriter.text(program), file: "r.mps")
            let fromLP = try ModelFileReader.read(text: lp, file: "r.lp")
            #expect(fromMPS == program)
            #expect(fromLP == program, "\(lp)")
        }
    }
}
