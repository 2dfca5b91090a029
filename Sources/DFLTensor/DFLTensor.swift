/// Namespace of the `DFLTensor` module (see docs/DESIGN.md for what it holds).
public enum DFLTensorModule {}
