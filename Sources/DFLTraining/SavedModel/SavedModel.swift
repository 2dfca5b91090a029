import DFLOptimization
import DFLTensor

/// A trained cost predictor saved with everything needed to use it: the `.dflmodel` file format
/// (JSON, documented in docs/models.md).
///
/// It holds the predictor's architecture and weights, the feature and cost dimensions, the problem
/// it was trained for (a built-in problem's settings, or a model file with its SHA-256
/// fingerprint), the method, the resolved training settings and the DFLKit version that wrote it.
/// ``read(from:)`` checks the format name, the version and that the weights fit the
/// architecture; ``makePredictor()`` rebuilds the network, and ``predict(features:count:)``
/// applies it.
public struct SavedModel: Codable, Sendable, Equatable {
    /// The value of ``format`` in every saved model.
    public static let formatName = "dflkit-model"
    /// The format version this DFLKit writes and reads; a file with another version is refused.
    public static let currentFormatVersion = 1

    /// Always ``formatName``: marks the JSON as a saved model.
    public var format: String = SavedModel.formatName
    /// The format version of the file (``currentFormatVersion`` when written by this DFLKit).
    public var formatVersion: Int = SavedModel.currentFormatVersion
    /// The DFLKit version that wrote the file.
    public var dflkitVersion: String = DFLKitVersion.current
    /// The predictor's layout and sizes.
    public var architecture: PredictorArchitecture
    /// The weights by parameter name (`predictor.layers.0.weight`, …), row-major tensors.
    public var parameters: [String: Tensor]
    /// The problem whose costs the model predicts.
    public var problem: ProblemReference
    /// The method (loss) it was trained with, a ``LossRegistry`` name.
    public var method: String
    /// The resolved settings of the training run (every field, defaults included).
    public var configuration: TrainingConfiguration
    /// How the run ended, when saved after training (nil for a model saved by hand).
    public var training: TrainingSummary?

    /// Creates a saved model from its parts (``Trainer/savedModel(problem:result:)`` fills them from a run).
    public init(
        architecture: PredictorArchitecture, parameters: [String: Tensor], problem: ProblemReference,
        method: String, configuration: TrainingConfiguration, training: TrainingSummary? = nil
    ) {
        self.architecture = architecture
        self.parameters = parameters
        self.problem = problem
        self.method = method
        self.configuration = configuration
        self.training = training
    }
}

/// The layout and sizes of a saved predictor: an MLP, dense (`featureCount → costDimension`) or
/// item-wise (one `featuresPerItem → 1` network shared by the `costDimension` items).
public struct PredictorArchitecture: Codable, Sendable, Equatable {
    /// `"dense"` or `"itemwise"` (``TrainingConfiguration/predictor``).
    public var layout: String
    /// Features of one instance.
    public var featureCount: Int
    /// Predicted costs of one instance (the problem's cost dimension).
    public var costDimension: Int
    /// Hidden layer sizes (empty: a linear model).
    public var hiddenSizes: [Int]
    /// The activation after every hidden layer.
    public var activation: String

    /// Creates an architecture description.
    public init(layout: String, featureCount: Int, costDimension: Int, hiddenSizes: [Int], activation: String) {
        self.layout = layout
        self.featureCount = featureCount
        self.costDimension = costDimension
        self.hiddenSizes = hiddenSizes
        self.activation = activation
    }
}

/// The problem a saved model belongs to: a built-in problem (its name and the settings that build
/// it) or a user's model file (its path when saved and its SHA-256 fingerprint).
public struct ProblemReference: Codable, Sendable, Equatable {
    /// The problem's name (`shortest path 5x5`, the model file's name, …).
    public var name: String
    /// Whether the problem minimizes or maximizes `cᵀw`.
    public var sense: ObjectiveSense
    /// Number of cost coefficients.
    public var costDimension: Int
    /// The settings that rebuild a built-in problem (flag name → value, e.g. `problem:
    /// shortest-path`, `grid: 5x5`); nil for a model file.
    public var builtin: [String: String]?
    /// The model file (nil for a built-in problem).
    public var modelFile: FileFingerprint?

    /// Creates a reference to a problem.
    public init(
        name: String, sense: ObjectiveSense, costDimension: Int, builtin: [String: String]? = nil,
        modelFile: FileFingerprint? = nil
    ) {
        self.name = name
        self.sense = sense
        self.costDimension = costDimension
        self.builtin = builtin
        self.modelFile = modelFile
    }
}

/// A file named by a saved model or a result: where it was and the SHA-256 of its bytes.
public struct FileFingerprint: Codable, Sendable, Equatable {
    /// The path as given when the file was used.
    public var path: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public var sha256: String
    /// The file's size in bytes.
    public var bytes: Int

    /// Creates a fingerprint.
    public init(path: String, sha256: String, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// How the training run of a saved model ended.
public struct TrainingSummary: Codable, Sendable, Equatable {
    /// Epochs run.
    public var epochs: Int
    /// The kept epoch (best validation regret), nil when the last model was kept.
    public var bestEpoch: Int?
    /// Test normalized regret of the saved model.
    public var testNormalizedRegret: Double
    /// Training instances.
    public var trainCount: Int

    /// Creates a summary.
    public init(epochs: Int, bestEpoch: Int?, testNormalizedRegret: Double, trainCount: Int) {
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.testNormalizedRegret = testNormalizedRegret
        self.trainCount = trainCount
    }
}
