/// The names of every differentiable op in this module, for the gradient-check registry test.
public enum DifferentiableOps {
    /// All op names; `DFLTensorTests` asserts each has a finite-difference check.
    public static let allNames: [String] = [
        // Arithmetic and broadcasting.
        "add", "broadcastAdd", "subtract", "multiply", "divide", "negate", "addScalar", "scale",
        "scalarMinusVariable", "scalarDivide", "tensorMixes",
        // Products.
        "matmul", "batchedMatmul", "batchedMatmulBoth", "batchedMatmulSharedLeft", "rowDot", "dot", "outer",
        // Elementwise.
        "exp", "log", "sqrt", "square", "pow", "abs", "softplus", "sigmoid", "tanh", "relu",
        "positivePart", "leakyRelu", "elu", "clamp", "normalPDF", "normalCDF", "maximum", "minimum",
        // Reductions.
        "sum", "mean", "sumAxis", "sumAxisKeepDims", "meanAxis", "maxAxis", "logSumExp",
        "logSoftmax", "softmax",
        // Shape and indexing.
        "reshape", "transpose", "batchTranspose", "concat", "stack", "slice", "subscriptRows",
        "gather", "select",
    ]
}
