import Contracts
import Foundation
import Persistence

extension FinanceStore {
    public func creditNoteExists(receiptID: String, in transaction: PostgresTransaction) async throws -> Bool {
        try await !transaction.query("SELECT 1 FROM credit_notes WHERE receipt_id = $1", receiptID).isEmpty
    }

    /// The order's invoices with money open, oldest first, locked until the transaction ends.
    public func lockOpenInvoices(orderID: String, currency: Currency, in transaction: PostgresTransaction) async throws -> [(id: String, open: Int64)] {
        try await transaction.query(
            "SELECT id, open_minor FROM invoices WHERE order_id = $1 AND open_minor > 0 ORDER BY issued_at, series, sequence FOR UPDATE", orderID
        ).map { row in (try row.decode(String.self, at: 0), try row.decode(Int64.self, at: 1)) }
    }

    /// Stores the credit note, its lines and its refund; lowers the open amounts it settled (`settled`: invoice id → amount).
    public func insertCreditNote(_ note: CreditNoteRecord, settled: [(id: String, amount: Int64)], in transaction: PostgresTransaction) async throws {
        let lines = note.lines
        _ = try await transaction.execute(
            """
            WITH note AS (
                INSERT INTO credit_notes (id, number, series, sequence, receipt_id, rma, order_id, customer_id, currency, net_minor, tax_minor,
                                          total_minor, applied_minor, issued_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                RETURNING id
            ), note_lines AS (
                INSERT INTO credit_note_lines (credit_note_id, line_number, sku, quantity, net_minor, tax_minor, rate_percent)
                SELECT note.id, line.* FROM note, unnest($15::int[], $16::text[], $17::int[], $18::bigint[], $19::bigint[], $20::numeric[])
                    AS line(line_number, sku, quantity, net, tax, rate)
            ), refund AS (
                INSERT INTO refunds (id, credit_note_id, rma, order_id, customer_id, currency, amount_minor, completed_at)
                SELECT $21, note.id, $6, $7, $8, $9, $22, $14 FROM note
            )
            UPDATE invoices SET open_minor = open_minor - settled.amount
            FROM unnest($23::text[], $24::bigint[]) AS settled(invoice_id, amount)
            WHERE invoices.id = settled.invoice_id
            """,
            note.id, note.number, note.series, note.sequence, note.receiptID, note.rma, note.orderID, note.customer, note.total.currency.code,
            note.net.minorUnits, note.tax.minorUnits, note.total.minorUnits, note.applied.minorUnits, note.issuedAt,
            lines.map(\.lineNumber), lines.map(\.sku), lines.map(\.quantity), lines.map(\.net.minorUnits), lines.map(\.tax.minorUnits),
            lines.map(\.ratePercent), note.refundID, note.refund.minorUnits, settled.map(\.id), settled.map(\.amount)
        )
    }
}
