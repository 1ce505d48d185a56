import Contracts
import Foundation
import Persistence
import ServiceKit

extension FinanceStore {
    /// A payment recorded before: the hash of its request and the answer given then.
    public func payment(id: String, in transaction: PostgresTransaction) async throws -> (requestHash: String, answer: String)? {
        guard let row = try await transaction.query("SELECT request_hash, answer FROM payments WHERE id = $1", id).first else { return nil }
        return (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))
    }

    /// The customer's invoices with money open, oldest first, locked until the transaction ends.
    public func lockOpenInvoices(customer: String, currency: Currency, in transaction: PostgresTransaction) async throws -> [OpenInvoice] {
        try await transaction.query(
            """
            SELECT id, number, order_id, issued_at, open_minor FROM invoices
            WHERE customer_id = $1 AND currency = $2 AND open_minor > 0
            ORDER BY issued_at, series, sequence FOR UPDATE
            """,
            customer, currency.code
        ).map { row in
            OpenInvoice(invoiceID: try row.decode(String.self, at: 0), invoiceNumber: try row.decode(String.self, at: 1),
                        orderID: try row.decode(String.self, at: 2), issuedAt: try row.decode(Date.self, at: 3),
                        open: Money(minorUnits: try row.decode(Int64.self, at: 4), currency: currency))
        }
    }

    /// Stores the payment, its applications and the answer to repeat, and lowers the invoices' open amounts.
    public func insertPayment(
        _ payment: PaymentReceived, references: [String], requestHash: String, answer: String, in transaction: PostgresTransaction
    ) async throws {
        let applications = payment.applications
        _ = try await transaction.execute(
            """
            WITH payment AS (
                INSERT INTO payments (id, customer_id, currency, amount_minor, unapplied_minor, "references", request_hash, answer, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                RETURNING id
            ), applications AS (
                INSERT INTO payment_applications (payment_id, invoice_id, amount_minor)
                SELECT payment.id, application.* FROM payment, unnest($10::text[], $11::bigint[]) AS application(invoice_id, amount)
            )
            UPDATE invoices SET open_minor = open_minor - application.amount
            FROM unnest($10::text[], $11::bigint[]) AS application(invoice_id, amount)
            WHERE invoices.id = application.invoice_id
            """,
            payment.paymentID, payment.customer, payment.amount.currency.code, payment.amount.minorUnits, payment.unapplied.minorUnits, references,
            requestHash, answer, payment.receivedAt, applications.map(\.invoiceID), applications.map(\.amount.minorUnits)
        )
    }
}
