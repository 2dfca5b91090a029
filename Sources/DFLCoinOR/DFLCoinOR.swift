/// Namespace of the `DFLCoinOR` module (see docs/DESIGN.md for what it holds).
public enum DFLCoinORModule {}
