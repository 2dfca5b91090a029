import Foundation
import Testing

/// Checks the module graph of docs/ARCHITECTURE.md against `Package.swift` and against every
/// `import` line under `Sources/`, by reading text only (nothing is built or run).
@Suite struct ModuleGraphTests {
    /// Modules of the platform, importable anywhere.
    static let platformModules: Set<String> = [
        "Foundation", "Dispatch", "Glibc", "Musl", "Darwin", "WinSDK", "Synchronization",
    ]

    /// Declared dependencies known to be unused, waiting for their `Package.swift` line to be fixed
    /// by the module's owner. The test fails once an entry is fixed, so that it is removed here.
    static let pendingRemovals: [String: Set<String>] = [:]

    let graph: ArchitectureGraph
    let manifest: Manifest
    let imports: [String: Set<String>]

    /// The three texts, read once for all the tests of the suite.
    static let texts = Result { () throws -> (ArchitectureGraph, Manifest, [String: Set<String>]) in
        let root = repositoryRoot
        return (
            try ArchitectureGraph(
                markdown: String(contentsOf: root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)),
            try Manifest(text: String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)),
            try importedModules(under: root.appendingPathComponent("Sources"))
        )
    }

    init() throws {
        (graph, manifest, imports) = try Self.texts.get()
    }

    /// The repository root: this file is `<root>/Tests/DFLKitTests/ModuleGraphTests.swift`.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test func everyModuleUnderSourcesHasOneRowAndEveryRowAModule() {
        let table = Set(graph.rows.map(\.module))
        #expect(graph.rows.count == table.count, "a module has two rows in docs/ARCHITECTURE.md")
        let sources = Set(imports.keys)
        #expect(
            sources.subtracting(table).isEmpty,
            "modules under Sources/ without a row: \(sources.subtracting(table).sorted())")
        #expect(
            table.subtracting(sources).isEmpty,
            "rows without a module under Sources/: \(table.subtracting(sources).sorted())")
    }

    @Test func everyRowIsDeclaredInThePackageManifest() {
        for row in graph.rows {
            #expect(manifest.targets[row.module] != nil, "\(row.module) has a row but no target in Package.swift")
        }
    }

    @Test func theGraphHasNoCyclesAndDependsOnlyOnModulesAboveOrExternalProducts() {
        var above: Set<String> = []
        for row in graph.rows {
            for dependency in row.allowed where !manifest.externalProducts.contains(dependency) {
                #expect(above.contains(dependency), "\(row.module) may depend on \(dependency), which is not above it")
            }
            above.insert(row.module)
        }
    }

    @Test func everyDeclaredDependencyIsAllowed() {
        for row in graph.rows {
            let declared = manifest.targets[row.module] ?? []
            let pending = Self.pendingRemovals[row.module] ?? []
            let extra = declared.subtracting(row.allowed).subtracting(pending)
            #expect(
                extra.isEmpty,
                "Package.swift declares \(row.module) → \(extra.sorted()), which docs/ARCHITECTURE.md does not allow")
        }
    }

    @Test func everyImportIsDeclaredAndAllowed() {
        for row in graph.rows {
            let used = (imports[row.module] ?? []).subtracting(Self.platformModules)
            let declared = manifest.targets[row.module] ?? []
            #expect(
                used.subtracting(declared).isEmpty,
                "\(row.module) imports \(used.subtracting(declared).sorted()) without declaring it in Package.swift")
            #expect(
                used.subtracting(row.allowed).isEmpty,
                "\(row.module) imports \(used.subtracting(row.allowed).sorted()), which docs/ARCHITECTURE.md does not allow"
            )
        }
    }

    @Test func everyDeclaredDependencyIsImported() {
        for row in graph.rows where row.kind != "system" {
            let used = imports[row.module] ?? []
            let declared = manifest.targets[row.module] ?? []
            let pending = Self.pendingRemovals[row.module] ?? []
            let unused = declared.subtracting(used).subtracting(pending)
            #expect(unused.isEmpty, "\(row.module) declares \(unused.sorted()) in Package.swift but never imports it")
        }
    }

    @Test func pendingRemovalsAreStillPending() {
        for (module, dependencies) in Self.pendingRemovals {
            let declared = manifest.targets[module] ?? []
            let used = imports[module] ?? []
            for dependency in dependencies {
                #expect(
                    declared.contains(dependency) && !used.contains(dependency),
                    "\(module) → \(dependency) is fixed: remove it from ModuleGraphTests.pendingRemovals")
            }
        }
    }

    @Test func theUmbrellaReExportsExactlyTheLibraryModules() throws {
        let umbrella = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("Sources/DFLKit/DFLKit.swift"), encoding: .utf8)
        let exported = Set(
            umbrella.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard words.count == 3, words[0] == "@_exported", words[1] == "import" else { return nil }
                return String(words[2])
            })
        let library = Set(graph.rows.filter { $0.kind == "library" }.map(\.module))
        #expect(exported == library)
        #expect(imports["DFLKit"] == library, "DFLKit.swift imports something besides its re-exports")
    }

    @Test func examplesUseOnlyTheUmbrella() throws {
        let examples = Self.repositoryRoot.appendingPathComponent("Examples")
        let used = try Self.importedModules(under: examples)
        #expect(!used.isEmpty, "no examples found under \(examples.path)")
        for (example, modules) in used {
            #expect(
                modules.subtracting(Self.platformModules) == ["DFLKit"],
                "Examples/\(example) imports \(modules.sorted())")
        }
        for (name, dependencies) in manifest.examples {
            #expect(dependencies == ["DFLKit"], "the example \(name) depends on \(dependencies.sorted())")
        }
    }

    // MARK: - Reading the text

    /// The modules imported by the Swift files of each directory directly under `directory`.
    static func importedModules(under directory: URL) throws -> [String: Set<String>] {
        let fm = FileManager.default
        var result: [String: Set<String>] = [:]
        for module in try fm.contentsOfDirectory(atPath: directory.path).sorted() {
            let moduleURL = directory.appendingPathComponent(module)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: moduleURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            var modules: Set<String> = []
            let files = fm.enumerator(atPath: moduleURL.path)?.compactMap { $0 as? String } ?? []
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: moduleURL.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    if let name = importedModule(in: String(line)) { modules.insert(name) }
                }
            }
            result[module] = modules
        }
        return result
    }

    /// The module an `import` line names (`@_exported import A`, `public import A`,
    /// `import struct A.B`, ...), or nil for any other line.
    static func importedModule(in line: String) -> String? {
        let modifiers: Set<String> = [
            "@_exported", "@testable", "@_implementationOnly", "@preconcurrency", "public", "package", "internal",
            "fileprivate", "private",
        ]
        let kinds: Set<String> = ["struct", "class", "enum", "protocol", "typealias", "func", "let", "var"]
        var words = line.split(separator: " ").map(String.init)[...]
        while let first = words.first, modifiers.contains(first) { words = words.dropFirst() }
        guard words.first == "import", words.count >= 2 else { return nil }
        words = words.dropFirst()
        if let first = words.first, kinds.contains(first) { words = words.dropFirst() }
        return words.first.map { String($0.split(separator: ".")[0]) }
    }
}

