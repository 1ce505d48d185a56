/// Where settlement batches go: the distributor's ERP general ledger. ``HTTPERPLedger`` speaks JSON over HTTP;
/// another ERP gets another implementation.
///
/// `post` must be idempotent on the ERP side by ``LedgerBatch/batchID`` (sent as the idempotency key): the poster
/// repeats a posting whose answer it never saw (a crash, a timeout), and the ERP must answer it with the first
/// document, never book the batch twice.
public protocol ERPLedger: Sendable {
    /// Posts one batch of balanced journal entries; returns the ERP's document number for it.
    /// - Throws: ``LedgerPostingError``: `.unavailable` for what is worth retrying, `.refused` for an answer that will
    ///   not change.
    func post(_ batch: LedgerBatch) async throws(LedgerPostingError) -> String
}
