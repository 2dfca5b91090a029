import DFLBenchmarks
import DFLData
import DFLOptimization
import DFLRandom
import DFLTraining
import Foundation
import Testing

@testable import DFLCLI

/// Seeded mutations of valid CSV, config and checkpoint files: every mutant is either refused with
/// a typed error or read as exactly what it says — never a crash, a hang or a silently changed run.
@Suite struct MutationTests {
    /// One random edit of `text`: a character replaced, inserted or deleted, a line repeated or dropped.
    static func mutate(_ text: String, _ rng: inout SeededGenerator) -> String {
        var characters = Array(text)
        let alphabet: [Character] = [
            ",", "-", "x", "e", "9", "0", ".", " ", "\n", "\"", ":", "#", "[", "{", "}", "\t", "é", "\u{0}",
        ]
        let position = rng.integer(in: 0..<max(characters.count, 1))
        switch rng.integer(in: 0..<5) {
        case 0 where !characters.isEmpty: characters[position] = alphabet[rng.integer(in: 0..<alphabet.count)]
        case 1: characters.insert(alphabet[rng.integer(in: 0..<alphabet.count)], at: position)
        case 2 where !characters.isEmpty: characters.remove(at: position)
        default:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let line = rng.integer(in: 0..<lines.count)
            if rng.integer(in: 0..<2) == 0 { lines.insert(lines[line], at: line) } else { lines.remove(at: line) }
            return lines.joined(separator: "\n")
        }
        return String(characters)
    }

    /// CSV: an accepted mutant holds exactly the numbers its cells spell.
    @Test func mutatedCSVIsRefusedOrReadFaithfully() throws {
        let valid = "x0,x1,c0,c1,c2\n0.5,-1,1,2,3\n1e-3,2.25,4,5.5,6\n-7,8,9,10,11\n"
        var rng = SeededGenerator(seed: 14)
        var accepted = 0
        for _ in 0..<300 {
            var text = valid
            for _ in 0...rng.integer(in: 0..<3) { text = Self.mutate(text, &rng) }
            let data: Dataset
            do { data = try DatasetCSV.parse(text, source: "mutant.csv") } catch is DataError { continue }
            accepted += 1
            let rows = text.split(whereSeparator: \.isNewline).filter {
                !$0.allSatisfy(\.isWhitespace)
            }
            let numbers = rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let expected = numbers.map { $0.map { Double($0.trimmingCharacters(in: .whitespaces)) } }
            guard expected.allSatisfy({ $0.allSatisfy { $0 != nil } }) else {
                Issue.record("accepted a cell that is not a number: \(text.debugDescription)")
                continue
            }
            let read = zip(data.featureRows, data.costRows).map { $0 + $1 }
            #expect(read == expected.map { $0.map { $0! } }, "\(text.debugDescription)")
        }
        #expect(accepted > 0 && accepted < 300)
    }

