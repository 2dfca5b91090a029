import DFLRunStore
import Foundation
import Yams

/// A sweep plan: a grid of `dfl train` settings, expanded to runs.
///
/// ```yaml
/// base:                 # settings every run shares (dfl train's flag names)
///   problem: shortest-path
///   grid: 5x5
///   epochs: 5
/// grid:                 # every combination of these values
///   method: [two-stage, spo+, pfyl]
///   lr: [0.01, 0.001]
/// seeds: [1, 2]         # each combination once per seed
/// ```
///
/// Keys are `dfl train`'s long flag names without the dashes; a value `true` becomes a bare flag and
/// `false` omits it. Each run is identified by the SHA-256 of its fully resolved settings, so a
/// resumed or sharded sweep never runs or records a run twice.
public struct SweepPlan: Sendable, Equatable {
    /// One run of the plan.
    public struct Run: Sendable, Equatable {
        /// The run's settings, key → value, without dashes.
        public var settings: [String: String]
        /// SHA-256 of the canonical settings JSON.
        public var id: String
        /// The `dfl train` arguments for these settings (sorted by key).
        public var arguments: [String] {
            settings.keys.sorted().flatMap { key -> [String] in
                switch settings[key] {
                case "true": return ["--\(key)"]
                case "false", nil: return []
                case let value?: return ["--\(key)", value]
                }
            }
        }
    }

    /// Settings shared by every run.
    public var base: [String: String]
    /// The varied settings, each with its values.
    public var grid: [String: [String]]
    /// The seeds.
    public var seeds: [Int]

    /// Settings a plan may not set: the sweep chooses them per run.
    static let reservedKeys: Set<String> = ["output", "checkpoint", "quiet", "plot", "config"]

    /// Creates a plan.
    public init(base: [String: String] = [:], grid: [String: [String]] = [:], seeds: [Int] = [1]) {
        self.base = base
        self.grid = grid
        self.seeds = seeds
    }

    /// Reads a YAML plan.
    /// - Throws: ``CommandFailure`` `.noInput` for a missing file, `.dataError` naming the file and
    ///   what is wrong (not a mapping, an unknown top-level key, a reserved or repeated key, an
    ///   empty grid list, a seed that is not an integer).
    public static func read(path: String) throws -> SweepPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.noInput, "cannot read the sweep plan \(path)")
        }
        func fail(_ what: String) -> CommandFailure { CommandFailure(.dataError, "\(path): \(what)") }
        let node: Any?
        do { node = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) } catch {
            throw fail("not YAML: \(String(describing: error).prefix(200))")
        }
        guard let top = node as? [String: Any] else { throw fail("a plan is a mapping with base, grid and seeds") }
        if let unknown = Set(top.keys).subtracting(["base", "grid", "seeds"]).sorted().first {
            throw fail("unknown key '\(unknown)' (a plan has base, grid and seeds)")
        }
        func scalar(_ value: Any, _ key: String) throws -> String {
            switch value {
            case let s as String: return s
            case let b as Bool: return b ? "true" : "false"
            case let i as Int: return "\(i)"
            case let d as Double: return "\(d)"
            default: throw fail("\(key): expected a single value, got \(type(of: value))")
            }
        }
        var plan = SweepPlan()
        if let base = top["base"] {
            guard let map = base as? [String: Any] else { throw fail("base must be a mapping of settings") }
            for (key, value) in map { plan.base[key] = try scalar(value, key) }
        }
        if let grid = top["grid"] {
            guard let map = grid as? [String: Any] else { throw fail("grid must be a mapping of setting → list") }
            for (key, values) in map {
                let list = (values as? [Any]) ?? [values]
                guard !list.isEmpty else { throw fail("grid.\(key) is an empty list") }
                plan.grid[key] = try list.map { try scalar($0, "grid.\(key)") }
            }
        }
        if let seeds = top["seeds"] {
            guard let list = seeds as? [Any], !list.isEmpty, list.allSatisfy({ $0 is Int }) else {
                throw fail("seeds must be a non-empty list of integers")
            }
            plan.seeds = list.compactMap { $0 as? Int }
        }
        for key in Set(plan.base.keys).union(plan.grid.keys) {
            if reservedKeys.contains(key) || key == "seed" {
                throw fail("'\(key)' is set by the sweep for each run; remove it from the plan")
            }
        }
        if let both = Set(plan.base.keys).intersection(plan.grid.keys).sorted().first {
            throw fail("'\(both)' is in both base and grid")
        }
        return plan
    }

    /// Every run: the grid's combinations (keys in sorted order, values in listed order), each
    /// once per seed.
    public func runs() -> [Run] {
        var combinations: [[String: String]] = [base]
        for key in grid.keys.sorted() {
            combinations = combinations.flatMap { partial in
                (grid[key] ?? []).map { value in partial.merging([key: value]) { $1 } }
            }
        }
        return combinations.flatMap { settings in
            seeds.map { seed in
                let resolved = settings.merging(["seed": "\(seed)"]) { $1 }
                let canonical = resolved.keys.sorted().map { "\($0)=\(resolved[$0] ?? "")" }.joined(separator: "\n")
                return Run(settings: resolved, id: SHA256.hex("dfl train\n" + canonical))
            }
        }
    }
}
