/// Namespace of the `DFLMetrics` module (see docs/DESIGN.md for what it holds).
public enum DFLMetricsModule {}
