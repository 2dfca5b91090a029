import ArgumentParser
import DFLModelFormats
import DFLReport
import Foundation

/// `dfl inspect model.mps|lp[.gz]`: what a model file declares, as `dfl train --model` reads it.
public struct Inspect: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        abstract: "Show a model file's variables (in cost-column order), constraints and objective sense.",
        discussion: """
            The variables are listed in the order of the CSV cost columns: column c<j> (or c_<name>, \
            in any order) is the predicted cost of variable j. In training, prediction and \
            evaluation the file's objective coefficients are replaced by the costs (the CSV's, or \
            the predicted ones); its sense, constraints, bounds and integrality are kept.
            \(DFLExitCode.helpLine)
            """)

    @Argument(
        help: "The model file (MPS or LP, optionally gzipped).", completion: .file(extensions: ["mps", "lp", "gz"]))
    var model: String
    @Flag(help: "Print JSON instead of tables.") var json = false

    /// Creates the command.
    public init() {}

    /// Prints the outline.
    public func run() throws {
        try InputFile.requireExists(model, option: "model file")
        let outline = try ModelFileReader.outline(model)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let report = Report(file: model, outline: outline)
            try StandardOutput.print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            try StandardOutput.print(Self.text(outline, file: model))
        }
    }

    /// The `--json` document: the file, its outline, and each variable's CSV cost columns.
    struct Report: Encodable {
        var file: String
        var outline: ModelOutline
        /// Per variable: its position and the two names its CSV cost column may have.
        var costColumns: [[String: String]]

        init(file: String, outline: ModelOutline) {
            self.file = file
            self.outline = outline
            costColumns = outline.variables.enumerated().map { j, v in
                ["variable": v.name, "position": "c\(j)", "named": "c_\(v.name)"]
            }
        }
    }

    /// The tables `dfl inspect` prints.
    static func text(_ outline: ModelOutline, file: String) -> String {
        let integers = outline.variables.filter(\.integer).count
        let name = (file as NSString).lastPathComponent
        var out = """
            \(name): \(outline.sense.rawValue), \(outline.variables.count) variables (\(integers) integer), \
            \(outline.constraints.count) constraints
            The file's objective coefficients are replaced by the predicted costs; its sense, \
            constraints, bounds and integrality are kept.

            variables, in cost-column order (CSV column c<j> or c_<name>):

            """
        var variables = TextTable(
            header: ["j", "cost column", "name", "lower", "upper", "type", "file's objective"],
            rightAligned: [0, 3, 4, 6])
        for (j, v) in outline.variables.enumerated() {
            variables.add(row: [
                "\(j)", "c\(j) | c_\(v.name)", v.name, bound(v.lower), bound(v.upper),
                v.integer ? (v.lower == 0 && v.upper == 1 ? "binary" : "integer") : "continuous",
                number(v.objective),
            ])
        }
        out += variables.render() + "\n\nconstraints:\n"
        if outline.constraints.isEmpty {
            out += "(none)"
        } else {
            var constraints = TextTable(header: ["name", "sense", "rhs", "nonzeros"], rightAligned: [2, 3])
            for c in outline.constraints {
                let rhs = c.sense == .range ? "[\(number(c.lower)), \(number(c.upper))]" : number(c.rhs)
                constraints.add(row: [c.name, c.sense.rawValue, rhs, "\(c.nonzeros)"])
            }
            out += constraints.render()
        }
        if outline.objectiveOffset != 0 {
            out +=
                "\nobjective constant \(number(outline.objectiveOffset)): dropped (an objective is Σ costs × decision)"
        }
        return out
    }

    /// A bound: a number, `inf` or `-inf`.
    static func bound(_ x: Double) -> String { x == .infinity ? "inf" : x == -.infinity ? "-inf" : number(x) }

    /// A number in its shortest exact form (integers without a decimal point).
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }
}
