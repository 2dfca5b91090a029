/// Namespace of the `DFLTraining` module (see docs/DESIGN.md for what it holds).
public enum DFLTrainingModule {}
