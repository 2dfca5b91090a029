/// Namespace of the `DFLData` module (see docs/DESIGN.md for what it holds).
public enum DFLDataModule {}
