/// Whether a transaction set or functional group can be processed, as a 997 reports it (AK501 / AK901).
public enum X12AcceptanceStatus: String, Sendable, Hashable, CaseIterable {
    /// Accepted (`A`): every check passed.
    case accepted = "A"
    /// Accepted, but errors were noted (`E`); not produced by this module, read from partners' 997s.
    case acceptedWithErrors = "E"
    /// Some transaction sets of the group were accepted, some rejected (`P`, AK901 only).
    case partiallyAccepted = "P"
    /// Rejected (`R`): do not process.
    case rejected = "R"
}
