import Contracts

/// Where confirmed orders go: the distributor's ERP order API. ``HTTPERPConnector`` speaks JSON over HTTP; another
/// ERP gets another implementation.
///
/// `post` must be idempotent on the ERP side by ``ERPSalesOrder/orderID`` (sent as the idempotency key): the poster
/// repeats a call whose answer it never saw, and the ERP must answer it with the first document, not a second one.
public protocol ERPConnector: Sendable {
    /// Posts one confirmed order; returns the ERP's document number.
    /// - Throws: ``ERPPostingError``: `.unavailable` for what is worth retrying (timeouts, 5xx, 429, connection
    ///   failures), `.refused` for an answer that will not change (the ERP rejected the order).
    func post(_ order: ERPSalesOrder) async throws(ERPPostingError) -> String
}
