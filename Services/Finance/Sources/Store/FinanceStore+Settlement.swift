import Contracts
import Foundation
import Persistence
import ServiceKit

extension FinanceStore {
    /// Takes the settlement lock for the rest of the transaction: batches are assembled one at a time, whoever asks.
    public func lockSettlement(in transaction: PostgresTransaction) async throws {
        _ = try await transaction.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.settlement'))")
    }

    /// Currencies with documents not yet in a batch.
    public func unsettledCurrencies(in transaction: PostgresTransaction) async throws -> [Currency] {
        try await transaction.query(
            """
            SELECT currency FROM invoices WHERE settlement_batch_id IS NULL
            UNION SELECT currency FROM payments WHERE settlement_batch_id IS NULL
            UNION SELECT currency FROM credit_notes WHERE settlement_batch_id IS NULL
            UNION SELECT currency FROM refunds WHERE settlement_batch_id IS NULL AND amount_minor > 0
            ORDER BY 1
            """
        ).map { try Self.currency(try $0.decode(String.self, at: 0)) }
    }

    /// Puts the oldest `limit` unsettled documents of `currency` into the batch and returns them, each with its net and
    /// tax summed from its lines and its header total as recorded when it was created.
    public func claimDocuments(batchID: String, currency: Currency, limit: Int, in transaction: PostgresTransaction) async throws -> [SettlementDocument] {
        let rows = try await transaction.query(
            """
            WITH candidate AS (
                SELECT * FROM (
                    SELECT 'invoice' AS kind, id, issued_at AS at FROM invoices WHERE settlement_batch_id IS NULL AND currency = $2
                    UNION ALL SELECT 'payment', id, received_at FROM payments WHERE settlement_batch_id IS NULL AND currency = $2
                    UNION ALL SELECT 'credit-note', id, issued_at FROM credit_notes WHERE settlement_batch_id IS NULL AND currency = $2
                    UNION ALL SELECT 'refund', id, completed_at FROM refunds WHERE settlement_batch_id IS NULL AND currency = $2 AND amount_minor > 0
                ) AS unsettled ORDER BY at, kind, id LIMIT $3
            ), invoice AS (
                UPDATE invoices SET settlement_batch_id = $1 WHERE id IN (SELECT id FROM candidate WHERE kind = 'invoice')
                RETURNING id, number, order_id, customer_id, total_minor, issued_at
            ), payment AS (
                UPDATE payments SET settlement_batch_id = $1 WHERE id IN (SELECT id FROM candidate WHERE kind = 'payment')
                RETURNING id, customer_id, amount_minor, received_at
            ), note AS (
                UPDATE credit_notes SET settlement_batch_id = $1 WHERE id IN (SELECT id FROM candidate WHERE kind = 'credit-note')
                RETURNING id, number, order_id, customer_id, total_minor, issued_at
            ), refund AS (
                UPDATE refunds SET settlement_batch_id = $1 WHERE id IN (SELECT id FROM candidate WHERE kind = 'refund')
                RETURNING id, order_id, customer_id, amount_minor, completed_at
            )
            SELECT 'invoice', i.id, i.number, i.order_id, i.customer_id, l.net, l.tax, i.total_minor, i.issued_at
            FROM invoice i, LATERAL (SELECT coalesce(sum(net_minor), 0)::bigint AS net, coalesce(sum(tax_minor), 0)::bigint AS tax
                                     FROM invoice_lines WHERE invoice_id = i.id) l
            UNION ALL
            SELECT 'payment', p.id, p.id, NULL, p.customer_id, p.amount_minor, 0, p.amount_minor, p.received_at FROM payment p
            UNION ALL
            SELECT 'credit-note', n.id, n.number, n.order_id, n.customer_id, l.net, l.tax, n.total_minor, n.issued_at
            FROM note n, LATERAL (SELECT coalesce(sum(net_minor), 0)::bigint AS net, coalesce(sum(tax_minor), 0)::bigint AS tax
                                  FROM credit_note_lines WHERE credit_note_id = n.id) l
            UNION ALL
            SELECT 'refund', r.id, r.id, r.order_id, r.customer_id, r.amount_minor, 0, r.amount_minor, r.completed_at FROM refund r
            ORDER BY 9, 1, 3
            """,
            batchID, currency.code, limit
        )
        return try rows.map { row in
            let kindText = try row.decode(String.self, at: 0)
            guard let kind = SettlementDocumentKind(rawValue: kindText) else { throw FinanceStoreError.corrupt("document kind \(kindText)") }
            return SettlementDocument(
                kind: kind, id: try row.decode(String.self, at: 1), number: try row.decode(String.self, at: 2), orderID: try row.decode(String?.self, at: 3),
                customer: try row.decode(String.self, at: 4), currency: currency,
                net: Money(minorUnits: try row.decode(Int64.self, at: 5), currency: currency), tax: Money(minorUnits: try row.decode(Int64.self, at: 6), currency: currency),
                total: Money(minorUnits: try row.decode(Int64.self, at: 7), currency: currency), occurredAt: try row.decode(Date.self, at: 8)
            )
        }
    }

