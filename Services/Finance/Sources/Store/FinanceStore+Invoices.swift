import Contracts
import Foundation
import Persistence
import ServiceKit

extension FinanceStore {
    /// Keeps the confirmed order's priced lines and ship-to; false when it was kept before.
    public func insertOrder(_ order: OrderConfirmed, in transaction: PostgresTransaction) async throws -> Bool {
        let shipTo = String(decoding: try StableJSON.encode(order.shipTo), as: UTF8.self)
        return try await transaction.query(
            """
            WITH new_order AS (
                INSERT INTO orders (order_id, customer_id, currency, ship_to, total_minor, confirmed_at)
                VALUES ($1, $2, $3, $4::jsonb, $5, $6)
                ON CONFLICT (order_id) DO NOTHING
                RETURNING order_id
            ), lines AS (
                INSERT INTO order_lines (order_id, line_number, sku, quantity, unit_price_minor, extended_minor, category)
                SELECT new_order.order_id, line.*
                FROM new_order, unnest($7::int[], $8::text[], $9::int[], $10::bigint[], $11::bigint[], $12::text[])
                    AS line(line_number, sku, quantity, unit_price, extended, category)
            )
            SELECT count(*)::int FROM new_order
            """,
            order.orderID, order.customer, order.currency.code, shipTo, order.total.minorUnits, order.confirmedAt,
            order.lines.map(\.lineNumber), order.lines.map(\.sku), order.lines.map(\.quantity), order.lines.map(\.unitPrice.minorUnits),
            order.lines.map(\.extendedAmount.minorUnits), order.lines.map { $0.category ?? "" }
        ).first?.decode(Int.self, at: 0) == 1
    }

    /// The order with its lines, locked until the transaction ends (invoices of one order are issued one at a time).
    /// Tax classes: the product's configured class, else the line's category, else `defaultTaxClass`.
    public func lockOrder(id: String, defaultTaxClass: String, in transaction: PostgresTransaction) async throws -> FinanceOrder? {
        guard let row = try await transaction.query(
            "SELECT customer_id, currency, ship_to::text FROM orders WHERE order_id = $1 FOR UPDATE", id
        ).first else { return nil }
        let currency = try Self.currency(try row.decode(String.self, at: 1))
        let shipTo = try StableJSON.decode(PostalAddress.self, from: Data(try row.decode(String.self, at: 2).utf8))
        let rows = try await transaction.query(
            """
            SELECT l.line_number, l.sku, l.quantity, l.unit_price_minor, l.extended_minor, coalesce(p.tax_class, nullif(l.category, ''), $2),
                   l.invoiced_quantity, l.invoiced_net_minor
            FROM order_lines l LEFT JOIN product_tax_classes p ON p.sku = l.sku
            WHERE l.order_id = $1 ORDER BY l.line_number
            """,
            id, defaultTaxClass
        )
        let lines = try rows.map { line in
            FinanceOrder.Line(
                priced: PricedLine(
                    lineNumber: try line.decode(Int.self, at: 0), sku: try line.decode(String.self, at: 1), quantity: try line.decode(Int.self, at: 2),
                    unitPrice: Money(minorUnits: try line.decode(Int64.self, at: 3), currency: currency),
                    extendedAmount: Money(minorUnits: try line.decode(Int64.self, at: 4), currency: currency), taxClass: try line.decode(String.self, at: 5)
                ),
                invoicedQuantity: try line.decode(Int.self, at: 6), invoicedNet: Money(minorUnits: try line.decode(Int64.self, at: 7), currency: currency)
            )
        }
        return FinanceOrder(orderID: id, customer: try row.decode(String.self, at: 0), currency: currency, shipTo: shipTo, lines: lines)
    }

    /// Records a dispatch finance heard of; false when it was recorded before (a redelivery).
    public func insertDispatch(_ dispatch: ShipmentDispatched, in transaction: PostgresTransaction) async throws -> Bool {
        let lines = String(decoding: try StableJSON.encode(dispatch.lines), as: UTF8.self)
        return try await transaction.execute(
            """
            INSERT INTO dispatches (dispatch_id, shipment_id, order_id, lines, units, dispatched_at)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (dispatch_id) DO NOTHING
            """,
            dispatch.dispatchID, dispatch.shipmentID, dispatch.orderID, lines, dispatch.lines.reduce(0) { $0 + $1.quantity }, dispatch.dispatchedAt
        ) == 1
    }

