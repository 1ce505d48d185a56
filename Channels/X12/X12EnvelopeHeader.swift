import Foundation

/// What the ISA and GS of an outgoing interchange say: who sends to whom, when, with which control numbers and
/// version. One trading partner's configuration plus the next control numbers.
public struct X12EnvelopeHeader: Sendable, Hashable {
    /// ISA05, e.g. `ZZ` (mutually defined), `01` (DUNS), `12` (phone).
    public var senderQualifier: String
    /// ISA06, up to 15 characters (padded when written).
    public var senderID: String
    /// ISA07.
    public var receiverQualifier: String
    /// ISA08, up to 15 characters.
    public var receiverID: String
    /// GS02, the application sender's code (defaults to the ISA sender id).
    public var applicationSender: String
    /// GS03, the application receiver's code (defaults to the ISA receiver id).
    public var applicationReceiver: String
    /// GS01; `nil` to derive it from the first transaction set (`855` → `PR`, `856` → `SH`, `810` → `IN`, `997` → `FA`).
    public var functionalIdentifier: String?
    /// When the interchange is created; written in UTC (ISA09 YYMMDD, ISA10 HHMM, GS04 CCYYMMDD, GS05 HHMM).
    public var date: Date
    /// ISA13 / IEA02: 1 to 999999999, written as nine digits.
    public var interchangeControlNumber: Int
    /// GS06 / GE02: 1 to 999999999.
    public var groupControlNumber: Int
    /// GS08, e.g. `004010`.
    public var version: String
    /// ISA12, e.g. `00401`; defaults to the first five characters of ``version``.
    public var interchangeVersion: String
    /// ISA15: `P` production or `T` test.
    public var usage: String
    /// ISA14: whether to ask the receiver for a TA1.
    public var acknowledgmentRequested: Bool

    /// Creates a header.
    public init(
        senderQualifier: String, senderID: String, receiverQualifier: String, receiverID: String,
        applicationSender: String? = nil, applicationReceiver: String? = nil, functionalIdentifier: String? = nil,
        date: Date, interchangeControlNumber: Int, groupControlNumber: Int, version: String = "004010",
        interchangeVersion: String? = nil, usage: String = "P", acknowledgmentRequested: Bool = false
    ) {
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.applicationSender = applicationSender ?? senderID
        self.applicationReceiver = applicationReceiver ?? receiverID
        self.functionalIdentifier = functionalIdentifier
        self.date = date
        self.interchangeControlNumber = interchangeControlNumber
        self.groupControlNumber = groupControlNumber
        self.version = version
        self.interchangeVersion = interchangeVersion ?? String(version.prefix(5))
        self.usage = usage
        self.acknowledgmentRequested = acknowledgmentRequested
    }
}
