/// Namespace of the `DFLLosses` module (see docs/DESIGN.md for what it holds).
public enum DFLLossesModule {}
