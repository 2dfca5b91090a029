import DFLRunStore
import DFLTraining
import Foundation

extension FileFingerprint {
    /// The fingerprint of the file at `path` (SHA-256 of its bytes); `option` names it in errors.
    /// - Throws: ``CommandFailure`` `.noInput` when it cannot be read.
    static func of(_ path: String, option: String) throws -> FileFingerprint {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure(.noInput, "\(option) \(path): cannot read (\(error.localizedDescription))")
        }
        return FileFingerprint(path: path, sha256: SHA256.hex([UInt8](data)), bytes: data.count)
    }
}
