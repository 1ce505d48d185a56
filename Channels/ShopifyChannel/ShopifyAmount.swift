import Contracts
import Foundation

/// One side of a Shopify `*_set` money object: an exact amount and the currency it is in.
///
/// The amount stays a `Decimal` here; turning it into `Money` (and refusing sub-minor-unit precision) is the
/// mapper's decision, because which side counts depends on the shop's configuration.
public struct ShopifyAmount: Sendable, Hashable {
    public var amount: Decimal
    public var currency: Currency

    public init(amount: Decimal, currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    init(_ object: ShopifyJSONObject) throws(ShopifyPayloadError) {
        self.init(amount: try object.requiredAmount("amount"), currency: try object.requiredCurrency("currency_code"))
    }
}