    /// Stores a new batch and its journal entries.
    public func insertBatch(_ batch: SettlementBatchRecord, entries: [JournalEntry], in transaction: PostgresTransaction) async throws {
        var lines: [String] = []
        lines.reserveCapacity(entries.count)
        for entry in entries { lines.append(String(decoding: try StableJSON.encode(entry.lines), as: UTF8.self)) }
        _ = try await transaction.execute(
            """
            WITH batch AS (
                INSERT INTO settlement_batches (id, currency, status, requested_by, created_at, document_count, debit_total_minor, credit_total_minor,
                    hash_total, expected_count, expected_debit_minor, expected_credit_minor, variance_minor, unbalanced_documents, hold_reasons)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                RETURNING id
            )
            INSERT INTO journal_entries (batch_id, position, document_kind, document_id, document_number, order_id, customer_id, lines)
            SELECT batch.id, entry.* FROM batch,
                unnest($16::int[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::jsonb[])
                AS entry(position, kind, id, number, order_id, customer_id, lines)
            """,
            batch.id, batch.currency.code, batch.status.rawValue, batch.requestedBy, batch.createdAt, batch.totals.count,
            batch.totals.debitTotal.minorUnits, batch.totals.creditTotal.minorUnits, batch.totals.hashTotal, batch.expected.count,
            batch.expected.debitTotal.minorUnits, batch.expected.creditTotal.minorUnits, batch.variance.minorUnits, batch.unbalancedDocuments,
            batch.holdReasons, Array(entries.indices), entries.map(\.documentKind.rawValue), entries.map(\.documentID), entries.map(\.documentNumber),
            entries.map(\.orderID), entries.map(\.customer), lines
        )
    }

    static let batchColumns = """
        id, currency, status, requested_by, created_at, document_count, debit_total_minor, credit_total_minor, hash_total, expected_count,
        expected_debit_minor, expected_credit_minor, variance_minor, unbalanced_documents, hold_reasons, approved_by, approved_at,
        posting_attempts, last_posting_error, erp_document_number, posted_at
        """

    static func batch(from row: PostgresRow) throws -> SettlementBatchRecord {
        let currency = try currency(try row.decode(String.self, at: 1))
        func money(_ column: Int) throws -> Money { Money(minorUnits: try row.decode(Int64.self, at: column), currency: currency) }
        let statusText = try row.decode(String.self, at: 2)
        guard let status = SettlementBatchRecord.Status(rawValue: statusText) else { throw FinanceStoreError.corrupt("batch status \(statusText)") }
        return SettlementBatchRecord(
            id: try row.decode(String.self, at: 0), currency: currency, status: status, requestedBy: try row.decode(String.self, at: 3),
            createdAt: try row.decode(Date.self, at: 4),
            totals: ControlTotals(count: try row.decode(Int.self, at: 5), debitTotal: try money(6), creditTotal: try money(7), hashTotal: try row.decode(Int64.self, at: 8)),
            expected: ExpectedTotals(count: try row.decode(Int.self, at: 9), debitTotal: try money(10), creditTotal: try money(11)),
            variance: try money(12), unbalancedDocuments: try row.decode([String].self, at: 13), holdReasons: try row.decode([String].self, at: 14),
            approvedBy: try row.decode(String?.self, at: 15), approvedAt: try row.decode(Date?.self, at: 16), postingAttempts: try row.decode(Int.self, at: 17),
            lastPostingError: try row.decode(String?.self, at: 18), ledgerDocumentNumber: try row.decode(String?.self, at: 19), postedAt: try row.decode(Date?.self, at: 20)
        )
    }

