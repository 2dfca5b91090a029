import DFLReproduction
import DFLRunStore
import Foundation
import Yams

/// A sweep plan: a grid of `dfl train` settings (or of a reproduction's cells), expanded to runs.
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
/// `false` omits it. Each run is identified by the SHA-256 of its kind and fully resolved settings,
/// so a resumed or sharded sweep never runs or records a run twice.
///
/// Optional keys: `kind` (default `train`; `reproduce-smoothing`, `reproduce-energy` and
/// `reproduce-recursive` run one cell of a `dfl reproduce` each), `order` (the nesting of the
/// expansion, outermost first; `seed` may be named; default: grid keys sorted, then the seed) and
/// `sections` (a list of `base`/`grid`/`seeds` blocks, each expanded on top of the plan's own and
/// concatenated, for grids that are not one product).
public struct SweepPlan: Sendable, Equatable {
    /// One run of the plan.
    public struct Run: Sendable, Equatable {
        /// What the run executes: `train` or a reproduction's cell kind.
        public var kind: String = "train"
        /// The run's settings, key → value, without dashes.
        public var settings: [String: String]
        /// SHA-256 of the kind and the canonical settings.
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

    /// A block of a plan with `sections`: settings, grid and seeds added to the plan's own.
    public struct Section: Sendable, Equatable {
        /// Settings added to the plan's `base`.
        public var base: [String: String] = [:]
        /// Grid keys added to the plan's `grid`.
        public var grid: [String: [String]] = [:]
        /// The section's seeds (the plan's when `nil`).
        public var seeds: [Int]?

        /// Creates a section.
        public init(base: [String: String] = [:], grid: [String: [String]] = [:], seeds: [Int]? = nil) {
            self.base = base
            self.grid = grid
            self.seeds = seeds
        }
    }

    /// What every run executes (`train`, or a reproduction's cell kind).
    public var kind = "train"
    /// Settings shared by every run.
    public var base: [String: String]
    /// The varied settings, each with its values.
    public var grid: [String: [String]]
    /// The seeds.
    public var seeds: [Int]
    /// Nesting of the expansion, outermost first (grid keys and `seed`); unnamed keys follow.
    public var order: [String] = []
    /// Blocks expanded one after the other on top of `base`/`grid`/`seeds` (none: the plan itself).
    public var sections: [Section] = []

    /// The kinds a plan may name: `train` and the reproduction cells.
    public static var kinds: [String] { ["train"] + ReproductionCell.Kind.allCases.map(\.rawValue) }

    /// Settings a plan may not set: the sweep chooses them per run.
    static let reservedKeys: Set<String> = ["output", "checkpoint", "quiet", "plot", "config"]

    /// Creates a plan.
    public init(
        kind: String = "train", base: [String: String] = [:], grid: [String: [String]] = [:], seeds: [Int] = [1],
        order: [String] = [], sections: [Section] = []
    ) {
        self.kind = kind
        self.base = base
        self.grid = grid
        self.seeds = seeds
        self.order = order
        self.sections = sections
    }

