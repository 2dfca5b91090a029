/// Namespace of the `DFLOptimizers` module (see docs/DESIGN.md for what it holds).
public enum DFLOptimizersModule {}
