/// Which of a Shopify order's two currencies becomes the Wholesail order's currency.
public enum ShopifyCurrencySource: String, Codable, Sendable, Hashable {
    /// The shop's currency (`currency`, `shop_money`): what the merchant books. The default.
    case shop
    /// The buyer's currency (`presentment_currency`, `presentment_money`): what the buyer was shown and pays.
    case presentment
}