    public func batch(id: String, lock: Bool = false, in transaction: PostgresTransaction) async throws -> SettlementBatchRecord? {
        try await transaction.query("SELECT \(Self.batchColumns) FROM settlement_batches WHERE id = $1\(lock ? " FOR UPDATE" : "")", id)
            .first.map(Self.batch(from:))
    }

    /// Batches, newest first; only those with `status` when given.
    public func batches(status: SettlementBatchRecord.Status?, limit: Int, in transaction: PostgresTransaction) async throws -> [SettlementBatchRecord] {
        try await transaction.query(
            "SELECT \(Self.batchColumns) FROM settlement_batches WHERE $1::text IS NULL OR status = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
            status?.rawValue, limit
        ).map(Self.batch(from:))
    }

    /// The batch's journal entries, in order.
    public func journalEntries(batchID: String, currency: Currency, in transaction: PostgresTransaction) async throws -> [JournalEntry] {
        try await transaction.query(
            "SELECT document_kind, document_id, document_number, order_id, customer_id, lines::text FROM journal_entries WHERE batch_id = $1 ORDER BY position",
            batchID
        ).map { row in
            let kindText = try row.decode(String.self, at: 0)
            guard let kind = SettlementDocumentKind(rawValue: kindText) else { throw FinanceStoreError.corrupt("document kind \(kindText)") }
            return JournalEntry(
                documentKind: kind, documentID: try row.decode(String.self, at: 1), documentNumber: try row.decode(String.self, at: 2),
                orderID: try row.decode(String?.self, at: 3), customer: try row.decode(String.self, at: 4), currency: currency,
                lines: try StableJSON.decode([JournalLine].self, from: Data(try row.decode(String.self, at: 5).utf8))
            )
        }
    }

    public func approve(batchID: String, approver: String, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            "UPDATE settlement_batches SET status = 'ready', approved_by = $2, approved_at = now(), next_posting_at = now() WHERE id = $1 AND status = 'held'",
            batchID, approver
        )
    }

    /// Ready batches whose next posting is due, oldest first.
    public func dueBatchIDs(limit: Int, on pool: PostgresPool) async throws -> [String] {
        try await pool.query(
            "SELECT id FROM settlement_batches WHERE status = 'ready' AND next_posting_at <= now() ORDER BY created_at, id LIMIT $1", limit
        ).map { try $0.decode(String.self, at: 0) }
    }

    /// Marks the batch posted; false when it was already (another poster got there first).
    public func markPosted(batchID: String, documentNumber: String, at postedAt: Date, in transaction: PostgresTransaction) async throws -> Bool {
        try await transaction.execute(
            """
            UPDATE settlement_batches SET status = 'posted', erp_document_number = $2, posted_at = $3, posting_attempts = posting_attempts + 1,
                last_posting_error = NULL
            WHERE id = $1 AND status = 'ready'
            """,
            batchID, documentNumber, postedAt
        ) == 1
    }

    public func recordPostingFailure(batchID: String, error: String, retryAfter: Duration, on pool: PostgresPool) async throws {
        let milliseconds = retryAfter.components.seconds * 1000 + retryAfter.components.attoseconds / 1_000_000_000_000_000
        _ = try await pool.execute(
            """
            UPDATE settlement_batches SET posting_attempts = posting_attempts + 1, last_posting_error = $2,
                next_posting_at = now() + make_interval(secs => $3::bigint / 1000.0)
            WHERE id = $1 AND status = 'ready'
            """,
            batchID, error, milliseconds
        )
    }

    public func postingAttempts(batchID: String, on pool: PostgresPool) async throws -> Int {
        try await pool.query("SELECT posting_attempts FROM settlement_batches WHERE id = $1", batchID).first?.decode(Int.self, at: 0) ?? 0
    }
}
