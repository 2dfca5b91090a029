import Foundation

/// How much CBC and CLP may print: their log level for every solve of the process (0, the
/// default: nothing; 1 and up: the libraries' own progress lines, on standard output). DFLKit
/// sets it once, before solving (`dfl … --verbose` sets 1).
///
/// ```swift
/// CoinLog.level = 1   // let CBC and CLP print their logs
/// ```
public enum CoinLog {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var level: Int32 = 0
    }

    private static let box = Box()

    /// The log level passed to `Cbc_setLogLevel` and `Clp_setLogLevel` (clamped to 0…4).
    public static var level: Int {
        get {
            box.lock.lock()
            defer { box.lock.unlock() }
            return Int(box.level)
        }
        set {
            box.lock.lock()
            box.level = Int32(min(max(newValue, 0), 4))
            box.lock.unlock()
        }
    }
}