    /// Stores the invoice and its lines, marks the order lines invoiced and the dispatch billed.
    public func insertInvoice(_ invoice: InvoiceRecord, in transaction: PostgresTransaction) async throws {
        let lines = invoice.lines
        _ = try await transaction.execute(
            """
            WITH invoice AS (
                INSERT INTO invoices (id, number, series, sequence, order_id, customer_id, dispatch_id, shipment_id, currency,
                                      net_minor, tax_minor, total_minor, open_minor, issued_at, due_date)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14::date)
                RETURNING id
            ), invoice_lines AS (
                INSERT INTO invoice_lines (invoice_id, line_number, sku, tax_class, quantity, unit_price_minor, net_minor, tax_minor, tax_region, rate_percent)
                SELECT invoice.id, line.*
                FROM invoice, unnest($15::int[], $16::text[], $17::text[], $18::int[], $19::bigint[], $20::bigint[], $21::bigint[], $22::text[], $23::numeric[])
                    AS line(line_number, sku, tax_class, quantity, unit_price, net, tax, region, rate)
            ), order_lines_billed AS (
                UPDATE order_lines SET invoiced_quantity = invoiced_quantity + line.quantity, invoiced_net_minor = invoiced_net_minor + line.net
                FROM unnest($15::int[], $18::int[], $20::bigint[]) AS line(line_number, quantity, net)
                WHERE order_lines.order_id = $5 AND order_lines.line_number = line.line_number
            )
            UPDATE dispatches SET invoice_id = $1 WHERE dispatch_id = $7
            """,
            invoice.id, invoice.number, invoice.series, invoice.sequence, invoice.orderID, invoice.customer, invoice.dispatchID, invoice.shipmentID,
            invoice.total.currency.code, invoice.net.minorUnits, invoice.tax.minorUnits, invoice.total.minorUnits, invoice.issuedAt, invoice.dueDate,
            lines.map(\.lineNumber), lines.map(\.sku), lines.map(\.taxClass), lines.map(\.quantity), lines.map(\.unitPrice.minorUnits),
            lines.map(\.net.minorUnits), lines.map(\.tax.minorUnits), lines.map(\.taxRegion), lines.map(\.ratePercent)
        )
    }

    static let invoiceColumns = """
        id, number, series, sequence, order_id, customer_id, dispatch_id, shipment_id, currency, net_minor, tax_minor, total_minor, open_minor,
        issued_at, to_char(due_date, 'YYYY-MM-DD'), settlement_batch_id
        """

    func invoice(from row: PostgresRow, in transaction: PostgresTransaction) async throws -> InvoiceRecord {
        let currency = try Self.currency(try row.decode(String.self, at: 8))
        let id = try row.decode(String.self, at: 0)
        func money(_ column: Int) throws -> Money { Money(minorUnits: try row.decode(Int64.self, at: column), currency: currency) }
        let lines = try await transaction.query(
            """
            SELECT line_number, sku, tax_class, quantity, unit_price_minor, net_minor, tax_minor, tax_region, rate_percent
            FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_number
            """,
            id
        ).map { line in
            InvoiceRecord.Line(
                lineNumber: try line.decode(Int.self, at: 0), sku: try line.decode(String.self, at: 1), taxClass: try line.decode(String.self, at: 2),
                quantity: try line.decode(Int.self, at: 3), unitPrice: Money(minorUnits: try line.decode(Int64.self, at: 4), currency: currency),
                net: Money(minorUnits: try line.decode(Int64.self, at: 5), currency: currency),
                tax: Money(minorUnits: try line.decode(Int64.self, at: 6), currency: currency), taxRegion: try line.decode(String.self, at: 7),
                ratePercent: try line.decode(Decimal.self, at: 8)
            )
        }
        return InvoiceRecord(
            id: id, number: try row.decode(String.self, at: 1), series: try row.decode(String.self, at: 2), sequence: try row.decode(Int64.self, at: 3),
            orderID: try row.decode(String.self, at: 4), customer: try row.decode(String.self, at: 5), dispatchID: try row.decode(String.self, at: 6),
            shipmentID: try row.decode(String.self, at: 7), net: try money(9), tax: try money(10), total: try money(11), open: try money(12),
            issuedAt: try row.decode(Date.self, at: 13), dueDate: try row.decode(String.self, at: 14),
            settlementBatchID: try row.decode(String?.self, at: 15), lines: lines
        )
    }

    /// An invoice by id or by number.
    public func invoice(idOrNumber: String, in transaction: PostgresTransaction) async throws -> InvoiceRecord? {
        guard let row = try await transaction.query("SELECT \(Self.invoiceColumns) FROM invoices WHERE id = $1 OR number = $1", idOrNumber).first else {
            return nil
        }
        return try await invoice(from: row, in: transaction)
    }

    /// An order's invoices, in number order.
    public func invoices(orderID: String, in transaction: PostgresTransaction) async throws -> [InvoiceRecord] {
        var invoices: [InvoiceRecord] = []
        for row in try await transaction.query("SELECT \(Self.invoiceColumns) FROM invoices WHERE order_id = $1 ORDER BY series, sequence", orderID) {
            invoices.append(try await invoice(from: row, in: transaction))
        }
        return invoices
    }

    /// The tax each order line was charged on its latest invoice: the rate a credit note must give back.
    public func chargedTax(orderID: String, in transaction: PostgresTransaction) async throws -> [Int: TaxRate] {
        var rates: [Int: TaxRate] = [:]
        for row in try await transaction.query(
            """
            SELECT DISTINCT ON (l.line_number) l.line_number, l.tax_region, l.tax_class, l.rate_percent
            FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            WHERE i.order_id = $1 ORDER BY l.line_number, i.issued_at DESC, i.sequence DESC
            """,
            orderID
        ) {
            rates[try row.decode(Int.self, at: 0)] = TaxRate(region: try row.decode(String.self, at: 1), taxClass: try row.decode(String.self, at: 2),
                                                            ratePercent: try row.decode(Decimal.self, at: 3))
        }
        return rates
    }
}
