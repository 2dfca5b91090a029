import DFLOptimization

/// What a smoothed LP layer keeps of its program, checked once at construction: the name its
/// messages use, the number of cost coefficients and the objective sense.
public struct SmoothedLayerHeader: Sendable, Equatable {
    /// Name used in error messages: `"<kind> (<program name>)"`, e.g. `"QP layer (shortest-path 5x5)"`.
    public let name: String
    /// Number of cost coefficients (the leading variables of the relaxation).
    public let costDimension: Int
    /// Objective sense of the underlying problem.
    public let sense: ObjectiveSense

    /// Names the layer `"<kind> (<name>)"` and checks, in this order, the smoothing strength
    /// (``SmoothingConvention``), the layer's own `settings` (given the layer's name) and the cost
    /// dimension (`nil`: all variables).
    /// - Throws: ``LayerError`` `.invalidConfiguration` or `.invalidModel`, naming the layer.
    init(
        _ kind: String, program: MixedIntegerProgram, costDimension: Int?, name: String, smoothing: Double,
        settings: (String) throws -> Void = { _ in }
    ) throws {
        let layerName = "\(kind) (\(name))"
        try SmoothingConvention.validate(smoothing: smoothing, layer: layerName)
        try settings(layerName)
        self.costDimension = try LayerError.costDimension(costDimension, of: program, layer: layerName)
        self.name = layerName
        self.sense = program.sense
    }
}

/// A smoothed LP layer (``QPSmoothingLayer``, ``DavisYinLayer``, ``NormSmoothingLayer``): built from
/// a (mixed-integer) linear program or from a problem that describes itself as one, with the name,
/// cost dimension and sense of its ``SmoothedLayerHeader``.
public protocol SmoothedLinearProgramLayer: Sendable {
    /// The layer's settings.
    associatedtype Configuration
    /// The settings.
    var configuration: Configuration { get }
    /// The name, cost dimension and sense.
    var header: SmoothedLayerHeader { get }
    /// A layer for an explicit (mixed-integer) linear program whose first `costDimension` variables
    /// carry the predicted costs (`nil`: all); integrality is dropped.
    /// - Throws: ``LayerError`` for bad settings, a malformed model or an infeasible relaxation.
    init(program: MixedIntegerProgram, costDimension: Int?, name: String, configuration: Configuration) throws
}

extension SmoothedLinearProgramLayer {
    /// Number of cost coefficients (the leading variables of the relaxation).
    public var costDimension: Int { header.costDimension }
    /// Objective sense of the underlying problem.
    public var sense: ObjectiveSense { header.sense }
    /// Name used in error messages.
    public var name: String { header.name }

    /// A layer for a problem that describes itself as a MILP (`asMILP(costs: nil)`).
    /// - Throws: ``LayerError`` for bad settings, a malformed model or an infeasible relaxation.
    public init<P: LinearProgramRepresentable>(problem: P, configuration: Configuration) throws {
        try self.init(
            program: problem.asMILP(costs: nil), costDimension: problem.costDimension, name: problem.name,
            configuration: configuration)
    }
}
