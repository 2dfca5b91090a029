/// Namespace of the `DFLRecursive` module (see docs/DESIGN.md for what it holds).
public enum DFLRecursiveModule {}
