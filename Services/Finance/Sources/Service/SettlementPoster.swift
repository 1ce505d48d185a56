import Contracts
import Foundation
import Logging
import Metrics
import Outbox
import Persistence
import ServiceKit
import ServiceLifecycle

/// Posts ready settlement batches to the ERP ledger, once each, and announces them (`finance.settlement.posted.v1`).
///
/// The batch id is the idempotency key: if the process dies after the ERP booked a batch but before it was marked
/// posted here, the next attempt gets the ERP's first document number back instead of a second booking. Failures
/// back off (doubling from `WHOLESAIL_FINANCE_POSTING_RETRY_INITIAL` to `…_MAXIMUM`); the batch stays ready, with
/// its last error, until it is in.
public struct SettlementPoster: Service {
    public let store: FinanceStore
    public let pool: PostgresPool
    public let ledger: any ERPLedger
    public let configuration: FinanceConfiguration
    public let logger: Logger
    private let signal: WakeSignal
    private let posted: Counter
    private let failures: Counter

    public init(
        store: FinanceStore, pool: PostgresPool, ledger: any ERPLedger, configuration: FinanceConfiguration, logger: Logger,
        metricsFactory: any MetricsFactory, signal: WakeSignal = WakeSignal()
    ) {
        self.store = store
        self.pool = pool
        self.ledger = ledger
        self.configuration = configuration
        self.logger = logger
        self.signal = signal
        posted = Counter(label: "finance_settlement_batches_posted_total", factory: metricsFactory)
        failures = Counter(label: "finance_settlement_posting_failures_total", factory: metricsFactory)
    }

    /// Look for ready batches now (after an approval or an on-demand batch).
    public func wake() {
        signal.signal()
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                await postDue()
                await signal.wait(timeout: .seconds(1))
            }
        } onGracefulShutdown: { [signal] in
            signal.signal()
        }
    }

    /// Posts every batch that is due now; returns how many reached the ledger.
    @discardableResult
    public func postDue() async -> Int {
        var posted = 0
        do {
            for batchID in try await store.dueBatchIDs(limit: 20, on: pool) where !Task.isCancelled {
                if await post(batchID: batchID) { posted += 1 }
            }
        } catch {
            logger.warning("looking for settlement batches to post failed; retrying", metadata: ["error": "\(error)"])
        }
        return posted
    }

    /// The batch as the ledger receives it.
    public func ledgerBatch(id: String) async throws -> LedgerBatch? {
        try await pool.transaction { transaction in
            guard let batch = try await store.batch(id: id, in: transaction) else { return nil }
            let entries = try await store.journalEntries(batchID: id, currency: batch.currency, in: transaction)
            return LedgerBatch(
                batchID: batch.id, currency: batch.currency, createdAt: batch.createdAt,
                controlTotals: LedgerBatch.Totals(entryCount: batch.totals.count, debitTotal: batch.totals.debitTotal,
                                                  creditTotal: batch.totals.creditTotal, hashTotal: batch.totals.hashTotal),
                entries: entries
            )
        }
    }

    /// One attempt at one batch; true when it is now posted.
    public func post(batchID: String) async -> Bool {
        do {
            guard let batch = try await ledgerBatch(id: batchID) else { return false }
            let documentNumber: String
            do {
                documentNumber = try await ledger.post(batch)
            } catch {
                try await recordFailure(batchID: batchID, error: error)
                return false
            }
            let postedAt = StableJSON.roundedToMilliseconds(Date())
            return try await pool.transaction { transaction in
                guard let record = try await store.batch(id: batchID, lock: true, in: transaction), record.status == .ready else { return false }
                guard try await store.markPosted(batchID: batchID, documentNumber: documentNumber, at: postedAt, in: transaction) else { return false }
                let event = SettlementPosted(
                    batchID: batchID, currency: record.currency, ledgerDocumentNumber: documentNumber, entryCount: record.totals.count,
                    debitTotal: record.totals.debitTotal, creditTotal: record.totals.creditTotal, hashTotal: record.totals.hashTotal,
                    approvedBy: record.approvedBy, postedAt: postedAt
                )
                try await store.publish(try EventEnvelope(payload: event, correlationID: batchID), in: transaction)
                posted.increment()
                logger.info("settlement batch posted", metadata: ["batch_id": "\(batchID)", "ledger_document": "\(documentNumber)",
                                                                  "entries": "\(record.totals.count)"])
                return true
            }
        } catch {
            logger.warning("posting settlement batch failed; retrying", metadata: ["batch_id": "\(batchID)", "error": "\(error)"])
            return false
        }
    }

    private func recordFailure(batchID: String, error: LedgerPostingError) async throws {
        let attempts = try await store.postingAttempts(batchID: batchID, on: pool)
        let backoff: Duration
        switch error {
        case .refused: backoff = configuration.postingRetryMaximum
        case .unavailable:
            let doubled = configuration.postingRetryInitial * Int(1 << min(attempts, 20))
            backoff = min(doubled, configuration.postingRetryMaximum)
        }
        try await store.recordPostingFailure(batchID: batchID, error: error.description, retryAfter: backoff, on: pool)
        failures.increment()
        logger.warning("settlement batch not posted", metadata: ["batch_id": "\(batchID)", "attempt": "\(attempts + 1)", "error": "\(error)",
                                                                 "retry_in": "\(backoff)"])
    }
}
