import Foundation
import Testing

@testable import DFLBenchmarks

@Suite("PJM data: loading, features, split")
struct PowerDataTests {
    @Test("US federal holidays match known observed dates")
    func holidays() {
        #expect(USFederalHolidays.contains(year: 2010, month: 12, day: 24))  // Christmas on Saturday → Friday
        #expect(USFederalHolidays.contains(year: 2011, month: 12, day: 26))  // Sunday → Monday
        #expect(USFederalHolidays.contains(year: 2010, month: 12, day: 31))  // New Year 2011 (Sat) observed
        #expect(USFederalHolidays.contains(year: 2012, month: 11, day: 22))  // Thanksgiving
        #expect(USFederalHolidays.contains(year: 2015, month: 5, day: 25))  // Memorial Day
        #expect(USFederalHolidays.contains(year: 2014, month: 1, day: 20))  // MLK Day
        #expect(!USFederalHolidays.contains(year: 2014, month: 1, day: 21))
        #expect(USFederalHolidays.weekday(2024, 1, 1) == 2)  // a Monday
    }

    @Test("Missing hours are backfilled then forward filled")
    func fill() {
        #expect(PJMLoadData.fill([nil, 1, nil, 3, nil]) == [1, 1, 3, 3, 3])
    }

    @Test("Missing data and malformed lines give typed errors naming the path")
    func badFiles() throws {
        #expect(throws: BenchmarkError.self) { try PJMLoadData(urls: [URL(fileURLWithPath: "/nonexistent/pjm.txt")]) }
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("energy-bad-\(getpid()).txt")
        try " 1.2e9 1.5 40\n 1.2e9 x 40\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try PJMLoadData(urls: [url])
            Issue.record("expected an error")
        } catch let e as BenchmarkError {
            #expect(e == .malformedData(path: url.path, line: 2, reason: "expected 3 numbers, got ' 1.2e9 x 40'"))
        }
        let env = ["DFLKIT_SHARED_DATA": "/nonexistent-shared"]
        #expect(throws: BenchmarkError.missingData(path: "/nonexistent-shared/power/x.txt")) {
            try SharedDataDirectory.file("power/x.txt", environment: env)
        }
    }

    @Test("Real PJM files: 3192 samples, 2553 training days, standardized features")
    func realData() throws {
        let data: PowerDataset
        do { data = try PowerDataset.loadDefault() } catch BenchmarkError.missingData(let path) {
            print("skipping: \(path) missing")
            return
        }
        #expect(data.featureCount == 149)
        #expect(data.count > 3100 && data.count < 3300)
        let (train, holdout, test) = data.benchmarkSplit(seed: 0)
        #expect(train.count + holdout.count == Int(0.8 * Double(data.count)))
        #expect(test.count == data.count - Int(0.8 * Double(data.count)))
        // Column 0 (previous day's first-hour load) is z-scored.
        var mean = 0.0
        for i in 0..<data.count { mean += data.features[i * 149] }
        #expect(abs(mean / Double(data.count)) < 1e-9)
        #expect(data.loads.allSatisfy { $0 > 0.5 && $0 < 4 })
    }
}
