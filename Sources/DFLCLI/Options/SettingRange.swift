import ArgumentParser

/// The documented range of one numeric setting of `dfl`, named by its flag (which is also its
/// `--config` key): the one place where every number a user gives is checked.
///
/// A violation is a usage error naming the setting, the value and the range:
/// `--momentum must be in [0, 1) (got -1)`. Upper bounds keep every later size computation
/// inside `Int` (no flag can cause an overflow trap); how much memory the sizes need together is
/// ``MemoryBudget``'s job.
public struct SettingRange: Sendable, Equatable {
    /// The flag, e.g. `--batch-size`.
    public var flag: String
    /// Smallest value allowed (with ``lowerOpen``, excluded).
    public var lower: Double
    /// Whether ``lower`` itself is excluded.
    public var lowerOpen: Bool
    /// Largest value allowed (`.infinity`: any finite value).
    public var upper: Double
    /// Whether ``upper`` itself is excluded.
    public var upperOpen: Bool

    /// A range `lower…upper` for `flag` (bounds included unless marked open).
    public init(_ flag: String, _ lower: Double, _ upper: Double, lowerOpen: Bool = false, upperOpen: Bool = false) {
        self.flag = flag
        self.lower = lower
        self.upper = upper
        self.lowerOpen = lowerOpen
        self.upperOpen = upperOpen || upper == .infinity
    }

    /// The range as text: `[1, 100000]`, `(0, ∞)`, `[0, 1)`.
    public var text: String {
        func number(_ v: Double) -> String {
            if v == .infinity { return "∞" }
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return "\(v)"
        }
        return (lowerOpen ? "(" : "[") + number(lower) + ", " + number(upper) + (upperOpen ? ")" : "]")
    }

    /// Whether `value` lies in the range (never true for NaN or ±∞).
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let aboveLower = lowerOpen ? value > lower : value >= lower
        let belowUpper = upperOpen ? value < upper : value <= upper
        return aboveLower && belowUpper
    }

    /// Throws a usage error unless `value` is in the range.
    public func check(_ value: Double) throws {
        guard contains(value) else { throw ValidationError("\(flag) must be in \(text) (got \(value))") }
    }

    /// Throws a usage error unless `value` is in the range (the message shows the integer as given).
    public func check(_ value: Int) throws {
        guard contains(Double(value)) else { throw ValidationError("\(flag) must be in \(text) (got \(value))") }
    }

    /// Checks every entry of a list (`--hidden 64,32`).
    public func check(_ values: [Int]) throws {
        for v in values where !contains(Double(v)) {
            throw ValidationError("\(flag) entries must be in \(text) (got \(v))")
        }
    }

    /// Checks a value only when it was given.
    public func check(_ value: Int?) throws { if let value { try check(value) } }

    /// Checks a value only when it was given.
    public func check(_ value: Double?) throws { if let value { try check(value) } }

    /// Checks each given value against its range, in order.
    public static func check(_ integers: [(Int?, SettingRange)], _ reals: [(Double?, SettingRange)] = []) throws {
        for (value, range) in integers { try range.check(value) }
        for (value, range) in reals { try range.check(value) }
    }
}

/// Every numeric setting's range, by flag: the table `--help` quotes and README.md points to.
public enum SettingRanges {
    /// Upper bound of counts of instances, items, epochs, …: 10⁷ (sizes beyond need ``MemoryBudget`` anyway).
    static let largeCount = 10_000_000.0

