/// Namespace of the `DFLNN` module (see docs/DESIGN.md for what it holds).
public enum DFLNNModule {}
