import DFLLayers
import DFLQuadraticProgramming

extension QuadraticProgramFailure: ExitClassifiedDomain {
    /// The exit class of the layer error with the same reason (bad settings usage, bad programs
    /// data, the rest numerical), with the solver's own message.
    public static func commandFailure(_ error: QuadraticProgramError) -> CommandFailure {
        CommandFailure(LayerError(error).commandFailure.status, error.description)
    }
}