/// The table of docs/ARCHITECTURE.md: one row per module, `| `Module` | kind | holds | allowed |`.
struct ArchitectureGraph {
    struct Row {
        var module: String
        var kind: String
        var allowed: Set<String>
    }

    var rows: [Row] = []

    init(markdown: String) throws {
        for line in markdown.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count == 6 else { throw ParseError(what: "docs/ARCHITECTURE.md row", text: String(line)) }
            rows.append(
                Row(
                    module: cells[1].replacingOccurrences(of: "`", with: ""), kind: cells[2],
                    allowed: Set(Self.codeSpans(cells[4]))))
        }
        if rows.isEmpty { throw ParseError(what: "docs/ARCHITECTURE.md", text: "no module table") }
    }

    /// The `backticked` words of a cell.
    static func codeSpans(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }
}

/// The targets of Package.swift, read as text: `module("Name", [deps])`, `.executableTarget(name:
/// "Name", dependencies: [deps], ...)` and `.systemLibrary(name: "Name", ...)`.
struct Manifest {
    /// Declared dependencies of each source target (test bundles excluded).
    var targets: [String: Set<String>] = [:]
    /// The dependencies of the executables under Examples/.
    var examples: [String: Set<String>] = [:]
    /// Products of other packages (`let argumentParser = Target.Dependency.product(name: ...)`).
    var externalProducts: Set<String> = []

