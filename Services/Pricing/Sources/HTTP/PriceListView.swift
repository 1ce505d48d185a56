import Contracts
import Foundation

/// `GET /v1/price-lists/{id}`: the stored list, in the import document's shape.
struct PriceListView: Codable, Sendable {
    struct Price: Codable, Sendable {
        var sku: String
        var category: String?
        var unitPrice: Money
        var tiers: [Tier]
    }

    struct Tier: Codable, Sendable {
        var minimumQuantity: Int
        var unitPrice: Money
    }

    var id: String
    var name: String?
    var currency: Currency
    var effectiveFrom: Date
    var effectiveTo: Date?
    var prices: [Price]

    init(_ list: PriceList) {
        id = list.id
        name = list.name
        currency = list.currency
        effectiveFrom = list.period.start
        effectiveTo = list.period.end
        prices = list.prices.values.sorted { $0.sku < $1.sku }.map { price in
            Price(sku: price.sku, category: price.category, unitPrice: price.unitPrice, tiers: price.tiers.map { Tier(minimumQuantity: $0.minimumQuantity, unitPrice: $0.unitPrice) })
        }
    }
}
