import Contracts
import Foundation
import Outbox
import Persistence

/// The pricing schema: imports (each one transaction that also publishes its events through the outbox)
/// and loading a whole price version into a ``PriceSnapshot``.
///
/// Imports and loads exclude each other with a table lock on `price_versions` (imports: SHARE ROW EXCLUSIVE,
/// which also serialises imports and keeps versions gap-free; loads: SHARE). So a load always reads exactly
/// one version, whatever the caller's isolation level, and an import never waits for quotes — only for a
/// load in progress.
public struct PriceStore: Sendable {
    public let outbox: OutboxWriter

    public init(outbox: OutboxWriter) {
        self.outbox = outbox
    }

    // MARK: Imports

    /// Replaces price list `list.id` and publishes a new version, `pricing.price-version.published.v1` and one
    /// `pricing.price.changed.v1` per SKU whose price, tiers or list terms changed (or that was removed).
    public func importPriceList(_ list: PriceList, in transaction: PostgresTransaction) async throws -> ImportReceipt {
        let (version, publishedAt) = try await beginImport(subject: .priceList, id: list.id, rows: list.prices.count, in: transaction)
        let previous = try await storedPriceList(id: list.id, in: transaction)

        _ = try await transaction.execute(
            """
            INSERT INTO price_lists (id, name, currency, effective_from, effective_to, version) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO UPDATE SET name = $2, currency = $3, effective_from = $4, effective_to = $5, version = $6
            """,
            list.id, list.name, list.currency.code, list.period.start, list.period.end, version
        )
        _ = try await transaction.execute("DELETE FROM list_prices WHERE price_list = $1", list.id)
        let prices = list.prices.values.sorted { $0.sku < $1.sku }
        _ = try await transaction.execute(
            """
            INSERT INTO list_prices (price_list, sku, category, unit_price_minor)
            SELECT $1, sku, category, unit_price_minor FROM unnest($2::text[], $3::text[], $4::bigint[]) AS price(sku, category, unit_price_minor)
            """,
            list.id, prices.map(\.sku), prices.map(\.category), prices.map(\.unitPrice.minorUnits)
        )
        let tiers = prices.flatMap { price in price.tiers.map { (price.sku, $0) } }
        if !tiers.isEmpty {
            _ = try await transaction.execute(
                """
                INSERT INTO list_price_tiers (price_list, sku, minimum_quantity, unit_price_minor)
                SELECT $1, sku, minimum_quantity, unit_price_minor
                FROM unnest($2::text[], $3::int[], $4::bigint[]) AS tier(sku, minimum_quantity, unit_price_minor)
                """,
                list.id, tiers.map(\.0), tiers.map { $0.1.minimumQuantity }, tiers.map { $0.1.unitPrice.minorUnits }
            )
        }

        let termsChanged = previous.map { $0.currency != list.currency || !Self.samePeriod($0.period, list.period) } ?? true
        var changes: [EventEnvelope<PriceChanged>] = []
        func changed(_ sku: String, _ price: ListPrice?) throws -> EventEnvelope<PriceChanged> {
            try EventEnvelope(
                payload: PriceChanged(
                    priceList: list.id, sku: sku, currency: list.currency, unitPrice: price?.unitPrice,
                    tiers: price?.tiers.map { PriceChanged.Tier(minimumQuantity: $0.minimumQuantity, unitPrice: $0.unitPrice) } ?? [],
                    effectiveFrom: list.period.start, effectiveTo: list.period.end, version: version
                ),
                correlationID: "\(list.id)/\(sku)"
            )
        }
        for price in prices where termsChanged || previous?.prices[price.sku] != price {
            changes.append(try changed(price.sku, price))
        }
        for sku in (previous?.prices.keys.sorted() ?? []) where list.prices[sku] == nil {
            changes.append(try changed(sku, nil))
        }
        try await outbox.append(contentsOf: changes, in: transaction)
        try await publishVersion(version, subject: .priceList, id: list.id, rows: prices.count, at: publishedAt, in: transaction)
        return ImportReceipt(version: version, subject: PriceVersionPublished.Subject.priceList.rawValue, id: list.id, rows: prices.count, changedPrices: changes.count, publishedAt: publishedAt)
    }

    /// Replaces agreement `agreement.id` (stored as its validated document) and publishes a new version.
    public func importAgreement(_ agreement: CustomerAgreement, document: AgreementDocument, in transaction: PostgresTransaction) async throws -> ImportReceipt {
        let (version, publishedAt) = try await beginImport(subject: .agreement, id: agreement.id, rows: document.rowCount, in: transaction)
        var customer: String?
        var group: String?
        switch agreement.party {
        case .customer(let id): customer = id
        case .customerGroup(let id): group = id
        }
        _ = try await transaction.execute(
            """
            INSERT INTO agreements (id, customer, customer_group, currency, valid_from, valid_to, document, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
            ON CONFLICT (id) DO UPDATE SET customer = $2, customer_group = $3, currency = $4, valid_from = $5,
                valid_to = $6, document = $7::jsonb, version = $8
            """,
            agreement.id, customer, group, agreement.currency.code, agreement.period.start, agreement.period.end,
            String(decoding: try StableJSON.encode(document), as: UTF8.self), version
        )
        try await publishVersion(version, subject: .agreement, id: agreement.id, rows: document.rowCount, at: publishedAt, in: transaction)
        return ImportReceipt(version: version, subject: PriceVersionPublished.Subject.agreement.rawValue, id: agreement.id, rows: document.rowCount, changedPrices: 0, publishedAt: publishedAt)
    }

