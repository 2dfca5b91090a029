/// Namespace of the `DFLLayers` module (see docs/DESIGN.md for what it holds).
public enum DFLLayersModule {}
