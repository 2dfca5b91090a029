import Testing

@testable import DFLCLI

/// `dfl bench growth`: the fitted exponent is the log–log slope, and a process's peak memory is read.
@Suite struct BenchGrowthTests {
    @Test func exponentIsTheLogLogSlope() {
        // y = 3 x²: slope 2 exactly; y = 5 √x: slope 1/2.
        #expect(abs(Bench.Growth.exponent([1, 2, 4, 8], [3, 12, 48, 192]) - 2) < 1e-12)
        #expect(abs(Bench.Growth.exponent([1, 4, 9, 16], [5, 10, 15, 20]) - 0.5) < 1e-12)
        #expect(Bench.Growth.exponent([3, 3], [1, 2]).isNaN)
    }

    @Test func peakMemoryIsReadFromProcStatus() {
        let peak = Bench.Growth.peakResidentKilobytes()
        // This test process holds at least a few megabytes and well under the machine's memory.
        #expect(peak.map { $0 > 1000 && $0 < 24 * 1024 * 1024 } == true)
    }

    @Test func unknownMethodsFailAtParsing() {
        guard case .failed(let failure) = DFLCommand.outcome(of: ["bench", "growth", "--methods", "spo+,walk"]) else {
            Issue.record("an unknown method was accepted")
            return
        }
        #expect(failure.status == .usage)
        #expect(failure.message.contains("unknown method walk"))
    }
}
