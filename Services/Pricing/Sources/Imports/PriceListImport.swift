import Contracts
import Foundation

/// A whole price list as imported (JSON or CSV), validated into a ``PriceList`` or refused with every issue.
///
/// Rules: a valid currency; `effectiveTo` after `effectiveFrom`; at least one price; per SKU exactly one base
/// price (minimum quantity 1) and at most one price per minimum quantity; SKUs and categories are identifiers
/// (1–64 of letters, digits, `-_.:/`); prices are zero or more with at most the currency's decimals; one
/// category per SKU. At most ``maximumRows`` rows.
public struct PriceListImport: Sendable {
    /// Large enough for a distributor's full catalogue in one list, small enough to stay one transaction.
    public static let maximumRows = 500_000

    public var id: String
    public var name: String?
    /// The currency code as given (validated in ``validated()``).
    public var currency: String
    public var effectiveFrom: Date
    public var effectiveTo: Date?
    var entries: [PriceEntry]
    /// Issues found while reading the file (CSV syntax, bad numbers) before validation.
    var readIssues: [ImportIssue]
    /// Where the document-level fields are: JSON pointers or query parameters.
    var documentFieldPointer: @Sendable (String) -> String

    init(
        id: String, name: String?, currency: String, effectiveFrom: Date, effectiveTo: Date?, entries: [PriceEntry],
        readIssues: [ImportIssue] = [], documentFieldPointer: @escaping @Sendable (String) -> String
    ) {
        self.id = id
        self.name = name
        self.currency = currency
        self.effectiveFrom = effectiveFrom
        self.effectiveTo = effectiveTo
        self.entries = entries
        self.readIssues = readIssues
        self.documentFieldPointer = documentFieldPointer
    }

    /// The price list, or every reason it cannot be imported.
    public func validated() throws(ImportRejected) -> PriceList {
        var issues = readIssues
        func documentIssue(_ field: String, _ detail: String) {
            issues.append(ImportIssue(row: nil, field: field, pointer: documentFieldPointer(field), detail: detail))
        }
        if let problem = ImportFieldRules.identifierProblem(id, what: "the price list id") { documentIssue("id", problem) }
        if let problem = ImportFieldRules.periodProblem(start: effectiveFrom, end: effectiveTo) { documentIssue("effectiveTo", problem) }
        if entries.count > Self.maximumRows { documentIssue("prices", "\(entries.count) rows exceed the limit of \(Self.maximumRows); split the list") }
        let currency: Currency
        switch ImportFieldRules.currency(self.currency) {
        case .success(let value): currency = value
        case .failure(let problem):
            documentIssue("currency", problem.detail)
            throw ImportRejected(issues: issues)
        }
        if entries.isEmpty && readIssues.isEmpty { documentIssue("prices", "the list has no prices; a list needs at least one") }

        struct Accumulated {
            var firstRow: Int
            var firstLocation: PriceEntry.Location
            var category: String?
            var base: Money?
            var tiers: [Int: Money] = [:]
        }
        var bySKU: [String: Accumulated] = [:]
        var order: [String] = []
        for entry in entries {
            let location = entry.location
            var valid = true
            if let problem = ImportFieldRules.identifierProblem(entry.sku, what: "the SKU") {
                issues.append(location.issue(.sku, problem))
                valid = false
            }
            if let category = entry.category, let problem = ImportFieldRules.identifierProblem(category, what: "the category") {
                issues.append(location.issue(.category, problem))
                valid = false
            }
            if let problem = ImportFieldRules.quantityProblem(entry.minimumQuantity, minimum: 1) {
                issues.append(location.issue(.minimumQuantity, problem))
                valid = false
            }
            var price: Money?
            switch ImportFieldRules.price(entry.unitPrice, currency: currency) {
            case .success(let money): price = money
            case .failure(let problem):
                issues.append(location.issue(.unitPrice, problem.detail))
                valid = false
            }
            guard valid, let price else { continue }

            var accumulated = bySKU[entry.sku] ?? {
                order.append(entry.sku)
                return Accumulated(firstRow: location.row, firstLocation: location, category: entry.category)
            }()
            if accumulated.category != entry.category {
                issues.append(location.issue(.category, "SKU \(entry.sku) has category \(accumulated.category ?? "(none)") in row \(accumulated.firstRow); one SKU has one category"))
            }
            if entry.minimumQuantity == 1 {
                if accumulated.base != nil {
                    issues.append(location.issue(.sku, "SKU \(entry.sku) already has a base price (row \(accumulated.firstRow)); each SKU appears once"))
                }
                accumulated.base = price
            } else if accumulated.tiers[entry.minimumQuantity] != nil {
                issues.append(location.issue(.minimumQuantity, "SKU \(entry.sku) already has a tier from \(entry.minimumQuantity)"))
            } else {
                accumulated.tiers[entry.minimumQuantity] = price
            }
            bySKU[entry.sku] = accumulated
        }

        var prices: [ListPrice] = []
        prices.reserveCapacity(order.count)
        for sku in order {
            guard let accumulated = bySKU[sku] else { continue }
            guard let base = accumulated.base else {
                issues.append(accumulated.firstLocation.issue(.minimumQuantity, "SKU \(sku) has tiers but no base price (a row with minimum quantity 1)"))
                continue
            }
            let tiers = accumulated.tiers.map { PriceTier(minimumQuantity: $0.key, unitPrice: $0.value) }
            prices.append(ListPrice(sku: sku, category: accumulated.category, unitPrice: base, tiers: tiers))
        }
        guard issues.isEmpty else { throw ImportRejected(issues: issues) }
        return PriceList(
            id: id, name: name, currency: currency,
            period: EffectivePeriod(start: effectiveFrom, end: effectiveTo), prices: prices
        )
    }
}
