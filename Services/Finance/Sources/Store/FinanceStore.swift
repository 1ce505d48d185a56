import Contracts
import Foundation
import Outbox
import Persistence
import ServiceKit

/// The finance schema's reads and writes, each inside the caller's transaction. Events leave only through the
/// outbox, in the same transaction as the change they announce.
public struct FinanceStore: Sendable {
    public let outbox: OutboxWriter

    public init(outbox: OutboxWriter) {
        self.outbox = outbox
    }

    public func publish<Payload: EventPayload>(_ envelope: EventEnvelope<Payload>, in transaction: PostgresTransaction) async throws {
        try await outbox.append(envelope, in: transaction)
    }

    static func currency(_ code: String) throws -> Currency {
        do {
            return try Currency(code: code.trimmingCharacters(in: .whitespaces))
        } catch {
            throw FinanceStoreError.corrupt("currency \(code)")
        }
    }

    // MARK: Numbering

    /// The next number of a series (`INV-2026`), gap-free: the series row stays locked until the transaction ends,
    /// and a rollback gives the number back. Formatted `<series>-<at least 6 digits>`.
    public func nextNumber(series: String, in transaction: PostgresTransaction) async throws -> (number: String, sequence: Int64) {
        guard let sequence = try await transaction.query(
            """
            INSERT INTO document_series (series, last_number) VALUES ($1, 1)
            ON CONFLICT (series) DO UPDATE SET last_number = document_series.last_number + 1
            RETURNING last_number
            """,
            series
        ).first?.decode(Int64.self, at: 0) else { throw FinanceStoreError.corrupt("document series \(series) returned no number") }
        let digits = String(sequence)
        return ("\(series)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)", sequence)
    }

    /// `<prefix>-<year>` of a date (UTC).
    static func series(prefix: String, at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return "\(prefix)-\(calendar.component(.year, from: date))"
    }

    // MARK: Customers

    static let customerColumns = "id, name, currency, credit_limit_minor, payment_terms_days, on_hold, updated_at"

    static func customer(from row: PostgresRow) throws -> CustomerAccount {
        let currency = try currency(try row.decode(String.self, at: 2))
        return CustomerAccount(
            id: try row.decode(String.self, at: 0), name: try row.decode(String?.self, at: 1),
            creditLimit: Money(minorUnits: try row.decode(Int64.self, at: 3), currency: currency),
            paymentTermsDays: try row.decode(Int.self, at: 4), onHold: try row.decode(Bool.self, at: 5), updatedAt: try row.decode(Date.self, at: 6)
        )
    }

    /// Creates or replaces an account; true when it was created.
    public func upsert(_ account: CustomerAccount, in transaction: PostgresTransaction) async throws -> Bool {
        try await transaction.query(
            """
            INSERT INTO customers (id, name, currency, credit_limit_minor, payment_terms_days, on_hold, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, now())
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency,
                credit_limit_minor = EXCLUDED.credit_limit_minor, payment_terms_days = EXCLUDED.payment_terms_days,
                on_hold = EXCLUDED.on_hold, updated_at = now()
            RETURNING (xmax = 0)
            """,
            account.id, account.name, account.currency.code, account.creditLimit.minorUnits, account.paymentTermsDays, account.onHold
        ).first?.decode(Bool.self, at: 0) ?? false
    }

    /// The account; with `lock`, held until the transaction ends, so credit checks of one customer run one at a time.
    public func customer(id: String, lock: Bool = false, in transaction: PostgresTransaction) async throws -> CustomerAccount? {
        try await transaction.query(
            "SELECT \(Self.customerColumns) FROM customers WHERE id = $1\(lock ? " FOR UPDATE" : "")", id
        ).first.map(Self.customer(from:))
    }

    /// What the customer owes and has committed, in the account's currency: open invoices less unapplied payments,
    /// and credit still held for approved orders not yet invoiced.
    public func exposure(customer: String, currency: Currency, in transaction: PostgresTransaction) async throws -> (exposure: CreditExposure, unapplied: Money) {
        guard let row = try await transaction.query(
            """
            SELECT
                (SELECT coalesce(sum(open_minor), 0)::bigint FROM invoices WHERE customer_id = $1 AND currency = $2 AND open_minor <> 0),
                (SELECT coalesce(sum(unapplied_minor), 0)::bigint FROM payments WHERE customer_id = $1 AND currency = $2 AND unapplied_minor > 0),
                (SELECT coalesce(sum(held_minor), 0)::bigint FROM credit_checks WHERE customer_id = $1 AND currency = $2 AND held_minor > 0)
            """,
            customer, currency.code
        ).first else { throw FinanceStoreError.corrupt("exposure query returned nothing") }
        let open = try row.decode(Int64.self, at: 0)
        let unapplied = try row.decode(Int64.self, at: 1)
        let held = try row.decode(Int64.self, at: 2)
        return (CreditExposure(openReceivables: Money(minorUnits: open - unapplied, currency: currency),
                               openApprovedOrders: Money(minorUnits: held, currency: currency)),
                Money(minorUnits: unapplied, currency: currency))
    }

    // MARK: Tax settings

    public func upsertTaxRate(_ rate: TaxRate, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            """
            INSERT INTO tax_rates (region, tax_class, rate_percent, updated_at) VALUES ($1, $2, $3, now())
            ON CONFLICT (region, tax_class) DO UPDATE SET rate_percent = EXCLUDED.rate_percent, updated_at = now()
            """,
            rate.region, rate.taxClass, rate.ratePercent
        )
    }

    /// The configured rates; only those of `regions` when given.
    public func taxRates(regions: [String]? = nil, in transaction: PostgresTransaction) async throws -> [TaxRate] {
        let rows = if let regions {
            try await transaction.query("SELECT region, tax_class, rate_percent FROM tax_rates WHERE region = ANY($1) ORDER BY region, tax_class", regions)
        } else {
            try await transaction.query("SELECT region, tax_class, rate_percent FROM tax_rates ORDER BY region, tax_class")
        }
        return try rows.map { row in
            TaxRate(region: try row.decode(String.self, at: 0), taxClass: try row.decode(String.self, at: 1), ratePercent: try row.decode(Decimal.self, at: 2))
        }
    }

    public func upsertProductTaxClass(sku: String, taxClass: String, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            """
            INSERT INTO product_tax_classes (sku, tax_class, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (sku) DO UPDATE SET tax_class = EXCLUDED.tax_class, updated_at = now()
            """,
            sku, taxClass
        )
    }

    public func productTaxClasses(skus: [String], in transaction: PostgresTransaction) async throws -> [String: String] {
        var classes: [String: String] = [:]
        for row in try await transaction.query("SELECT sku, tax_class FROM product_tax_classes WHERE sku = ANY($1)", skus) {
            classes[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1)
        }
        return classes
    }
}
