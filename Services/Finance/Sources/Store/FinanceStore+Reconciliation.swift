import Contracts
import Foundation
import Persistence

extension FinanceStore {
    /// Shipped vs invoiced vs posted vs paid for every order with a dispatch or an invoice in [from, to).
    public func reconciliation(from: Date, to: Date, limit: Int, in transaction: PostgresTransaction) async throws -> ReconciliationReport {
        let rows = try await transaction.query(
            """
            WITH scope AS (
                SELECT order_id FROM dispatches WHERE dispatched_at >= $1 AND dispatched_at < $2
                UNION SELECT order_id FROM invoices WHERE issued_at >= $1 AND issued_at < $2
            ), shipped AS (
                SELECT d.order_id, sum(d.units)::bigint AS units,
                       array_agg(d.dispatch_id || ' (' || d.units || ' unit(s), ' || to_char(d.dispatched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ')'
                                 ORDER BY d.dispatched_at) FILTER (WHERE d.invoice_id IS NULL) AS uninvoiced
                FROM dispatches d JOIN scope USING (order_id) GROUP BY d.order_id
            ), billed AS (
                SELECT i.order_id, min(i.customer_id) AS customer_id, min(i.currency) AS currency,
                       sum(i.total_minor)::bigint AS invoiced, sum(i.open_minor)::bigint AS open,
                       coalesce(sum(i.total_minor) FILTER (WHERE b.status = 'posted'), 0)::bigint AS posted,
                       array_agg(i.number ORDER BY i.number) FILTER (WHERE b.status IS DISTINCT FROM 'posted') AS unposted,
                       array_agg(i.number || ' (due ' || to_char(i.due_date, 'YYYY-MM-DD') || ')' ORDER BY i.number)
                           FILTER (WHERE i.open_minor > 0 AND i.due_date < (now() AT TIME ZONE 'UTC')::date) AS overdue,
                       (SELECT coalesce(sum(l.quantity), 0) FROM invoice_lines l JOIN invoices x ON x.id = l.invoice_id WHERE x.order_id = i.order_id)::bigint AS units
                FROM invoices i JOIN scope USING (order_id) LEFT JOIN settlement_batches b ON b.id = i.settlement_batch_id
                GROUP BY i.order_id
            ), paid AS (
                SELECT i.order_id, sum(a.amount_minor)::bigint AS paid
                FROM payment_applications a JOIN invoices i ON i.id = a.invoice_id JOIN scope USING (order_id) GROUP BY i.order_id
            ), credited AS (
                SELECT n.order_id, sum(n.applied_minor)::bigint AS credited FROM credit_notes n JOIN scope USING (order_id) GROUP BY n.order_id
            )
            SELECT s.order_id, coalesce(b.customer_id, o.customer_id, ''), coalesce(b.currency, o.currency, 'XXX'),
                   coalesce(sh.units, 0), coalesce(b.units, 0), coalesce(b.invoiced, 0), coalesce(b.posted, 0), coalesce(p.paid, 0),
                   coalesce(c.credited, 0), coalesce(b.open, 0), coalesce(sh.uninvoiced, '{}'), coalesce(b.unposted, '{}'), coalesce(b.overdue, '{}')
            FROM scope s
            LEFT JOIN shipped sh USING (order_id) LEFT JOIN billed b USING (order_id) LEFT JOIN paid p USING (order_id)
            LEFT JOIN credited c USING (order_id) LEFT JOIN orders o USING (order_id)
            ORDER BY s.order_id LIMIT $3
            """,
            from, to, limit
        )
        var orders: [ReconciliationReport.Order] = []
        var counts: [String: Int] = [:]
        for row in rows {
            let currency = try Self.currency(try row.decode(String.self, at: 2))
            func money(_ column: Int) throws -> Money { Money(minorUnits: try row.decode(Int64.self, at: column), currency: currency) }
            let shippedUnits = try row.decode(Int.self, at: 3)
            let invoicedUnits = try row.decode(Int.self, at: 4)
            var mismatches: [ReconciliationReport.Mismatch] = []
            let uninvoiced = try row.decode([String].self, at: 10)
            for dispatch in uninvoiced {
                mismatches.append(.init(kind: "shipped-not-invoiced", detail: "dispatch \(dispatch) has no invoice"))
            }
            if uninvoiced.isEmpty && shippedUnits != invoicedUnits {
                mismatches.append(.init(kind: "invoiced-units-differ", detail: "\(shippedUnits) unit(s) shipped, \(invoicedUnits) invoiced"))
            }
            for number in try row.decode([String].self, at: 11) {
                mismatches.append(.init(kind: "invoiced-not-posted", detail: "invoice \(number) is not in a posted settlement batch yet"))
            }
            for invoice in try row.decode([String].self, at: 12) {
                mismatches.append(.init(kind: "unpaid-past-due", detail: "invoice \(invoice) is past due and not fully paid"))
            }
            for mismatch in mismatches { counts[mismatch.kind, default: 0] += 1 }
            orders.append(ReconciliationReport.Order(
                orderID: try row.decode(String.self, at: 0), customer: try row.decode(String.self, at: 1), shippedUnits: shippedUnits,
                invoicedUnits: invoicedUnits, invoiced: try money(5), posted: try money(6), paid: try money(7), credited: try money(8), open: try money(9),
                mismatches: mismatches
            ))
        }
        let withMismatches = orders.filter { !$0.mismatches.isEmpty }.count
        let accuracy = orders.isEmpty ? Decimal(100) : Decimal(orders.count - withMismatches) * 100 / Decimal(orders.count)
        return ReconciliationReport(
            from: from, to: to,
            summary: .init(orders: orders.count, ordersWithMismatches: withMismatches, mismatches: counts, accuracyPercent: Self.percentText(accuracy)),
            orders: orders
        )
    }

    /// A percentage with exactly two decimals, rounded half up.
    static func percentText(_ value: Decimal) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 2, .plain)
        let hundredths = NSDecimalNumber(decimal: rounded * 100).int64Value
        return "\(hundredths / 100).\(String(format: "%02lld", hundredths % 100))"
    }
}
