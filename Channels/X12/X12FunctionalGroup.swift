/// One functional group (GS..GE) of an interchange: the unit a 997 acknowledges.
public struct X12FunctionalGroup: Sendable, Hashable {
    /// GS01, e.g. `PO` (850), `PR` (855), `SH` (856), `IN` (810), `FA` (997).
    public var functionalIdentifier: String
    /// GS02, the application sender's code.
    public var applicationSender: String
    /// GS03, the application receiver's code.
    public var applicationReceiver: String
    /// GS04, CCYYMMDD.
    public var date: String
    /// GS05, HHMM[SS[dd]].
    public var time: String
    /// GS06, echoed in the 997's AK102.
    public var controlNumber: String
    /// GS07, `X` for ASC X12.
    public var responsibleAgency: String
    /// GS08, e.g. `004010`.
    public var version: String
    /// GE01 as sent (`nil` when GE is missing or GE01 is not a number).
    public var declaredTransactionSetCount: Int?
    /// The transaction sets in order, each with its own errors.
    public var transactionSets: [X12TransactionSet]
    /// Group-level problems (GE missing, GE02 ≠ GS06, GE01 ≠ number of sets).
    public var errors: [X12SyntaxError]

    /// Creates a group.
    public init(
        functionalIdentifier: String, applicationSender: String, applicationReceiver: String, date: String,
        time: String, controlNumber: String, responsibleAgency: String, version: String,
        declaredTransactionSetCount: Int? = nil, transactionSets: [X12TransactionSet] = [], errors: [X12SyntaxError] = []
    ) {
        self.functionalIdentifier = functionalIdentifier
        self.applicationSender = applicationSender
        self.applicationReceiver = applicationReceiver
        self.date = date
        self.time = time
        self.controlNumber = controlNumber
        self.responsibleAgency = responsibleAgency
        self.version = version
        self.declaredTransactionSetCount = declaredTransactionSetCount
        self.transactionSets = transactionSets
        self.errors = errors
    }

    /// Rejected when the group envelope is broken or every set is rejected; partially accepted when some sets are
    /// rejected; accepted otherwise. Interchange-level errors are not considered here (see
    /// ``X12Interchange/status(of:)``).
    public var status: X12AcceptanceStatus {
        guard errors.isEmpty else { return .rejected }
        let accepted = transactionSets.count { $0.status == .accepted }
        if accepted == transactionSets.count { return .accepted }
        return accepted == 0 ? .rejected : .partiallyAccepted
    }

    /// The GS01 functional identifier that carries a transaction set, e.g. `PO` for `850`; `nil` when unknown here.
    public static func functionalIdentifier(forTransactionSet identifier: String) -> String? {
        switch identifier {
        case "850": "PO"
        case "855": "PR"
        case "856": "SH"
        case "810": "IN"
        case "997": "FA"
        case "846": "IB"
        case "860": "PC"
        case "865": "CA"
        default: nil
        }
    }
}
