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

    public init(store: FinanceStore, pool: PostgresPool, controls: SettlementControls) {
        self.store = store
        self.pool = pool
        self.controls = controls
    }

    /// Assembles the batches now; none when nothing is unsettled. `expected` replaces the header-derived expected
    /// totals for its currencies (the requester's own figures, e.g. from the payment gateway's statement).
    public func assemble(requestedBy: String, expected: [Currency: ExpectedTotals] = [:]) async throws -> [SettlementBatchRecord] {
        try await pool.transaction { transaction in
            try await store.lockSettlement(in: transaction)
            var batches: [SettlementBatchRecord] = []
            for currency in try await store.unsettledCurrencies(in: transaction) {
                let batchID = "stl-" + CorrelationID.generate()
                let documents = try await store.claimDocuments(batchID: batchID, currency: currency, in: transaction)
                guard !documents.isEmpty else { continue }
                var entries: [JournalEntry] = []
                entries.reserveCapacity(documents.count)
                for document in documents { entries.append(try JournalBuilder.entry(for: document)) }
                let expectedTotals = try expected[currency] ?? ExpectedTotals.of(documents, currency: currency)
                let result = try controls.evaluate(entries: entries, expected: expectedTotals, currency: currency)
                let batch = SettlementBatchRecord(
                    id: batchID, currency: currency, status: result.requiresApproval ? .held : .ready, requestedBy: requestedBy,
                    createdAt: StableJSON.roundedToMilliseconds(Date()), totals: result.totals, expected: result.expected, variance: result.variance,
                    unbalancedDocuments: result.unbalancedDocuments, holdReasons: result.holdReasons, approvedBy: nil, approvedAt: nil,
                    postingAttempts: 0, lastPostingError: nil, ledgerDocumentNumber: nil, postedAt: nil
                )
                try await store.insertBatch(batch, entries: entries, in: transaction)
                batches.append(batch)
            }
            return batches
        }
    }
}
