import ArgumentParser
import Foundation
import Yams

/// `--config FILE`: a YAML or JSON mapping whose keys are the command's flag names
/// (`batch-size: 64`, `problem: knapsack`, `hidden: [64, 32]`, `quiet: true`).
///
/// The file is turned into flags placed before the command line's own, so it is parsed and
/// validated exactly as flags are, and an explicit flag wins over the file, the file over the
/// defaults (seed and threads included). Unknown keys are errors, with the nearest flag name as a
/// suggestion. For older files, the training settings' field names (`batchSize`, `learningRate`,
/// `hiddenSizes`, …) and a nested `hyperparameters:` mapping are read as the flags they stand for.
public enum ConfigFile {
    /// Field names of `TrainingConfiguration` / `LossHyperparameters` whose flag is not their kebab-case form.
    static let fieldAliases = [
        "learning-rate": "lr", "hidden-sizes": "hidden", "evaluate-every": "eval-every",
        "early-stopping-patience": "patience", "checkpoint-path": "checkpoint", "smoothing-strength": "smoothing",
    ]

    /// `arguments` (without the program name) with the settings of the `--config` file, if any,
    /// inserted as flags after the subcommand path. Unchanged when no `--config` is given or the
    /// command has no `--config` option.
    /// - Throws: ``CommandFailure`` `.noInput` (missing file), `.dataError` (not a YAML/JSON mapping),
    ///   `.usage` (an unknown key, a key given twice, a value of the wrong form).
    public static func expand(_ arguments: [String]) throws -> [String] {
        let (command, pathLength) = DFLCommand.leafCommand(arguments)
        guard let path = configPath(in: Array(arguments.dropFirst(pathLength))) else { return arguments }
        guard let options = FlagNames.ofCommandWithConfig(command) else { return arguments }
        try InputFile.requireExists(path, option: "--config")
        let flags = try self.flags(fromText: try InputFile.read(path, option: "--config"), path: path, options: options)
        return Array(arguments.prefix(pathLength)) + flags + Array(arguments.dropFirst(pathLength))
    }

    /// The value of the last `--config` / `--config=` in `arguments` (before a `--` terminator).
    static func configPath(in arguments: [String]) -> String? {
        var found: String?
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let a = arguments[index]
            if a == "--config", index + 1 < arguments.count {
                found = arguments[index + 1]
                index += 1
            } else if a.hasPrefix("--config=") {
                found = String(a.dropFirst("--config=".count))
            }
            index += 1
        }
        return found
    }

    /// The flags the text of a config file stands for, in the file's order.
    static func flags(fromText text: String, path: String, options: FlagNames) throws -> [String] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw CommandFailure(.dataError, "--config \(path): not YAML or JSON (\(error))")
        }
        guard let root else { return [] }
        guard let mapping = root.mapping else {
            throw CommandFailure(.dataError, "--config \(path): expected a mapping of settings (key: value)")
        }
        var flags: [String] = []
        var seen: [String: String] = [:]
        func add(_ key: Node, _ value: Node) throws {
            let line = key.mark.map { "line \($0.line): " } ?? ""
            guard let written = key.scalar?.string else {
                throw CommandFailure(.dataError, "--config \(path): \(line)a key must be a name")
            }
            if written == "hyperparameters", let nested = value.mapping {
                for (k, v) in nested { try add(k, v) }
                return
            }
            let name = flagName(for: written)
            if name == "config" {
                throw CommandFailure(.usage, "--config \(path): \(line)a config file cannot name another one")
            }
            guard options.values.contains(name) || options.switches.contains(name) else {
                throw CommandFailure(
                    .usage,
                    "--config \(path): \(line)unknown key '\(written)'"
                        + (options.nearest(to: name).map { " (did you mean '\($0)'?)" } ?? ""))
            }
            if let earlier = seen[name] {
                throw CommandFailure(.usage, "--config \(path): \(line)'\(written)' repeats '\(earlier)' (--\(name))")
            }
            seen[name] = written
            let text = try valueText(value, key: written, path: path, line: line)
            if options.switches.contains(name) {
                switch text.lowercased() {
                case "true", "yes", "on": flags.append("--\(name)")
                case "false", "no", "off": break
                default:
                    throw CommandFailure(
                        .usage, "--config \(path): \(line)'\(written)' must be true or false (got \(text))")
                }
            } else {
                flags.append("--\(name)=\(text)")
            }
        }
        for (key, value) in mapping { try add(key, value) }
        return flags
    }

    /// A scalar as written, or a sequence of scalars joined by commas (`[64, 32]` → `64,32`).
    static func valueText(_ value: Node, key: String, path: String, line: String) throws -> String {
        if let scalar = value.scalar {
            if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                throw CommandFailure(.usage, "--config \(path): \(line)'\(key)' has no value")
            }
            return scalar.string
        }
        if let sequence = value.sequence {
            let cells = sequence.map { $0.scalar?.string }
            guard cells.allSatisfy({ $0 != nil }) else {
                throw CommandFailure(.usage, "--config \(path): \(line)'\(key)' must be a list of plain values")
            }
            return cells.compactMap { $0 }.joined(separator: ",")
        }
        throw CommandFailure(.usage, "--config \(path): \(line)'\(key)' must be a value or a list, not a mapping")
    }

    /// The flag a key stands for: flag names as they are; `snake_case` and `camelCase` field
    /// names in kebab case, then through ``fieldAliases``.
    static func flagName(for key: String) -> String {
        var kebab = ""
        for character in key {
            if character == "_" {
                kebab.append("-")
            } else if character.isUppercase {
                if !kebab.isEmpty, kebab.last != "-" { kebab.append("-") }
                kebab += character.lowercased()
            } else {
                kebab.append(character)
            }
        }
        return fieldAliases[kebab] ?? kebab
    }
}

/// The long option names of a command, read from its help (so they are the flags and nothing else).
struct FlagNames {
    /// Options that take a value (`--batch-size <batch-size>`).
    var values: Set<String> = []
    /// Options without a value (`--quiet`).
    var switches: Set<String> = []

    /// The flags of `dfl train` and `dfl solve`, read once.
    static let train = FlagNames(of: Train.self), solve = FlagNames(of: Solve.self)

    /// The flags of `command` when it has a `--config` option (nil otherwise).
    static func ofCommandWithConfig(_ command: any ParsableCommand.Type) -> FlagNames? {
        if command == Train.self { return train }
        if command == Solve.self { return solve }
        return nil
    }

    /// The names of `command`'s options (`--help` and `--version` left out).
    init(of command: any ParsableCommand.Type) {
        let help = command.helpMessage(columns: 100_000)
        var rest = Substring(help)
        while let range = rest.range(of: "--") {
            rest = rest[range.upperBound...]
            let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" })
            guard let first = name.first, first.isLetter else { continue }
            let after = rest.dropFirst(name.count)
            if after.hasPrefix(" <") || after.hasPrefix("=") {
                values.insert(String(name))
            } else if !values.contains(String(name)) {
                switches.insert(String(name))
            }
        }
        switches.subtract(values)
        switches.subtract(["help", "version"])
    }

    /// The known name nearest to `name` when it is close (edit distance ≤ 2, or one contains the other).
    func nearest(to name: String) -> String? {
        let all = (values.union(switches)).sorted()
        let scored = all.map { ($0, Self.distance($0, name)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        if best.1 <= max(2, name.count / 4) { return best.0 }
        return all.first { name.count >= 3 && ($0.hasPrefix(name) || name.hasPrefix($0)) }
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
