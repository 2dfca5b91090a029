import DFLOptimization
import Testing

@testable import DFLModelFormats

/// ``ModelOutline``: what `dfl inspect` prints, in the file's own terms, the same from LP and MPS.
@Suite struct ModelOutlineTests {
    static let lp = """
        Maximize
         obj: 3 a + 2 b - c + 5
        Subject To
         cap: a + b + c <= 10
         floor: a - b >= -2
         fix: b + c = 4
         band: -1 <= a - c <= 6
        Bounds
         b <= 3
         -inf <= c <= inf
        General
         a
        End
        """

    @Test func lpNamesSensesRightHandSidesAndNonzeros() throws {
        let outline = try ModelFileReader.outline(bytes: Array(Self.lp.utf8), file: "m.lp")
        #expect(outline.sense == .maximize && outline.objectiveOffset == 5)
        #expect(outline.variables.map(\.name) == ["a", "b", "c"])
        #expect(outline.variables.map(\.objective) == [3, 2, -1])
        #expect(outline.variables.map(\.integer) == [true, false, false])
        #expect(outline.variables.map(\.lower) == [0, 0, -.infinity])
        #expect(outline.variables.map(\.upper) == [.infinity, 3, .infinity])
        #expect(outline.constraints.map(\.name) == ["cap", "floor", "fix", "band"])
        #expect(outline.constraints.map(\.sense) == [.lessOrEqual, .greaterOrEqual, .equal, .range])
        #expect(outline.constraints.map(\.rhs) == [10, -2, 4, 6])
        #expect(outline.constraints.map(\.nonzeros) == [3, 2, 2, 2])
        #expect(outline.constraints[3].lower == -1)
    }

    @Test func theMPSWriterKeepsTheOutlineOfItsProgram() throws {
        // The program read from LP, written as MPS and outlined again: the same variables, and
        // its ≤/= rows (the writer's form of the constraints) with the same right-hand sides.
        let program = try ModelFileReader.read(text: Self.lp, file: "m.lp")
        let outline = try ModelFileReader.outline(bytes: Array(MPSWriter.text(program).utf8), file: "m.mps")
        let original = try ModelFileReader.outline(bytes: Array(Self.lp.utf8), file: "m.lp")
        #expect(outline.variables == original.variables)
        #expect(outline.sense == .maximize)
        #expect(outline.constraints.map(\.sense).filter { $0 == .equal }.count == 1)
        #expect(outline.constraints.count == program.equalityRHS.count + program.inequalityRHS.count)
        #expect(outline.constraints.filter { $0.sense == .lessOrEqual }.map(\.rhs) == program.inequalityRHS)
    }
}
