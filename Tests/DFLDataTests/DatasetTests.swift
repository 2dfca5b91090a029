import DFLData
import DFLOptimization
import DFLRandom
import Foundation
import Testing

@Suite("Dataset")
struct DatasetTests {
    /// 7 instances, p = 2, d = 3, with recognisable values: feature = 10·i + j, cost = i + j/10.
    static func small() throws -> Dataset {
        try Dataset(
            features: (0..<7).map { i in (0..<2).map { Double(10 * i + $0) } },
            costs: (0..<7).map { i in (0..<3).map { Double(i) + Double($0) / 10 } })
    }

    static let simplex = CandidateProblem(
        candidates: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.5, 0.5, 0]], sense: .minimize)

    @Test("flat and row initializers agree; size mismatches throw with the culprit named")
    func initializers() throws {
        let rows = try Self.small()
        let flat = try Dataset(
            featureCount: 2, costDimension: 3, features: rows.features, costs: rows.costs)
        #expect(rows == flat)
        #expect(rows.count == 7 && Array(rows.costs(at: 2)) == [2, 2.1, 2.2])
        #expect(rows.featureRows[3] == [30, 31])
        #expect(throws: DataError.self) {
            try Dataset(featureCount: 2, costDimension: 3, features: [1, 2, 3], costs: [1, 2, 3])
        }
        #expect {
            try Dataset(features: [[1, 2], [3]], costs: [[1], [2]])
        } throws: { ($0 as? DataError)?.message.contains("features[1]") == true }
        #expect(throws: DataError.self) {
            try Dataset(
                featureCount: 1, costDimension: 1, features: [1], costs: [1], solutions: [1])
        }
    }

    @Test("withSolutions solves every instance; threads do not change the result")
    func solving() throws {
        let data = try Self.small()
        let serial = try data.withSolutions(
            solver: CandidateSolver(), problem: Self.simplex, threads: 1)
        let parallel = try data.withSolutions(
            solver: CandidateSolver(), problem: Self.simplex, threads: 2)
        #expect(serial == parallel)
        #expect(serial.hasSolutions && !data.hasSolutions)
        // Minimizing over the candidates picks coordinate 0 (cost i is the smallest).
        for i in 0..<data.count {
            #expect(Array(serial.solution(at: i)!) == [1, 0, 0])
            #expect(serial.objective(at: i) == Double(i))
        }
        #expect(serial.withoutSolutions == data)
    }

    @Test("one labeller: withSolutions(from:) with an oracle equals the solver shorthand")
    func labellingByOracle() throws {
        let data = try Self.small()
        let oracle = DecisionOracle(solver: CandidateSolver(), problem: Self.simplex, threads: 3)
        let byOracle = try data.withSolutions(from: oracle)
        #expect(byOracle == (try data.withSolutions(solver: CandidateSolver(), problem: Self.simplex)))
        let wrong = DecisionOracle(
            solver: CandidateSolver(), problem: CandidateProblem(candidates: [[1, 0]], sense: .minimize))
        #expect(throws: DataError.self) { try data.withSolutions(from: wrong) }
    }

    @Test("withSolutions reports cost-dimension mismatches and solver failures by instance")
    func solvingErrors() throws {
        let data = try Self.small()
        let wrong = CandidateProblem(candidates: [[1, 0]], sense: .minimize)
        #expect(throws: DataError.self) {
            try data.withSolutions(solver: CandidateSolver(), problem: wrong)
        }
        let bad = try Dataset(
            featureCount: 1, costDimension: 3, features: [0, 1],
            costs: [1, 2, 3, 1, .nan, 3])
        #expect {
            try bad.withSolutions(solver: CandidateSolver(), problem: Self.simplex, threads: 2)
        } throws: { error in
            let e = error as? SolverError
            return e?.reason == .nonFiniteCosts && e!.message.hasPrefix("candidates[1]")
        }
    }

    @Test("subset keeps order, repeats and labels; bad indices throw")
    func subsets() throws {
        let data = try Self.small().withSolutions(solver: CandidateSolver(), problem: Self.simplex)
        let sub = try data.subset([4, 1, 4])
        #expect(sub.count == 3)
        #expect(Array(sub.features(at: 0)) == [40, 41] && Array(sub.features(at: 1)) == [10, 11])
        #expect(sub.objectives == [4, 1, 4])
        #expect(try data.subset(2..<5).objectives == [2, 3, 4])
        #expect {
            try data.subset([0, 7])
        } throws: { ($0 as? DataError)?.message.contains("index 7 at position 1") == true }
    }

    @Test("seeded split: disjoint parts of the requested sizes, reproducible, seed-dependent")
    func splits() throws {
        let data = try Self.small()
        let a = try data.split(trainCount: 4, testCount: 2, validationCount: 1, seed: 3)
        #expect(a.train.count == 4 && a.test.count == 2 && a.validation.count == 1)
        let firstFeature = { (d: Dataset) in (0..<d.count).map { d.features(at: $0).first! } }
        let all = firstFeature(a.train) + firstFeature(a.test) + firstFeature(a.validation)
        #expect(Set(all).count == 7)
        #expect(try data.split(trainCount: 4, testCount: 2, validationCount: 1, seed: 3) == a)
        let others = try (4..<12).map {
            try data.split(trainCount: 4, testCount: 2, validationCount: 1, seed: UInt64($0))
        }
        #expect(others.contains { $0 != a })
        #expect(throws: DataError.self) { try data.split(trainCount: 5, testCount: 3, seed: 1) }
        #expect(throws: DataError.self) { try data.split(trainCount: -1, testCount: 3, seed: 1) }
    }

    @Test("mini-batches cover every instance once per pass; shuffling is seeded per epoch")
    func batches() throws {
        let data = try Self.small().withSolutions(solver: CandidateSolver(), problem: Self.simplex)
        let ordered = Array(data.batches(size: 3))
        #expect(ordered.map(\.count) == [3, 3, 1])
        #expect(ordered[1].indices == [3, 4, 5])
        #expect(ordered[1].features == [30, 31, 40, 41, 50, 51])
        #expect(ordered[2].objectives == [6])
        #expect(ordered[2].solutions == [1, 0, 0])
        #expect(Array(data.batches(size: 3, dropLast: true)).count == 2)
        #expect(data.batches(size: 3).batchCount == 3)

        var rng = SeededGenerator(seed: 10)
        let epoch1 = data.batches(size: 2, shuffledBy: &rng).flatMap(\.indices)
        let epoch2 = data.batches(size: 2, shuffledBy: &rng).flatMap(\.indices)
        #expect(epoch1.sorted() == Array(0..<7) && epoch2.sorted() == Array(0..<7))
        #expect(epoch1 != epoch2)
        var replay = SeededGenerator(seed: 10)
        #expect(data.batches(size: 2, shuffledBy: &replay).flatMap(\.indices) == epoch1)
        // Gathered rows follow the index order.
        let batch = data.gather([6, 0])
        #expect(batch.costs == [6, 6.1, 6.2, 0, 0.1, 0.2])
    }

    @Test("Codable round trip, and decoding rejects inconsistent sizes")
    func codable() throws {
        let data = try Self.small().withSolutions(solver: CandidateSolver(), problem: Self.simplex)
        let json = try JSONEncoder().encode(data)
        #expect(try JSONDecoder().decode(Dataset.self, from: json) == data)
        let broken = #"{"featureCount":2,"costDimension":3,"features":[1,2],"costs":[1,2,3,4,5,6]}"#
        #expect(throws: DataError.self) {
            try JSONDecoder().decode(Dataset.self, from: Data(broken.utf8))
        }
    }
}