    init(text: String) throws {
        var aliases: [String: String] = [:]
        for line in text.split(separator: "\n") where line.contains("Target.Dependency.product(") {
            let words = line.split(separator: " ")
            guard words.count > 2, words[0] == "let", let name = Self.stringArgument("name", in: String(line)) else {
                continue
            }
            aliases[String(words[1])] = name
        }
        externalProducts = Set(aliases.values)
        for call in Self.calls(of: "module(", in: text) {
            guard let name = Self.stringLiterals(in: call).first else { continue }
            let dependencies = try Self.dependencies(in: call, aliases: aliases)
            targets[name] = dependencies
            externalProducts.formUnion(Self.products(in: call))
        }
        for call in Self.calls(of: ".executableTarget(", in: text) {
            guard let name = Self.stringArgument("name", in: call) else { continue }
            let dependencies = try Self.dependencies(in: call, aliases: aliases)
            if Self.stringArgument("path", in: call)?.hasPrefix("Examples/") == true {
                examples[name] = dependencies
            } else {
                targets[name] = dependencies
            }
        }
        for call in Self.calls(of: ".systemLibrary(", in: text) {
            if let name = Self.stringArgument("name", in: call) { targets[name] = [] }
        }
        if targets.isEmpty { throw ParseError(what: "Package.swift", text: "no targets") }
    }

    /// The text of every call `marker…)` with balanced parentheses (without the marker).
    static func calls(of marker: String, in text: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let range = rest.range(of: marker) {
            // `func module(` is the helper's definition, not a call.
            let before = rest[..<range.lowerBound].suffix(5)
            var depth = 1
            var end = range.upperBound
            while end < rest.endIndex, depth > 0 {
                if rest[end] == "(" { depth += 1 } else if rest[end] == ")" { depth -= 1 }
                end = rest.index(after: end)
            }
            if before != "func " { result.append(String(rest[range.upperBound..<end])) }
            rest = rest[end...]
        }
        return result
    }

    /// Every `"string literal"` of a text, in order.
    static func stringLiterals(in text: String) -> [String] {
        text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// The string after `label: "` in a text.
    static func stringArgument(_ label: String, in text: String) -> String? {
        guard let range = text.range(of: "\(label): \"") else { return nil }
        return text[range.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
    }

    /// Names of `.product(name: "…", package: …)` dependencies in a call.
    static func products(in call: String) -> [String] {
        call.components(separatedBy: ".product(").dropFirst().compactMap { stringArgument("name", in: $0) }
    }

    /// The first `[...]` list of a call: target names, aliases of products, `.product(name:)` entries.
    static func dependencies(in call: String, aliases: [String: String]) throws -> Set<String> {
        guard let open = call.firstIndex(of: "[") else { return [] }
        var depth = 0
        var items: [String] = []
        var current = ""
        for character in call[call.index(after: open)...] {
            if character == "]" && depth == 0 { break }
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == "," && depth == 0 {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        var result: Set<String> = []
        for item in items.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !item.isEmpty {
            if item.hasPrefix("\"") {
                result.insert(item.replacingOccurrences(of: "\"", with: ""))
            } else if item.hasPrefix(".product(") || item.hasPrefix(".target(") {
                guard let name = stringArgument("name", in: item) else {
                    throw ParseError(what: "dependency", text: item)
                }
                result.insert(name)
            } else if let name = aliases[item] {
                result.insert(name)
            } else {
                throw ParseError(what: "dependency", text: item)
            }
        }
        return result
    }
}

/// Text that is not in the expected shape.
struct ParseError: Error, CustomStringConvertible {
    /// What was being read.
    var what: String
    /// The offending text.
    var text: String
    var description: String { "cannot read \(what): \(text)" }
}
