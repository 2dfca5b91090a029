import DFLReproduction
import DFLTraining
import Testing

@Suite struct RecursiveSeedTests {
    @Test func startingSeedsRenumbersEveryList() {
        let s = RecursiveExperiment.Settings()
        let unchanged = s.startingSeeds(at: 1)
        #expect(unchanged.seeds == s.seeds && unchanged.speed.budget.seeds == s.speed.budget.seeds)
        #expect(unchanged.matching.map(\.budget.seeds) == s.matching.map(\.budget.seeds))
        let moved = s.startingSeeds(at: 7)
        #expect(moved.seeds == [7, 8, 9, 10, 11])
        #expect(moved.matching.allSatisfy { $0.budget.seeds.first == 7 })
        #expect(moved.largeMatching.allSatisfy { $0.budget.seeds.first == 7 })
        #expect(moved.sequence.budget.seeds.first == 7 && moved.speed.budget.seeds == [7])
    }

    func tiny(seed: UInt64) throws -> [Double] {
        var s = RecursiveExperiment.Settings()
        s.parts = [.newsvendor]
        s.sizes = [3]
        s.seeds = [1]
        s.trainCount = 16
        s.testCount = 8
        s.training.epochs = 1
        let report = try RecursiveExperiment.run(s.startingSeeds(at: seed))
        return RecursiveMethod.allCases.map { report.results[3]![$0]![0].decisionRMSE }
    }

    @Test func theSeedChangesTheNumbersAndRepeats() throws {
        let a = try tiny(seed: 1), again = try tiny(seed: 1), b = try tiny(seed: 2)
        #expect(a == again)
        #expect(zip(a, b).allSatisfy { $0 != $1 }, "\(a) vs \(b)")
    }
}
