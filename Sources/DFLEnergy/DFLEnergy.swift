/// Namespace of the `DFLEnergy` module (see docs/DESIGN.md for what it holds).
public enum DFLEnergyModule {}