    /// Replaces promotion `promotion.id` and publishes a new version.
    public func importPromotion(_ promotion: Promotion, document: PromotionDocument, in transaction: PostgresTransaction) async throws -> ImportReceipt {
        let (version, publishedAt) = try await beginImport(subject: .promotion, id: promotion.id, rows: document.rowCount, in: transaction)
        _ = try await transaction.execute(
            """
            INSERT INTO promotions (id, valid_from, valid_to, document, version) VALUES ($1, $2, $3, $4::jsonb, $5)
            ON CONFLICT (id) DO UPDATE SET valid_from = $2, valid_to = $3, document = $4::jsonb, version = $5
            """,
            promotion.id, promotion.period.start, promotion.period.end,
            String(decoding: try StableJSON.encode(document), as: UTF8.self), version
        )
        try await publishVersion(version, subject: .promotion, id: promotion.id, rows: document.rowCount, at: publishedAt, in: transaction)
        return ImportReceipt(version: version, subject: PriceVersionPublished.Subject.promotion.rawValue, id: promotion.id, rows: document.rowCount, changedPrices: 0, publishedAt: publishedAt)
    }

    /// Replaces the members of customer group `id` (moving customers from other groups) and publishes a new version.
    public func importCustomerGroup(id: String, members: [String], in transaction: PostgresTransaction) async throws -> ImportReceipt {
        let (version, publishedAt) = try await beginImport(subject: .customerGroup, id: id, rows: members.count, in: transaction)
        _ = try await transaction.execute("DELETE FROM customer_group_members WHERE customer_group = $1", id)
        _ = try await transaction.execute(
            """
            INSERT INTO customer_group_members (customer, customer_group, version) SELECT customer, $2, $3 FROM unnest($1::text[]) AS member(customer)
            ON CONFLICT (customer) DO UPDATE SET customer_group = $2, version = $3
            """,
            members, id, version
        )
        try await publishVersion(version, subject: .customerGroup, id: id, rows: members.count, at: publishedAt, in: transaction)
        return ImportReceipt(version: version, subject: PriceVersionPublished.Subject.customerGroup.rawValue, id: id, rows: members.count, changedPrices: 0, publishedAt: publishedAt)
    }

    /// Periods equal to the millisecond (the database keeps microseconds, requests carry milliseconds).
    static func samePeriod(_ first: EffectivePeriod, _ second: EffectivePeriod) -> Bool {
        StableJSON.roundedToMilliseconds(first.start) == StableJSON.roundedToMilliseconds(second.start)
            && first.end.map(StableJSON.roundedToMilliseconds) == second.end.map(StableJSON.roundedToMilliseconds)
    }

    /// Serialises imports, takes the next version (gap-free: the number is taken under the lock) and records it.
    private func beginImport(subject: PriceVersionPublished.Subject, id: String, rows: Int, in transaction: PostgresTransaction) async throws -> (Int64, Date) {
        _ = try await transaction.execute("LOCK TABLE price_versions IN SHARE ROW EXCLUSIVE MODE")
        let row = try await transaction.query(
            """
            INSERT INTO price_versions (version, subject, subject_id, rows, published_at)
            SELECT coalesce(max(version), 0) + 1, $1, $2, $3, clock_timestamp() FROM price_versions
            RETURNING version, published_at
            """,
            subject.rawValue, id, rows
        )[0]
        return (try row.decode(Int64.self, at: 0), StableJSON.roundedToMilliseconds(try row.decode(Date.self, at: 1)))
    }

    private func publishVersion(_ version: Int64, subject: PriceVersionPublished.Subject, id: String, rows: Int, at publishedAt: Date, in transaction: PostgresTransaction) async throws {
        let event = PriceVersionPublished(version: version, subject: subject, subjectID: id, rows: rows, publishedAt: publishedAt)
        try await outbox.append(try EventEnvelope(payload: event, correlationID: "price-version-\(version)"), in: transaction)
    }

    // MARK: Reading

    /// The database's current version (0 before any import), without loading anything.
    public func currentVersion(in transaction: PostgresTransaction) async throws -> Int64 {
        try await transaction.query("SELECT coalesce(max(version), 0) FROM price_versions")[0].decode(Int64.self, at: 0)
    }