    // Training.
    /// `--epochs`.
    public static let epochs = SettingRange("--epochs", 1, 1_000_000)
    /// `--batch-size`.
    public static let batchSize = SettingRange("--batch-size", 1, largeCount)
    /// `--lr`: any positive finite step (a too large one ends with the non-finite-loss error).
    public static let learningRate = SettingRange("--lr", 0, .infinity, lowerOpen: true)
    /// `--weight-decay`.
    public static let weightDecay = SettingRange("--weight-decay", 0, .infinity)
    /// `--momentum` (SGD).
    public static let momentum = SettingRange("--momentum", 0, 1, upperOpen: true)
    /// `--gradient-clip-norm`.
    public static let gradientClipNorm = SettingRange("--gradient-clip-norm", 0, .infinity, lowerOpen: true)
    /// `--solve-ratio`.
    public static let solveRatio = SettingRange("--solve-ratio", 0, 1)
    /// `--smoothing`.
    public static let smoothing = SettingRange("--smoothing", 0, 1e6, lowerOpen: true)
    /// `--hidden` entries.
    public static let hidden = SettingRange("--hidden", 1, 1_000_000)
    /// `--eval-every`.
    public static let evalEvery = SettingRange("--eval-every", 1, 1_000_000)
    /// `--validation`: the fraction of the training set held out.
    public static let validationFraction = SettingRange("--validation", 0, 0.9, lowerOpen: true)
    /// `--patience`.
    public static let patience = SettingRange("--patience", 1, 1_000_000)
    /// `--threads`.
    public static let threads = SettingRange("--threads", 1, 256)

    // Method hyper-parameters.
    /// `--sigma`.
    public static let sigma = SettingRange("--sigma", 0, 1e6, lowerOpen: true)
    /// `--samples`.
    public static let samples = SettingRange("--samples", 1, 100_000)
    /// `--lambda`.
    public static let lambda = SettingRange("--lambda", 0, 1e6, lowerOpen: true)
    /// `--imle-kappa`.
    public static let imleKappa = SettingRange("--imle-kappa", 0, 1e6, lowerOpen: true)
    /// `--pg-width`.
    public static let pgWidth = SettingRange("--pg-width", 0, 1e6, lowerOpen: true)
    /// `--fw-lambda`.
    public static let fwLambda = SettingRange("--fw-lambda", 0, 1e6, lowerOpen: true)
    /// `--temperature`.
    public static let temperature = SettingRange("--temperature", 0, 1e6, lowerOpen: true)
    /// `--dys-step-size`.
    public static let dysStepSize = SettingRange("--dys-step-size", 0, 1e3, lowerOpen: true)
    /// `--dys-iterations`.
    public static let dysIterations = SettingRange("--dys-iterations", 1, 1_000_000)

    // Problems and generated data.
    /// `--train`.
    public static let train = SettingRange("--train", 1, largeCount)
    /// `--test`.
    public static let test = SettingRange("--test", 1, largeCount)
    /// `--features`.
    public static let features = SettingRange("--features", 1, 100_000)
    /// `--deg`: PyEPO uses 1…8; above 32 the generated costs overflow.
    public static let degree = SettingRange("--deg", 1, 32)
    /// `--noise`.
    public static let noise = SettingRange("--noise", 0, 1000)
    /// `--grid` rows and columns (train, solve).
    public static let gridSide = SettingRange("--grid", 1, 1000)
    /// `--items`.
    public static let items = SettingRange("--items", 1, 1_000_000)
    /// `--k`.
    public static let k = SettingRange("--k", 1, 1_000_000)
    /// `--dims`.
    public static let dims = SettingRange("--dims", 1, 10_000)
    /// `--capacity`.
    public static let capacity = SettingRange("--capacity", 0, .infinity, lowerOpen: true)
    /// `--nodes`: the exact Held–Karp solver stops at 15.
    public static let nodes = SettingRange("--nodes", 3, 15)

    // Benchmarks and reproductions.
    /// `bench layers --grid`.
    public static let benchGrid = SettingRange("--grid", 2, 1000)
    /// `bench layers --batches` entries.
    public static let benchBatches = SettingRange("--batches", 1, 100_000)
    /// `bench layers --repeats`.
    public static let repeats = SettingRange("--repeats", 1, 10_000)
    /// `bench solvers --instances`.
    public static let instances = SettingRange("--instances", 1, largeCount)
    /// `reproduce energy --so-ebm-epochs`.
    public static let soEBMEpochs = SettingRange("--so-ebm-epochs", 1, 1_000_000)
    /// `reproduce energy --so-ebm-learning-rate`.
    public static let soEBMLearningRate = SettingRange(
        "--so-ebm-learning-rate", 0, .infinity, lowerOpen: true)
}
