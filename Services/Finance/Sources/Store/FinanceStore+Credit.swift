import Contracts
import Foundation
import Persistence

extension FinanceStore {
    public func creditCheck(orderID: String, in transaction: PostgresTransaction) async throws -> CreditCheckRecord? {
        guard let row = try await transaction.query(
            "SELECT order_id, customer_id, currency, amount_minor, approved, reason, detail, decided_at, held_minor FROM credit_checks WHERE order_id = $1",
            orderID
        ).first else { return nil }
        let currency = try Self.currency(try row.decode(String.self, at: 2))
        return CreditCheckRecord(
            orderID: try row.decode(String.self, at: 0), customer: try row.decode(String.self, at: 1),
            amount: Money(minorUnits: try row.decode(Int64.self, at: 3), currency: currency), approved: try row.decode(Bool.self, at: 4),
            reason: try row.decode(String?.self, at: 5), detail: try row.decode(String?.self, at: 6), decidedAt: try row.decode(Date.self, at: 7),
            held: Money(minorUnits: try row.decode(Int64.self, at: 8), currency: currency)
        )
    }

    /// Records the decision; an approval holds its amount. False when the order was decided before.
    public func insertCreditCheck(_ record: CreditCheckRecord, in transaction: PostgresTransaction) async throws -> Bool {
        try await transaction.execute(
            """
            INSERT INTO credit_checks (order_id, customer_id, currency, amount_minor, approved, reason, detail, decided_at, held_minor)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (order_id) DO NOTHING
            """,
            record.orderID, record.customer, record.amount.currency.code, record.amount.minorUnits, record.approved, record.reason,
            record.detail, record.decidedAt, record.held.minorUnits
        ) == 1
    }

    /// Releases what is still held for the order (it was rejected or cancelled); the amount released, 0 if nothing was held.
    ///
    /// The hold is found by its primary key: `held_minor <> 0` (the same as `> 0`, the column's CHECK forbids negatives)
    /// does not match the predicate of `credit_checks_open_holds`, so the planner cannot walk every open hold of the day
    /// through that partial index instead — which it did on a peak day, with statistics from when the table was small.
    public func releaseCredit(orderID: String, reason: String, in transaction: PostgresTransaction) async throws -> Int64 {
        try await transaction.query(
            """
            UPDATE credit_checks SET held_minor = 0, released_at = now(), release_reason = $2
            FROM (SELECT order_id, held_minor AS before FROM credit_checks WHERE order_id = $1 AND held_minor <> 0 FOR UPDATE) AS old
            WHERE credit_checks.order_id = old.order_id
            RETURNING old.before
            """,
            orderID, reason
        ).first?.decode(Int64.self, at: 0) ?? 0
    }

    /// Lowers the order's hold by an invoiced amount (never below zero): invoiced money is a receivable now, not a hold.
    /// Found by primary key, as in ``releaseCredit(orderID:reason:in:)``.
    public func drawDownCredit(orderID: String, by amount: Int64, releaseAll: Bool, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            """
            UPDATE credit_checks
            SET held_minor = CASE WHEN $3 THEN 0 ELSE greatest(held_minor - $2, 0) END,
                released_at = CASE WHEN $3 OR held_minor <= $2 THEN now() ELSE released_at END,
                release_reason = CASE WHEN $3 OR held_minor <= $2 THEN 'invoiced' ELSE release_reason END
            WHERE order_id = $1 AND held_minor <> 0
            """,
            orderID, amount, releaseAll
        )
    }
}
