import DFLErrors
import Testing

/// A domain as a module declares one: its own reason enum.
private enum ParserFailure: String, Sendable, Codable, ErrorDomain {
    case syntax, emptyFile
    static let name = "parser"
}

/// A domain that borrows another's reasons and writes its own description.
private enum BareFailure: ErrorDomain {
    typealias Reason = ParserFailure
    static let name = "bare"
    static func describe(_ error: DomainError<BareFailure>) -> String { "\(error.location ?? "?"): \(error.message)" }
}

@Suite struct DomainErrorTests {
    @Test func describesNameReasonAndMessageOnOneLine() {
        let error = DomainError<ParserFailure>(.syntax, "a.txt: no '='")
        #expect(error.description == "parser error (syntax): a.txt: no '='")
        #expect(error.location == nil)
    }

    @Test func describesTheKnownPartsOfTheLocation() {
        #expect(
            DomainError<ParserFailure>(.emptyFile, "no rows", file: "a.csv", line: 3, column: 2).description
                == "parser error (emptyFile): a.csv:3:2: no rows")
        #expect(DomainError<ParserFailure>(.syntax, "x", file: "a.csv", line: 3).location == "a.csv:3")
        #expect(DomainError<ParserFailure>(.syntax, "x", line: 3).location == nil)
    }

    @Test func aDomainMayWriteItsOwnDescription() {
        #expect(DomainError<BareFailure>(.syntax, "bad", file: "m.lp", line: 1).description == "m.lp:1: bad")
    }

    @Test func errorsOfTwoDomainsAreToldApartByType() {
        let thrown: any Error = DomainError<BareFailure>(.syntax, "bad")
        #expect(!(thrown is DomainError<ParserFailure>))
        #expect((thrown as? DomainError<BareFailure>)?.reason == .syntax)
    }
}
