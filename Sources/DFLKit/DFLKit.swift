// The umbrella module: `import DFLKit` brings in every public DFLKit module.
@_exported import DFLCoinOR
@_exported import DFLData
@_exported import DFLLinearAlgebra
@_exported import DFLEnergy
@_exported import DFLLayers
@_exported import DFLLosses
@_exported import DFLMetrics
@_exported import DFLNN
@_exported import DFLOptimization
@_exported import DFLOptimizers
@_exported import DFLRandom
@_exported import DFLRecursive
@_exported import DFLReport
@_exported import DFLTensor
@_exported import DFLTraining