    /// Reads a YAML plan.
    /// - Throws: ``CommandFailure`` `.noInput` for a missing file, `.dataError` naming the file and
    ///   what is wrong (see ``parse(yaml:source:)``).
    public static func read(path: String) throws -> SweepPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.noInput, "cannot read the sweep plan \(path)")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), source: path)
    }

    /// Parses a YAML plan; `source` names it in errors.
    /// - Throws: ``CommandFailure`` `.dataError` naming `source` and what is wrong (not a mapping,
    ///   an unknown top-level key or kind, a reserved or repeated key, an empty grid list, a seed
    ///   that is not an integer).
    public static func parse(yaml: String, source: String) throws -> SweepPlan {
        func fail(_ what: String) -> CommandFailure { CommandFailure(.dataError, "\(source): \(what)") }
        let node: Any?
        do { node = try Yams.load(yaml: yaml) } catch {
            throw fail("not YAML: \(String(describing: error).prefix(200))")
        }
        guard let top = node as? [String: Any] else { throw fail("a plan is a mapping with base, grid and seeds") }
        let known = ["base", "grid", "seeds", "kind", "order", "sections"]
        if let unknown = Set(top.keys).subtracting(known).sorted().first {
            throw fail("unknown key '\(unknown)' (a plan has base, grid, seeds, kind, order and sections)")
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
        func section(_ map: [String: Any], _ prefix: String) throws -> Section {
            var s = Section()
            if let base = map["base"] {
                guard let map = base as? [String: Any] else {
                    throw fail("\(prefix)base must be a mapping of settings")
                }
                for (key, value) in map { s.base[key] = try scalar(value, key) }
            }
            if let grid = map["grid"] {
                guard let map = grid as? [String: Any] else {
                    throw fail("\(prefix)grid must be a mapping of setting → list")
                }
                for (key, values) in map {
                    let list = (values as? [Any]) ?? [values]
                    guard !list.isEmpty else { throw fail("\(prefix)grid.\(key) is an empty list") }
                    s.grid[key] = try list.map { try scalar($0, "\(prefix)grid.\(key)") }
                }
            }
            if let seeds = map["seeds"] {
                guard let list = seeds as? [Any], !list.isEmpty, list.allSatisfy({ $0 is Int }) else {
                    throw fail("\(prefix)seeds must be a non-empty list of integers")
                }
                s.seeds = list.compactMap { $0 as? Int }
            }
            return s
        }
        let own = try section(top, "")
        var plan = SweepPlan(base: own.base, grid: own.grid, seeds: own.seeds ?? [1])
        if let kind = top["kind"] {
            plan.kind = try scalar(kind, "kind")
            guard kinds.contains(plan.kind) else {
                throw fail("unknown kind '\(plan.kind)' (one of \(kinds.joined(separator: ", ")))")
            }
        }
        if let order = top["order"] {
            guard let list = order as? [Any] else { throw fail("order must be a list of grid keys") }
            plan.order = try list.map { try scalar($0, "order") }
        }
        if let sections = top["sections"] {
            guard let list = sections as? [Any], !list.isEmpty else {
                throw fail("sections must be a non-empty list of base/grid/seeds blocks")
            }
            for (index, item) in list.enumerated() {
                guard let map = item as? [String: Any] else { throw fail("sections[\(index)] must be a mapping") }
                if let unknown = Set(map.keys).subtracting(["base", "grid", "seeds"]).sorted().first {
                    throw fail("sections[\(index)]: unknown key '\(unknown)' (a section has base, grid and seeds)")
                }
                plan.sections.append(try section(map, "sections[\(index)]."))
            }
        }
        for s in [Section()] + plan.sections {
            let base = plan.base.merging(s.base) { $1 }, grid = plan.grid.merging(s.grid) { $1 }
            for key in Set(base.keys).union(grid.keys) {
                if reservedKeys.contains(key) || key == "seed" {
                    throw fail("'\(key)' is set by the sweep for each run; remove it from the plan")
                }
            }
            if let both = Set(base.keys).intersection(grid.keys).sorted().first {
                throw fail("'\(both)' is in both base and grid")
            }
        }
        return plan
    }

    /// Every run: each section's grid combinations nested in ``order`` (by default the keys in
    /// sorted order, then the seed; values in listed order), the sections one after the other.
    public func runs() -> [Run] {
        (sections.isEmpty ? [Section()] : sections).flatMap { section in
            expand(
                base: base.merging(section.base) { $1 }, grid: grid.merging(section.grid) { $1 },
                seeds: section.seeds ?? seeds)
        }
    }

    private func expand(base: [String: String], grid: [String: [String]], seeds: [Int]) -> [Run] {
        var keys = order.filter { $0 == "seed" || grid[$0] != nil }
        keys += grid.keys.sorted().filter { !keys.contains($0) }
        if !keys.contains("seed") { keys.append("seed") }
        var combinations: [[String: String]] = [base]
        for key in keys {
            let values = key == "seed" ? seeds.map(String.init) : grid[key] ?? []
            combinations = combinations.flatMap { partial in
                values.map { value in partial.merging([key: value]) { $1 } }
            }
        }
        return combinations.map { Self.run(kind: kind, settings: $0) }
    }

    /// The run of `kind` with `settings` (seed included), its id the SHA-256 of both.
    public static func run(kind: String, settings: [String: String]) -> Run {
        let canonical = settings.keys.sorted().map { "\($0)=\(settings[$0] ?? "")" }.joined(separator: "\n")
        return Run(kind: kind, settings: settings, id: SHA256.hex("dfl \(kind)\n" + canonical))
    }
}
