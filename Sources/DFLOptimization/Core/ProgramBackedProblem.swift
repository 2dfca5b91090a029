/// A problem that is an explicit (mixed-integer) linear program: every variable's objective
/// coefficient is predicted, the sense is the program's, and ``asMILP(costs:)`` is the program with
/// the costs as its objective (a user's model file, a test's program).
public protocol ProgramBackedProblem: LinearProgramRepresentable {
    /// The program.
    var program: MixedIntegerProgram { get }
}

extension ProgramBackedProblem {
    /// One cost per variable.
    public var costDimension: Int { program.variableCount }
    /// The program's objective sense.
    public var sense: ObjectiveSense { program.sense }

    /// The program with `costs` as its objective when given.
    public func asMILP(costs: [Double]?) -> MixedIntegerProgram {
        var p = program
        if let costs { p.objective = costs }
        return p
    }
}
