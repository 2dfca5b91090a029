import DFLOptimization
import Foundation

/// One model with every part of the formats — all bound types, an integer marker block, ranges on
/// an E and an L row, a free row, an objective constant — written as fixed MPS, free MPS and LP, and
/// the program all three must read to (worked out by hand from the MPS rules).
enum ModelFixtures {
    static let fixedMPS = """
        NAME          ALL
        * every bound type, ranges, markers, a free row
        ROWS
         N  COST
         L  R1
         G  R2
         E  R3
         E  R4
         L  R5
         N  FREE
        COLUMNS
            X         COST         1.0   R1           1.0
            X         R2           2.0
            MARKER                 'MARKER'                 'INTORG'
            Y         COST        -1.0   R1           1.0
            Y         R3           1.0
            MARKER                 'MARKER'                 'INTEND'
            Z         COST         0.5   R2           1.0
            Z         R4           1.0   FREE         9.0
            W         COST         2.0   R5           1.0
            V         COST        -3.0   R1           1.0
            B         COST         1.0   R3           1.0
            I         COST         1.0   R4           1.0
            F         COST         1.0   R5           1.0
        RHS
            RHS       COST        -2.5   R1          10.0
            RHS       R2           1.0   R3           1.0
            RHS       R4           4.0   R5           6.0
        RANGES
            RNG       R4          -2.0   R5           3.0
        BOUNDS
         LO BND       X           -2.0
         UP BND       X            5.0
         FR BND       Z
         MI BND       W
         UP BND       W            3.0
         LO BND       V            1.0
         BV BND       B
         LI BND       I            2.0
         UI BND       I            7.0
         FX BND       F            4.0
        ENDATA

        """

    /// The same model in free MPS: one blank between fields, tabs, no set names, two pairs a line.
    static let freeMPS = """
        NAME ALL
        ROWS
         N COST
         L R1
         G R2
         E R3
         E R4
         L R5
         N FREE
        COLUMNS
         X COST 1 R1 1
         X R2 2
         MARKER 'MARKER' 'INTORG'
         Y COST -1 R1 1
         Y R3 1
         MARKER 'MARKER' 'INTEND'
         Z\tCOST\t.5\tR2\t1
         Z R4 1 FREE 9
         W COST 2 R5 1
         V COST -3 R1 1
         B COST 1 R3 1
         I COST 1 R4 1
         F COST 1 R5 1
        RHS
         COST -2.5 R1 1e1
         R2 1 R3 1
         R4 4 R5 6
        RANGES
         R4 -2 R5 3
        BOUNDS
         LO X -2
         UP X 5
         FR Z
         MI W
         UP W 3
         LO V 1
         BV B
         LI I 2
         UI I 7
         FX F 4
        ENDATA
        """

    /// The same model in CPLEX LP format.
    static let lp = """
        \\ every section of the LP format
        Minimize
         cost: X - Y + 0.5 Z + 2 W - 3 V + B + I + F + 2.5
        Subject To
         R1: X + Y + V <= 10
         R2: 2 X + Z >= 1
         R3: Y + B = 1
         R4: 2 <= Z + I <= 4
         R5: 3 <= W + F
           <= 6   \\ a constraint over two lines
        Bounds
         -2 <= X <= 5
         Y <= 1
         Z free
         -inf <= W <= 3
         V >= 1
         2 <= I <= 7
         F = 4
        General
         Y I
        Binary
         B
        End
        """

    /// What the three texts read to.
    static func program(sense: ObjectiveSense = .minimize) -> MixedIntegerProgram {
        let inf = Double.infinity
        func row(_ entries: [Int: Double]) -> [Double] { (0..<8).map { entries[$0] ?? 0 } }
        return MixedIntegerProgram(
            objective: [1, -1, 0.5, 2, -3, 1, 1, 1], objectiveOffset: 2.5, sense: sense,
            equalityMatrix: [row([1: 1, 5: 1])], equalityRHS: [1],
            inequalityMatrix: [
                row([0: 1, 1: 1, 4: 1]), row([0: -2, 2: -1]), row([2: 1, 6: 1]), row([2: -1, 6: -1]),
                row([3: 1, 7: 1]), row([3: -1, 7: -1]),
            ],
            inequalityRHS: [10, -1, 4, -2, 6, -3],
            lowerBounds: [-2, 0, -inf, -inf, 1, 0, 2, 4], upperBounds: [5, 1, inf, 3, inf, 1, 7, 4],
            integrality: [false, true, false, false, false, true, true, false],
            variableNames: ["X", "Y", "Z", "W", "V", "B", "I", "F"])
    }

    /// A fresh temporary path ending in `suffix`.
    static func temporaryPath(_ suffix: String) -> String {
        NSTemporaryDirectory() + "dflkit-modelfile-\(UUID().uuidString)\(suffix)"
    }

    /// `bytes` gzipped by the system's `gzip`.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = temporaryPath(".in")
        defer { try? FileManager.default.removeItem(atPath: input) }
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-c", "-n", input]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
