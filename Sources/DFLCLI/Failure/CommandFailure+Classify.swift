import ArgumentParser
import Foundation

extension CommandFailure {
    /// The failure for any error a `dfl` command throws: the one place errors become exit codes.
    ///
    /// - ``CommandFailureConvertible`` errors (the library's and the CLI's own) say their class;
    /// - ArgumentParser's parse and `validate()` errors are ``DFLExitCode/usage``;
    /// - Foundation's file errors are ``DFLExitCode/noInput`` (reading) or ``DFLExitCode/ioError``
    ///   (writing); decoding errors ``DFLExitCode/dataError``;
    /// - anything else is ``DFLExitCode/unclassified`` with its description.
    ///
    /// Help and version requests are not failures: see ``DFLCommand/outcome(of:)``.
    public init(classifying error: any Error) {
        if let known = error as? any CommandFailureConvertible {
            self = known.commandFailure
        } else if let validation = error as? ValidationError {
            self.init(.usage, validation.message)
        } else if DFLCommand.exitCode(for: error) == .validationFailure {
            self.init(.usage, DFLCommand.message(for: error))
        } else if let cocoa = error as? CocoaError {
            let path = (cocoa.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
            self.init(
                cocoa.isWriteError ? .ioError : cocoa.isReadError ? .noInput : .unclassified,
                path + cocoa.localizedDescription)
        } else if error is DecodingError {
            self.init(.dataError, "cannot decode: \(error)")
        } else {
            self.init(.unclassified, DFLCommand.message(for: error))
        }
    }
}

extension CocoaError {
    fileprivate var isReadError: Bool {
        [
            .fileNoSuchFile, .fileReadNoSuchFile, .fileReadNoPermission, .fileReadCorruptFile, .fileReadUnknown,
            .fileReadInvalidFileName, .fileReadTooLarge, .fileReadUnknownStringEncoding,
            .fileReadInapplicableStringEncoding,
        ]
        .contains(code)
    }
    fileprivate var isWriteError: Bool {
        [
            .fileWriteUnknown, .fileWriteNoPermission, .fileWriteInvalidFileName, .fileWriteOutOfSpace,
            .fileWriteVolumeReadOnly, .fileWriteFileExists, .fileWriteInapplicableStringEncoding,
        ]
        .contains(code)
    }
}
