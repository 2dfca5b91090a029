import DFLOptimization

/// Writes a ``MixedIntegerProgram`` as free MPS that ``ModelFileReader`` reads back to the same
/// program: equalities as `E` rows, inequalities as `L` rows, integer columns in marker blocks with
/// explicit bounds, the objective constant as the objective row's right-hand side.
public enum MPSWriter {
    /// The MPS text of `program`. Variables keep their names when these are unique and without
    /// blanks, else they are called `x0, x1, …`.
    public static func text(_ program: MixedIntegerProgram, name: String = "MODEL") -> String {
        let n = program.variableCount
        let given = program.variableNames
        let usable =
            given.count == n && Set(given).count == n
            && given.allSatisfy {
                !$0.isEmpty && !$0.contains(where: \.isWhitespace) && !$0.hasPrefix("*") && $0 != "'MARKER'"
            }
        let names = usable ? given : (0..<n).map { "x\($0)" }
        let rows =
            program.equalityRHS.indices.map { ("E", "E\($0)", program.equalityMatrix[$0], program.equalityRHS[$0]) }
            + program.inequalityRHS.indices.map {
                ("L", "L\($0)", program.inequalityMatrix[$0], program.inequalityRHS[$0])
            }
        var out = "NAME \(name.isEmpty || name.contains(where: \.isWhitespace) ? "MODEL" : name)\n"
        out += "OBJSENSE\n    \(program.sense == .maximize ? "MAX" : "MIN")\nROWS\n N  OBJ\n"
        for (type, rowName, _, _) in rows { out += " \(type)  \(rowName)\n" }
        out += "COLUMNS\n"
        var inBlock = false
        for j in 0..<n {
            if program.integrality[j] != inBlock {
                out += "    MARKER 'MARKER' \(inBlock ? "'INTEND'" : "'INTORG'")\n"
                inBlock.toggle()
            }
            out += "    \(names[j]) OBJ \(program.objective[j])\n"
            for (_, rowName, coefficients, _) in rows where coefficients[j] != 0 {
                out += "    \(names[j]) \(rowName) \(coefficients[j])\n"
            }
        }
        if inBlock { out += "    MARKER 'MARKER' 'INTEND'\n" }
        out += "RHS\n"
        if program.objectiveOffset != 0 { out += "    RHS OBJ \(-program.objectiveOffset)\n" }
        for (_, rowName, _, rhs) in rows where rhs != 0 { out += "    RHS \(rowName) \(rhs)\n" }
        out += "BOUNDS\n"
        for j in 0..<n {
            let (lower, upper) = (program.lowerBounds[j], program.upperBounds[j])
            if lower == upper {
                out += " FX BND \(names[j]) \(lower)\n"
                continue
            }
            if lower == -.infinity && upper == .infinity {
                out += " FR BND \(names[j])\n"
                continue
            }
            if lower == -.infinity {
                out += " MI BND \(names[j])\n"
            } else if lower != 0 || program.integrality[j] {
                out += " LO BND \(names[j]) \(lower)\n"
            }
            if upper == .infinity {
                if program.integrality[j] { out += " PL BND \(names[j])\n" }
            } else {
                out += " UP BND \(names[j]) \(upper)\n"
            }
        }
        return out + "ENDATA\n"
    }
}
