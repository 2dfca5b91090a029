// The umbrella module: `import DFLKit` brings in every library module of DFLKit.
// The papers' benchmarks (`DFLBenchmarks`) and reproductions (`DFLReproduction`) are not part of it.
@_exported import DFLCoinOR
@_exported import DFLData
@_exported import DFLErrors
@_exported import DFLImplicit
@_exported import DFLLayers
@_exported import DFLLinearAlgebra
@_exported import DFLLosses
@_exported import DFLMetrics
@_exported import DFLModelFormats
@_exported import DFLNN
@_exported import DFLOptimization
@_exported import DFLOptimizers
@_exported import DFLQuadraticProgramming
@_exported import DFLRandom
@_exported import DFLReport
@_exported import DFLTensor
@_exported import DFLTraining