    /// Config files: a mutant is refused as bad settings (64) or bad YAML (65), or every key it
    /// names is a flag that the parsed command holds.
    @Test func mutatedConfigIsRefusedOrEveryKeyIsAFlag() throws {
        let valid =
            "problem: shortest-path\ngrid: 3x3\nbatch-size: 16\nlr: 0.02\nhidden: [8, 4]\nseed: 7\nquiet: true\n"
        let flags = FlagNames.train
        var rng = SeededGenerator(seed: 15)
        var accepted = 0
        for index in 0..<300 {
            var text = valid
            for _ in 0...rng.integer(in: 0..<2) { text = Self.mutate(text, &rng) }
            do {
                // The file's flags; every 15th mutant also through the whole parser (ranges, values).
                let arguments = try ConfigFile.flags(fromText: text, path: "mutant.yaml", options: flags)
                if index % 15 == 0 { _ = try DFLCommand.parse(["train"] + arguments) }
            } catch {
                let failure = CommandFailure(classifying: error)
                #expect([.usage, .dataError].contains(failure.status), "\(failure.line)")
                #expect(!failure.message.contains("\n"))
                continue
            }
            accepted += 1
            for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("#") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = ConfigFile.flagName(for: String(line[..<colon]).trimmingCharacters(in: .whitespaces))
                if key.isEmpty || key.contains(where: { "{[\"#".contains($0) }) { continue }
                #expect(
                    flags.values.contains(key) || flags.switches.contains(key), "\(key) in \(text.debugDescription)")
            }
        }
        #expect(accepted > 0)
    }

    /// Checkpoints: a mutated field of the fingerprint or the settings is always refused; any other
    /// mutant is refused with a typed error or resumes.
    @Test func mutatedCheckpointIsRefusedOrResumes() throws {
        let (oracle, train, test) = try BuiltinProblem.shortestPath(rows: 2, columns: 2).makeData(
            train: 8, test: 4, features: 2, degree: 2, noise: 0.5, seed: 3, threads: 1)
        let path = NSTemporaryDirectory() + "dflkit-mutant-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var c = TrainingConfiguration()
        c.epochs = 1
        c.batchSize = 4
        c.method = "spo+"
        c.solveRatio = 0.5
        c.checkpointPath = path
        _ = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle).fit(
            train: train, test: test)
        let valid = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        c.epochs = 2
        let defaults = [
            "configuration": try JSONSerialization.jsonObject(with: JSONEncoder().encode(TrainingConfiguration()))
        ]
        var rng = SeededGenerator(seed: 16)
        let replacements: [Any] = [-5, 0, 1e308, -1.5, 3.5, "abc", NSNull(), [Any](), Int.max]
        var refused = 0
        for _ in 0..<150 {
            let leaves = Self.leafPaths(valid)
            let target = leaves[rng.integer(in: 0..<leaves.count)]
            let replacement: Any? =
                rng.integer(in: 0..<4) == 0 ? nil : replacements[rng.integer(in: 0..<replacements.count)]
            let mutant = Self.replacing(target, in: valid, with: replacement)
            try JSONSerialization.data(withJSONObject: mutant).write(to: URL(fileURLWithPath: path))
            // A removed or null setting reads as its default: a change only where the run's value is not the default.
            let removed = replacement == nil || replacement is NSNull
            let meant = removed && target.first == "configuration" ? Self.value(at: target, in: defaults) : replacement
            let changedIdentity =
                (target.first == "fingerprint" || target.first == "configuration")
                && !["epochs", "checkpointPath"].contains(target.last ?? "")
                && !Self.same(Self.value(at: target, in: valid), meant)
            do {
                _ = try Trainer(configuration: c, featureCount: train.featureCount, oracle: oracle)
                    .fit(train: train, test: test)
                #expect(!changedIdentity, "accepted a changed \(target.joined(separator: "."))")
            } catch {
                refused += 1
                // A model whose parameters were set huge reaches the solver with infinite costs: refused there.
                #expect(error is TrainingError || error is SolverError, "\(target): \(error)")
            }
        }
        #expect(refused > 0)
    }

    /// Paths (keys and indices as text) of every leaf of a JSON value.
    static func leafPaths(_ value: Any, _ prefix: [String] = []) -> [[String]] {
        if let object = value as? [String: Any] {
            return object.keys.sorted().flatMap { leafPaths(object[$0]!, prefix + [$0]) }
        }
        if let array = value as? [Any], !array.isEmpty {
            return array.indices.flatMap { leafPaths(array[$0], prefix + ["\($0)"]) }
        }
        return [prefix]
    }

    /// The value at `path`.
    static func value(at path: [String], in value: Any) -> Any? {
        guard let head = path.first else { return value }
        if let object = value as? [String: Any] {
            return object[head].flatMap { Self.value(at: Array(path.dropFirst()), in: $0) }
        }
        if let array = value as? [Any], let i = Int(head), array.indices.contains(i) {
            return Self.value(at: Array(path.dropFirst()), in: array[i])
        }
        return nil
    }

    /// `value` with the leaf at `path` replaced (nil: removed).
    static func replacing(_ path: [String], in value: Any, with replacement: Any?) -> Any {
        guard let head = path.first else { return replacement ?? NSNull() }
        if var object = value as? [String: Any] {
            if path.count == 1, replacement == nil {
                object[head] = nil
            } else if let inner = object[head] {
                object[head] = replacing(Array(path.dropFirst()), in: inner, with: replacement)
            }
            return object
        }
        if var array = value as? [Any], let i = Int(head), array.indices.contains(i) {
            if path.count == 1, replacement == nil {
                array.remove(at: i)
            } else {
                array[i] = replacing(Array(path.dropFirst()), in: array[i], with: replacement)
            }
            return array
        }
        return value
    }

    /// Whether two JSON leaves are the same value.
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x as NSNumber, let y as NSNumber): return x == y
        case (let x as String, let y as String): return x == y
        case (is NSNull, is NSNull): return true
        case (let x as [Any], let y as [Any]): return x.isEmpty && y.isEmpty
        default: return false
        }
    }
}
