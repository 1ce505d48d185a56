import Foundation

/// The JSON body of `PUT /v1/price-lists/{id}`.
///
/// ```json
/// {"currency": "EUR", "name": "Europe 2027", "effectiveFrom": "2027-01-01T00:00:00Z", "effectiveTo": null,
///  "prices": [{"sku": "BOLT-M8", "category": "fasteners", "unitPrice": "0.42",
///              "tiers": [{"minimumQuantity": 100, "unitPrice": "0.38"}]}]}
/// ```
/// Amounts are decimal strings (never JSON numbers, which would pass through binary floating point).
public struct PriceListDocument: Decodable, Sendable {
    public struct Price: Decodable, Sendable {
        public var sku: String
        public var category: String?
        public var unitPrice: String
        public var tiers: [Tier]?
    }

    public struct Tier: Decodable, Sendable {
        public var minimumQuantity: Int
        public var unitPrice: String
    }

    public var currency: String
    public var name: String?
    public var effectiveFrom: Date
    public var effectiveTo: Date?
    public var prices: [Price]

    /// The import this document describes, for the list `id` of the URL.
    public func makeImport(id: String) -> PriceListImport {
        var entries: [PriceEntry] = []
        var readIssues: [ImportIssue] = []
        entries.reserveCapacity(prices.count)
        for (index, price) in prices.enumerated() {
            let row = index + 1
            let pointer = "/prices/\(index)"
            entries.append(PriceEntry(
                location: .init(row: row, pointer: pointer, csvColumns: false),
                sku: price.sku, category: price.category, minimumQuantity: 1, unitPrice: price.unitPrice
            ))
            for (tierIndex, tier) in (price.tiers ?? []).enumerated() {
                let location = PriceEntry.Location(row: row, pointer: "\(pointer)/tiers/\(tierIndex)", csvColumns: false)
                guard tier.minimumQuantity >= 2 else {
                    // A tier from 1 would be a second base price: say so at the tier.
                    readIssues.append(location.issue(.minimumQuantity, "\(tier.minimumQuantity) is not a tier quantity; tiers start from 2 (the base price covers 1)"))
                    continue
                }
                entries.append(PriceEntry(location: location, sku: price.sku, category: price.category, minimumQuantity: tier.minimumQuantity, unitPrice: tier.unitPrice))
            }
        }
        return PriceListImport(
            id: id, name: name, currency: currency, effectiveFrom: effectiveFrom, effectiveTo: effectiveTo,
            entries: entries, readIssues: readIssues, documentFieldPointer: { "/\($0)" }
        )
    }
}
