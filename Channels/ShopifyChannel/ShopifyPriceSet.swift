/// A Shopify `*_set` object: the same price in the shop's currency and in the currency the buyer saw.
public struct ShopifyPriceSet: Sendable, Hashable {
    /// In the shop's currency (the order's `currency`).
    public var shopMoney: ShopifyAmount
    /// In the buyer's currency (the order's `presentment_currency`).
    public var presentmentMoney: ShopifyAmount

    public init(shopMoney: ShopifyAmount, presentmentMoney: ShopifyAmount) {
        self.shopMoney = shopMoney
        self.presentmentMoney = presentmentMoney
    }

    init(_ object: ShopifyJSONObject) throws(ShopifyPayloadError) {
        guard let shop = try object.optionalObject("shop_money") else {
            throw ShopifyPayloadError(pointer: object.path("shop_money"), detail: "is required in a price set")
        }
        guard let presentment = try object.optionalObject("presentment_money") else {
            throw ShopifyPayloadError(pointer: object.path("presentment_money"), detail: "is required in a price set")
        }
        self.init(shopMoney: try ShopifyAmount(shop), presentmentMoney: try ShopifyAmount(presentment))
    }
}
