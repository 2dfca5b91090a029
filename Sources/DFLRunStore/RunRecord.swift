import Foundation

/// One finished (or failed) training run as the store keeps it: its identity, its fully resolved
/// settings, its per-epoch history, final metrics, timings, provenance and data fingerprints.
public struct RunRecord: Sendable, Codable, Equatable {
    /// One epoch of the history.
    public struct Epoch: Sendable, Codable, Equatable {
        /// 0-based epoch index (0 = before training).
        public var epoch: Int
        /// Mean training loss (NaN-free; `nil` at epoch 0).
        public var trainLoss: Double?
        /// Validation metric (normalized regret), if evaluated.
        public var validation: Double?
        /// Test metric (normalized regret), if evaluated.
        public var test: Double?
        /// Wall seconds of the epoch.
        public var seconds: Double

        /// Creates an epoch row.
        public init(
            epoch: Int, trainLoss: Double? = nil, validation: Double? = nil, test: Double? = nil, seconds: Double = 0
        ) {
            self.epoch = epoch
            self.trainLoss = trainLoss
            self.validation = validation
            self.test = test
            self.seconds = seconds
        }
    }

    /// How the run ended.
    public enum Status: String, Sendable, Codable {
        /// Trained to the end; metrics are final.
        case finished
        /// Stopped with an error (kept in ``error``).
        case failed
    }

    /// The run's identity: ``RunRecord/identity(of:)`` of its settings.
    public var id: String
    /// Problem name (for tables).
    public var problem: String
    /// Method name (for tables).
    public var method: String
    /// The seed.
    public var seed: Int
    /// The fully resolved settings, as canonical JSON (sorted keys).
    public var settings: String
    /// How the run ended.
    public var status: Status
    /// The error message of a failed run.
    public var error: String?
    /// The DFLKit version that ran it.
    public var version: String
    /// The git commit of that build, when known.
    public var commit: String?
    /// When the run finished (seconds since 1970).
    public var finishedAt: Double
    /// Per-epoch history.
    public var history: [Epoch]
    /// Final metrics by name (for example `"test.normalizedRegret"`).
    public var metrics: [String: Double]
    /// Timing breakdown in seconds by phase (for example `"wall"`, `"training"`, `"evaluation"`).
    public var timings: [String: Double]
    /// SHA-256 fingerprints of the inputs by name (data files, model file).
    public var fingerprints: [String: String]

    /// Creates a record; `id` defaults to the identity of `settings`.
    public init(
        id: String? = nil, problem: String, method: String, seed: Int, settings: String, status: Status = .finished,
        error: String? = nil, version: String, commit: String? = nil, finishedAt: Double = Date().timeIntervalSince1970,
        history: [Epoch] = [], metrics: [String: Double] = [:], timings: [String: Double] = [:],
        fingerprints: [String: String] = [:]
    ) {
        self.id = id ?? RunRecord.identity(of: settings)
        self.problem = problem
        self.method = method
        self.seed = seed
        self.settings = settings
        self.status = status
        self.error = error
        self.version = version
        self.commit = commit
        self.finishedAt = finishedAt
        self.history = history
        self.metrics = metrics
        self.timings = timings
        self.fingerprints = fingerprints
    }

    /// The identity of a run: the SHA-256 of its canonical settings JSON.
    public static func identity(of canonicalSettings: String) -> String { SHA256.hex(canonicalSettings) }

    /// Canonical JSON of any encodable settings value (sorted keys, no extra spaces), so that equal
    /// settings give equal identities.
    /// - Throws: ``RunStoreError`` `.invalidRecord` when the value cannot be encoded.
    public static func canonicalJSON<T: Encodable>(_ settings: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(settings), as: UTF8.self)
        } catch {
            throw RunStoreError(.invalidRecord, "settings cannot be encoded as JSON: \(error)")
        }
    }

    /// Checks what the store relies on.
    /// - Throws: ``RunStoreError`` `.invalidRecord` naming the field.
    public func validate() throws {
        func fail(_ what: String) throws { throw RunStoreError(.invalidRecord, "run \(id.prefix(12)): \(what)") }
        if id.isEmpty { try fail("empty id") }
        if problem.isEmpty || method.isEmpty { try fail("empty problem or method name") }
        if (try? JSONSerialization.jsonObject(with: Data(settings.utf8))) == nil { try fail("settings are not JSON") }
        for (name, value) in metrics where !value.isFinite { try fail("metric \(name) = \(value) is not finite") }
        for (name, value) in timings where !(value.isFinite && value >= 0) {
            try fail("timing \(name) = \(value) must be finite and ≥ 0")
        }
        let epochs = history.map(\.epoch)
        if Set(epochs).count != epochs.count { try fail("duplicate epochs in the history") }
    }
}
