import ArgumentParser
import DFLCoinOR
import DFLData
import DFLOptimization
import Foundation

/// `dfl solve`: one instance of a built-in problem or a user's model file, solved exactly.
public struct Solve: ParsableCommand {
    /// Command configuration.
    public static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve one instance of a built-in problem or an LP/MILP model file and print the decision.",
        discussion: """
            Costs come from --costs c0,c1,… (or --costs - for standard input), or from row --row of a CSV \
            file --data (columns x0.., c0..). With none of them, a model file's own objective is used; a \
            built-in problem reads its costs from standard input. Prints the objective and the decision \
            (a model file's nonzero variables by name); --json prints one JSON object instead.
            \(DFLExitCode.helpLine)
            """)

    @OptionGroup var seed: SeedOption
    @OptionGroup(title: "Problem") var problemOptions: ProblemOptions
    @Option(
        help: "A user's LP/MILP (MPS or LP file) to solve instead of a built-in problem.",
        completion: .file(extensions: ["mps", "lp"]))
    var model: String?
    @Option(help: "Costs, comma-separated (one per decision variable), or - to read them from standard input.")
    var costs: String?
    @Option(
        help: "CSV file whose row --row holds the costs (columns x0.., c0..).", completion: .file(extensions: ["csv"]))
    var data: String?
    @Option(help: "Row of --data, 0-based (header excluded).") var row: Int?
    @Option(
        help: "YAML or JSON file of settings: keys are the flag names; flags given here override it.",
        completion: .file(extensions: ["yaml", "yml", "json"]))
    var config: String?
    @Flag(help: "Print one JSON object (problem, sense, objective, decision, nonzero variables).") var json = false
    @OptionGroup var solverLog: VerboseFlag

    /// Creates the command.
    public init() {}

    /// One cost source at a time; `--data` and `--row` together.
    public func validate() throws {
        if costs != nil, data != nil { throw ValidationError("--costs and --data are two cost sources; give one") }
        if (data == nil) != (row == nil) { throw ValidationError("--data and --row go together") }
        if let row, row < 0 { throw ValidationError("--row must be ≥ 0 (got \(row))") }
    }

    /// Solves and prints.
    public func run() throws {
        if let model { try InputFile.requireExists(model, option: "--model") }
        if let data { try InputFile.requireExists(data, option: "--data") }
        let oracle: DecisionOracle
        var user: UserModel?
        if let model {
            let m = try UserModel(path: model)
            user = m
            oracle = DecisionOracle(solver: MILPSolver<UserModel>(), problem: m, threads: 1)
        } else {
            let p = problemOptions
            try MemoryBudget.require([p.size.dataDemand(instances: 2, features: p.generatedFeatures)])
            if case .knapsack = p.builtin {
                // The weights come from the generator: the same as `dfl train` with these settings.
                oracle = try p.builtin.makeData(
                    train: 1, test: 1, features: p.features, degree: p.deg, noise: p.noise, seed: seed.seed, threads: 1
                ).oracle
            } else {
                oracle = try p.builtin.oracle(threads: 1)
            }
        }
        let d = oracle.costDimension
        let c = try costVector(dimension: d, model: user)
        let solution = try oracle.solve(c)
        let names = user?.program.variableNames ?? []
        let nonzero = solution.decision.enumerated().filter { $0.element != 0 }.map { (index, value) in
            (index < names.count ? names[index] : "x\(index)", value)
        }
        if json {
            var object: [String: Any] = [
                "problem": oracle.name, "sense": oracle.sense.rawValue, "objective": jsonNumber(solution.objective),
                "decision": solution.decision.map(jsonNumber),
            ]
            if user != nil {
                object["nonzero"] = Dictionary(
                    nonzero.map { ($0.0, jsonNumber($0.1)) }, uniquingKeysWith: { a, _ in a })
            }
            let text = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            try StandardOutput.print(String(decoding: text, as: UTF8.self))
            return
        }
        var lines = [
            "problem: \(oracle.name) (\(oracle.sense.rawValue), \(d) variables)", "objective: \(solution.objective)",
        ]
        if user != nil {
            lines.append("nonzero variables: \(nonzero.count)")
            lines += nonzero.map { "  \($0.0) = \($0.1)" }
        } else {
            lines.append("decision: " + solution.decision.map { Self.compact($0) }.joined(separator: ","))
        }
        try StandardOutput.print(lines.joined(separator: "\n"))
    }

    /// The costs from `--costs`, `--data --row`, standard input, or the model's objective.
    func costVector(dimension d: Int, model: UserModel?) throws -> [Double] {
        let values: [Double]
        if let costs, costs != "-" {
            values = try Self.parseCosts(costs, source: "--costs")
        } else if let data, let row {
            // A model's cost columns may be named after its variables (c_<name>).
            let set =
                try model.map { try DatasetCSV.read(path: data, costNames: $0.costColumnNames) }
                ?? DatasetCSV.read(path: data, expectedCostDimension: d)
            guard row < set.count else {
                throw CommandFailure(.usage, "--row \(row): \(data) has \(set.count) rows (0…\(set.count - 1))")
            }
            values = Array(set.costs[(row * d)..<((row + 1) * d)])
        } else if costs == nil, let model {
            return Array(model.program.objective.prefix(d))
        } else {
            guard costs == "-" || isatty(0) == 0 else {
                throw CommandFailure(.usage, "no costs: give --costs c0,c1,…, --data FILE --row I, or pipe them in")
            }
            let input = FileHandle.standardInput.readDataToEndOfFile()
            values = try Self.parseCosts(String(decoding: input, as: UTF8.self), source: "standard input")
        }
        guard values.count == d else {
            throw CommandFailure(.dataError, "costs: \(values.count) values for \(d) decision variables")
        }
        return values
    }

    /// Numbers separated by commas or white space, each finite; ``CommandFailure`` naming `source` otherwise.
    static func parseCosts(_ text: String, source: String) throws -> [Double] {
        let cells = text.split(whereSeparator: { $0 == "," || $0.isWhitespace })
        guard !cells.isEmpty else { throw CommandFailure(.dataError, "\(source): no costs") }
        return try cells.enumerated().map { index, cell in
            guard let v = Double(cell), v.isFinite else {
                throw CommandFailure(.dataError, "\(source): cost \(index) '\(cell)' is not a finite number")
            }
            return v
        }
    }

    /// `1` for 1.0, the full value otherwise.
    static func compact(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }

    /// A JSON-safe number (JSON has no NaN or infinity: those become strings).
    func jsonNumber(_ v: Double) -> Any { v.isFinite ? v : "\(v)" }
}
