/// `peers.json`: timings and regrets measured with other implementations (PyEPO, qpth,
/// cvxpylayers), each table with the measurement command, machine and date.
public struct PeerMeasurements: Decodable, Sendable {
    /// Numbers by name, with their source.
    public struct Table: Decodable, Sendable {
        /// Measurement and settings.
        public var source: String
        /// Values by method name (`"spo+"`).
        public var methods: PaperKeyed<Double>
    }

    /// Seconds per exact solve by problem, with their source.
    public struct SolveTable: Decodable, Sendable {
        /// Measurement and settings.
        public var source: String
        /// Seconds per solve by problem (`"shortest path 5x5"`).
        public var problems: PaperKeyed<Double>
    }

    /// PyEPO's anchors on its 5×5 shortest-path setup (seed 42).
    public struct PyEPO: Decodable, Sendable {
        /// Machine, version and command.
        public var source: String
        /// Test normalized regret after 10 epochs (`dfl demo`).
        public var normalizedRegret: Table
        /// Seconds per training epoch (`dfl bench`).
        public var epochSeconds: Table
        /// Seconds per exact solve (`dfl bench`).
        public var solveSeconds: SolveTable
    }

    /// qpth and cvxpylayers forward+backward times of one configuration, in milliseconds.
    public struct LayerTiming: Decodable, Sendable, Equatable {
        /// qpth.
        public var qpth: Double
        /// cvxpylayers with SCS.
        public var cvxpy: Double
    }

    /// The layer timings (`dfl bench layers`).
    public struct Layers: Decodable, Sendable {
        /// Machine, versions and command.
        public var source: String
        /// Times keyed `<problem>-<μ>-<batch>` (`"sp-0.1-32"`, `"knap-1.0-256"`).
        public var forwardBackwardMilliseconds: PaperKeyed<LayerTiming>
    }

    /// PyEPO's anchors.
    public var pyepo: PyEPO
    /// qpth / cvxpylayers timings.
    public var layers: Layers
}
