/// The version of DFLKit, written into saved models and result files (the `dfl --version` text).
public enum DFLKitVersion {
    /// The release this source tree is, `major.minor.patch`.
    public static let current = "0.1.0"
}
