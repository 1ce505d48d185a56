/// One interchange (ISA..IEA) as received: the ISA fields, the delimiters it declared, its groups, and the
/// interchange-level problems found.
public struct X12Interchange: Sendable, Hashable {
    /// ISA01 authorization information qualifier.
    public var authorizationQualifier: String
    /// ISA02 authorization information, trimmed.
    public var authorization: String
    /// ISA03 security information qualifier.
    public var securityQualifier: String
    /// ISA04 security information, trimmed.
    public var security: String
    /// ISA05 sender id qualifier, e.g. `ZZ`, `01`, `12`.
    public var senderQualifier: String
    /// ISA06 sender id, trimmed of its padding.
    public var senderID: String
    /// ISA07 receiver id qualifier.
    public var receiverQualifier: String
    /// ISA08 receiver id, trimmed of its padding.
    public var receiverID: String
    /// ISA09, YYMMDD.
    public var date: String
    /// ISA10, HHMM.
    public var time: String
    /// ISA11 as sent: `U` (standards identifier) before 00402, the repetition separator from 00402 on.
    public var standardsIdentifierOrRepetitionSeparator: String
    /// ISA12, e.g. `00401`.
    public var version: String
    /// ISA13, nine digits, echoed by IEA02.
    public var controlNumber: String
    /// ISA14: whether the sender asked for an interchange acknowledgment (TA1).
    public var acknowledgmentRequested: Bool
    /// ISA15: `P` production, `T` test.
    public var usage: String
    /// The separators declared by the ISA.
    public var delimiters: X12Delimiters
    /// The functional groups in order.
    public var groups: [X12FunctionalGroup]
    /// Interchange-level problems (IEA missing, IEA02 ≠ ISA13, IEA01 ≠ number of groups, segments outside an
    /// envelope). Any of these rejects every group.
    public var errors: [X12SyntaxError]

    /// Creates an interchange.
    public init(
        authorizationQualifier: String = "00", authorization: String = "", securityQualifier: String = "00",
        security: String = "", senderQualifier: String, senderID: String, receiverQualifier: String,
        receiverID: String, date: String, time: String, standardsIdentifierOrRepetitionSeparator: String,
        version: String, controlNumber: String, acknowledgmentRequested: Bool, usage: String,
        delimiters: X12Delimiters, groups: [X12FunctionalGroup], errors: [X12SyntaxError]
    ) {
        self.authorizationQualifier = authorizationQualifier
        self.authorization = authorization
        self.securityQualifier = securityQualifier
        self.security = security
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.date = date
        self.time = time
        self.standardsIdentifierOrRepetitionSeparator = standardsIdentifierOrRepetitionSeparator
        self.version = version
        self.controlNumber = controlNumber
        self.acknowledgmentRequested = acknowledgmentRequested
        self.usage = usage
        self.delimiters = delimiters
        self.groups = groups
        self.errors = errors
    }

    /// A group's status once interchange-level errors are taken into account: they reject every group.
    public func status(of group: X12FunctionalGroup) -> X12AcceptanceStatus {
        errors.isEmpty ? group.status : .rejected
    }

    /// The transaction sets that may be processed: accepted sets of groups that are not rejected, in an
    /// interchange without envelope errors.
    public var acceptedTransactionSets: [X12TransactionSet] {
        guard errors.isEmpty else { return [] }
        return groups.filter { $0.status != .rejected }.flatMap { group in
            group.transactionSets.filter { $0.status == .accepted }
        }
    }

    /// Every problem at every level, interchange first: for logs.
    public var allErrors: [X12SyntaxError] {
        errors + groups.flatMap { group in group.errors + group.transactionSets.flatMap(\.errors) }
    }
}
