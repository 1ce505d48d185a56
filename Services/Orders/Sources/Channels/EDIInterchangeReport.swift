import Foundation

/// What `POST /v1/channels/edi/interchanges` did with each transaction set, with the 997 that says the same to the
/// partner. Stored with the interchange, and returned again if the partner sends the same interchange twice.
struct EDIInterchangeReport: Codable, Sendable, Hashable {
    struct Problem: Codable, Sendable, Hashable {
        /// The segment at fault, e.g. `SE`, `CTT`, `PO1`.
        var segment: String
        /// Its position in the transaction set (ST = 1), when known.
        var position: Int?
        /// The element at fault (1-based), when known.
        var element: Int?
        /// The X12 997 code reported to the partner.
        var code: String
        var detail: String
    }

    struct TransactionSet: Codable, Sendable, Hashable {
        var groupControlNumber: String
        var controlNumber: String
        /// ST01, e.g. `850`.
        var type: String
        /// `accepted` (an order was created or found), `rejected` (see ``problems``), or `not-processed` (a valid set
        /// of a type Wholesail does not take in; acknowledged as received).
        var status: String
        var purchaseOrderNumber: String?
        var orderID: String?
        /// True when the purchase order was already received (in this or an earlier interchange).
        var duplicate: Bool?
        var problems: [Problem]
    }

    var interchangeID: String
    var partnerID: String
    var interchangeControlNumber: String
    /// `accepted`, `partially-accepted` or `rejected`.
    var status: String
    /// Envelope problems that reject the whole interchange (ISA/IEA).
    var interchangeProblems: [Problem]
    var transactionSets: [TransactionSet]
    /// The id of the stored 997 document.
    var acknowledgmentDocumentID: String?
    /// The 997 functional acknowledgment, as X12 text.
    var acknowledgment: String
}
