import DFLOptimization
import DFLQuadraticProgramming

extension LayerError {
    /// The number of leading variables of `program` that carry the predicted costs: `requested`, or
    /// all variables when it is `nil`.
    /// - Throws: `.invalidModel` naming `layer` when the count is outside `1...variableCount`.
    static func costDimension(_ requested: Int?, of program: MixedIntegerProgram, layer: String) throws -> Int {
        let d = requested ?? program.variableCount
        guard d > 0, d <= program.variableCount else {
            throw LayerError(.invalidModel, "\(layer): cost dimension \(d) must be in 1...\(program.variableCount)")
        }
        return d
    }

    /// Runs `body`; a ``LayerError`` (or a ``QuadraticProgramError``, converted) it throws gets
    /// `"where: "` in front of its message.
    static func prefixing<T>(_ where: String, _ body: () throws -> T) throws -> T {
        do { return try lifting(body) } catch let e as LayerError {
            throw LayerError(e.reason, "\(`where`): \(e.message)")
        }
    }
}

extension LayerError {
    /// The layer error with the reason and message of a quadratic-programming solver error.
    public init(_ error: QuadraticProgramError) {
        self.init(error.reason, error.message)
    }

    /// Runs `body`, a call into the quadratic-programming solver; a ``QuadraticProgramError`` it
    /// throws becomes the ``LayerError`` with the same reason and message.
    static func lifting<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as QuadraticProgramError { throw LayerError(e) }
    }
}
