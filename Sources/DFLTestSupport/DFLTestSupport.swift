/// Namespace of the `DFLTestSupport` module (see docs/DESIGN.md for what it holds).
public enum DFLTestSupportModule {}
