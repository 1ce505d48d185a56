import Contracts
import Foundation
import Persistence
import ServiceKit

/// Gathers every invoice, payment, credit note and refund not yet settled into batches — one per currency, amounts
/// of different currencies are never summed — as balanced double-entry journal entries (``JournalBuilder``), and
/// runs the controls before anything may be posted:
///
/// - every entry must balance (an unbalanced batch is never posted, approved or not);
/// - control totals (entry count, debit total, credit total, hash total) are computed from the journal and stored;
/// - they are compared with the expected totals — the documents' header totals as recorded when each document was
///   created, or the figures the requester states — and a variance above the threshold holds the batch until a
///   second person approves it (``SettlementApproval``).
public struct SettlementAssembler: Sendable {
    public let store: FinanceStore
    public let pool: PostgresPool
    public let controls: SettlementControls
    /// The most journal entries in one batch: what the ERP takes in one request (`WHOLESAIL_FINANCE_SETTLEMENT_MAX_ENTRIES`).
    public let maximumEntries: Int

    public init(store: FinanceStore, pool: PostgresPool, controls: SettlementControls, maximumEntries: Int = 20_000) {
        self.store = store
        self.pool = pool
        self.controls = controls
        self.maximumEntries = maximumEntries
    }

    /// Assembles the batches now; none when nothing is unsettled. A currency with more than ``maximumEntries``
    /// documents gets several batches, oldest documents first. `expected` replaces the header-derived expected totals
    /// for its currencies (the requester's own figures, e.g. from the payment gateway's statement) and then applies to
    /// the whole of that currency's documents, which must fit one batch.
    public func assemble(requestedBy: String, expected: [Currency: ExpectedTotals] = [:]) async throws -> [SettlementBatchRecord] {
        try await pool.transaction { transaction in
            try await store.lockSettlement(in: transaction)
            var batches: [SettlementBatchRecord] = []
            for currency in try await store.unsettledCurrencies(in: transaction) {
                while let batch = try await nextBatch(currency: currency, requestedBy: requestedBy, expected: expected[currency], in: transaction) {
                    batches.append(batch)
                    if batch.totals.count < maximumEntries { break }
                }
            }
            return batches
        }
    }

    /// Claims up to ``maximumEntries`` of the oldest unsettled documents in `currency` and stores them as a batch;
    /// nil when there are none.
    private func nextBatch(
        currency: Currency, requestedBy: String, expected: ExpectedTotals?, in transaction: PostgresTransaction
    ) async throws -> SettlementBatchRecord? {
        let batchID = "stl-" + CorrelationID.generate()
        let documents = try await store.claimDocuments(batchID: batchID, currency: currency, limit: maximumEntries, in: transaction)
        guard !documents.isEmpty else { return nil }
        var entries: [JournalEntry] = []
        entries.reserveCapacity(documents.count)
        for document in documents { entries.append(try JournalBuilder.entry(for: document)) }
        let result = try controls.evaluate(entries: entries, expected: try expected ?? ExpectedTotals.of(documents, currency: currency), currency: currency)
        let batch = SettlementBatchRecord(
            id: batchID, currency: currency, status: result.requiresApproval ? .held : .ready, requestedBy: requestedBy,
            createdAt: StableJSON.roundedToMilliseconds(Date()), totals: result.totals, expected: result.expected, variance: result.variance,
            unbalancedDocuments: result.unbalancedDocuments, holdReasons: result.holdReasons, approvedBy: nil, approvedAt: nil,
            postingAttempts: 0, lastPostingError: nil, ledgerDocumentNumber: nil, postedAt: nil
        )
        try await store.insertBatch(batch, entries: entries, in: transaction)
        return batch
    }
}