    /// The current version, loaded whole. Works in any transaction: it locks out imports while it reads.
    public func loadSnapshot(in transaction: PostgresTransaction) async throws -> PriceSnapshot {
        _ = try await transaction.execute("LOCK TABLE price_versions IN SHARE MODE")
        let versionRow = try await transaction.query("SELECT version, published_at FROM price_versions ORDER BY version DESC LIMIT 1").first
        let version = try versionRow?.decode(Int64.self, at: 0) ?? 0
        let publishedAt = try versionRow?.decode(Date.self, at: 1)

        var lists: [PriceList] = []
        var listsByID: [String: (name: String?, currency: Currency, period: EffectivePeriod)] = [:]
        for row in try await transaction.query("SELECT id, name, currency, effective_from, effective_to FROM price_lists") {
            listsByID[try row.decode(String.self, at: 0)] = (
                try row.decode(String?.self, at: 1),
                try Currency(code: try row.decode(String.self, at: 2)),
                EffectivePeriod(start: try row.decode(Date.self, at: 3), end: try row.decode(Date?.self, at: 4))
            )
        }
        var tiersByKey: [String: [String: [PriceTier]]] = [:]
        for row in try await transaction.query("SELECT price_list, sku, minimum_quantity, unit_price_minor FROM list_price_tiers") {
            let listID = try row.decode(String.self, at: 0)
            guard let currency = listsByID[listID]?.currency else { continue }
            let tier = PriceTier(minimumQuantity: try row.decode(Int.self, at: 2), unitPrice: Money(minorUnits: try row.decode(Int64.self, at: 3), currency: currency))
            tiersByKey[listID, default: [:]][try row.decode(String.self, at: 1), default: []].append(tier)
        }
        var pricesByList: [String: [ListPrice]] = [:]
        for row in try await transaction.query("SELECT price_list, sku, category, unit_price_minor FROM list_prices") {
            let listID = try row.decode(String.self, at: 0)
            guard let currency = listsByID[listID]?.currency else { continue }
            let sku = try row.decode(String.self, at: 1)
            pricesByList[listID, default: []].append(ListPrice(
                sku: sku, category: try row.decode(String?.self, at: 2),
                unitPrice: Money(minorUnits: try row.decode(Int64.self, at: 3), currency: currency),
                tiers: tiersByKey[listID]?[sku] ?? []
            ))
        }
        for (id, attributes) in listsByID {
            lists.append(PriceList(id: id, name: attributes.name, currency: attributes.currency, period: attributes.period, prices: pricesByList[id] ?? []))
        }

        var agreements: [CustomerAgreement] = []
        for row in try await transaction.query("SELECT id, document::text FROM agreements") {
            let id = try row.decode(String.self, at: 0)
            let document = try StableJSON.decode(AgreementDocument.self, from: Data(try row.decode(String.self, at: 1).utf8))
            agreements.append(try document.validated(id: id))
        }
        var promotions: [Promotion] = []
        for row in try await transaction.query("SELECT id, document::text FROM promotions") {
            let id = try row.decode(String.self, at: 0)
            let document = try StableJSON.decode(PromotionDocument.self, from: Data(try row.decode(String.self, at: 1).utf8))
            promotions.append(try document.validated(id: id))
        }
        var groups: [String: Set<String>] = [:]
        for row in try await transaction.query("SELECT customer, customer_group FROM customer_group_members") {
            groups[try row.decode(String.self, at: 1), default: []].insert(try row.decode(String.self, at: 0))
        }
        return PriceSnapshot(
            version: version, publishedAt: publishedAt,
            catalog: PriceCatalog(priceLists: lists, agreements: agreements, promotions: promotions, customerGroups: groups)
        )
    }

    /// A stored price list (for diffs and `GET /v1/price-lists/{id}`), or nil.
    public func storedPriceList(id: String, in transaction: PostgresTransaction) async throws -> PriceList? {
        guard let header = try await transaction.query(
            "SELECT name, currency, effective_from, effective_to FROM price_lists WHERE id = $1", id
        ).first else { return nil }
        let currency = try Currency(code: try header.decode(String.self, at: 1))
        var tiers: [String: [PriceTier]] = [:]
        for row in try await transaction.query("SELECT sku, minimum_quantity, unit_price_minor FROM list_price_tiers WHERE price_list = $1", id) {
            tiers[try row.decode(String.self, at: 0), default: []].append(
                PriceTier(minimumQuantity: try row.decode(Int.self, at: 1), unitPrice: Money(minorUnits: try row.decode(Int64.self, at: 2), currency: currency))
            )
        }
        var prices: [ListPrice] = []
        for row in try await transaction.query("SELECT sku, category, unit_price_minor FROM list_prices WHERE price_list = $1", id) {
            let sku = try row.decode(String.self, at: 0)
            prices.append(ListPrice(
                sku: sku, category: try row.decode(String?.self, at: 1),
                unitPrice: Money(minorUnits: try row.decode(Int64.self, at: 2), currency: currency), tiers: tiers[sku] ?? []
            ))
        }
        return PriceList(
            id: id, name: try header.decode(String?.self, at: 0), currency: currency,
            period: EffectivePeriod(start: try header.decode(Date.self, at: 2), end: try header.decode(Date?.self, at: 3)),
            prices: prices
        )
    }
}
