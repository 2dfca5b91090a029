/// One part of DFLKit that reports failures with a ``DomainError``: the name its messages start
/// with and the kinds of failure it knows.
///
/// A domain is usually its own reason enum (`Reason` defaults to `Self`):
/// ```swift
/// public enum ParserFailure: String, Sendable, Codable, ErrorDomain {
///     case syntax, emptyFile
///     public static let name = "parser"
/// }
/// public typealias ParserError = DomainError<ParserFailure>
/// // ParserError(.syntax, "a.txt: no '='") prints "parser error (syntax): a.txt: no '='"
/// ```
public protocol ErrorDomain: Sendable {
    /// The kinds of failure; their raw values appear in the message.
    associatedtype Reason: RawRepresentable, Sendable, Hashable, Codable = Self where Reason.RawValue == String
    /// The name the one-line message starts with (`"solver"` → `"solver error (…): …"`).
    static var name: String { get }
    /// The one-line description of `error`; the default is
    /// `"<name> error (<reason>): [<location>: ]<message>"`.
    static func describe(_ error: DomainError<Self>) -> String
}

extension ErrorDomain {
    /// `"<name> error (<reason>): [<file:line:column>: ]<message>"`.
    public static func describe(_ error: DomainError<Self>) -> String {
        let head = "\(name) error (\(error.reason.rawValue)): "
        if let location = error.location { return head + "\(location): \(error.message)" }
        return head + error.message
    }
}
