import DFLLayers
import DFLQuadraticProgramming

extension QuadraticProgramError: CommandFailureConvertible {
    /// The exit class of the layer error with the same reason (bad settings usage, bad programs
    /// data, the rest numerical), with the solver's own message.
    public var commandFailure: CommandFailure { CommandFailure(LayerError(self).commandFailure.status, description) }
}
