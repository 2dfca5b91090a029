import DFLLosses
import Testing

/// `dfl methods` and `dfl problems`: what exists, from the one registry.
@Suite struct CatalogueTests {
    @Test func methodsListsEveryRegistryNameWithItsSettings() throws {
        let run = try BuiltBinaryTests.dfl(["methods"])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        for name in LossRegistry.names {
            #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + " ") }, "\(name)")
        }
        let pfyl = try #require(lines.first { $0.hasPrefix("pfyl ") })
        #expect(pfyl.contains("--samples = 10") && pfyl.contains("--sigma = 1.0") && pfyl.contains("exact solver"))
        let dys = try #require(lines.first { $0.hasPrefix("sce-dys ") })
        #expect(dys.contains("smoothed layer") && dys.contains("--dys-iterations = 300"))
    }

    @Test func everyNameHasItsSettingsAndUnknownNamesHaveNone() {
        for name in LossRegistry.names { #expect(LossRegistry.settings(of: name) != nil, "\(name)") }
        #expect(LossRegistry.settings(of: "spo+") == [])
        #expect(LossRegistry.settings(of: "no-such-loss") == nil)
    }

    @Test func problemsListsTheBuiltInProblems() throws {
        let run = try BuiltBinaryTests.dfl(["problems"])
        #expect(run.status == 0)
        for name in ["shortest-path", "knapsack", "tsp", "top-k", "--model FILE"] {
            #expect(run.standardOutput.contains(name), "\(name)")
        }
    }
}
