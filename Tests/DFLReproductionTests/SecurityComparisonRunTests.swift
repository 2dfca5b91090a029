import DFLBenchmarks
import Foundation
import Testing

@testable import DFLReproduction

/// Opt-in harness: `DFLKIT_SECURITY_RUN=1 swift test --filter SecurityComparisonRun` runs the
/// security-game section of the quick budget (`reproduceSecurityGame(.quick)`) and prints the table.
@Suite("Security-game comparison run (opt-in)")
struct SecurityComparisonRunTests {
    @Test(
        "Quick-budget security comparison",
        .enabled(if: ProcessInfo.processInfo.environment["DFLKIT_SECURITY_RUN"] == "1"))
    func run() throws {
        let started = Date()
        let rows = try reproduceSecurityGame(.quick) { print($0) }
        for r in rows { print("RESULT \(r.method): \(r.values) s/epoch \(r.secondsPerEpoch)") }
        print("WALL \(Date().timeIntervalSince(started)) s")
        #expect(rows.count == 5 && rows.allSatisfy { $0.values.allSatisfy(\.isFinite) })
    }
}
