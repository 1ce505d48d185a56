import Foundation

/// One line of a Shopify order.
public struct ShopifyLineItem: Sendable, Hashable {
    public var id: Int64
    /// Nil for a custom item (added by the merchant, not from the catalogue) or a deleted variant.
    public var variantID: Int64?
    /// Nil for a custom item.
    public var productID: Int64?
    /// Nil when Shopify sends none or an empty/blank one (many catalogues leave SKUs empty).
    public var sku: String?
    public var title: String
    /// The quantity ordered originally.
    public var quantity: Int
    /// The quantity after edits and refunds; absent in older payloads.
    public var currentQuantity: Int?
    /// The unit price in the shop's currency.
    public var price: Decimal
    /// The unit price in shop and presentment currency; absent in old payloads.
    public var priceSet: ShopifyPriceSet?
    /// Components of one bundle share this id.
    public var salesLineItemGroupID: Int64?

    public init(
        id: Int64, variantID: Int64? = nil, productID: Int64? = nil, sku: String? = nil, title: String, quantity: Int,
        currentQuantity: Int? = nil, price: Decimal, priceSet: ShopifyPriceSet? = nil, salesLineItemGroupID: Int64? = nil
    ) {
        self.id = id
        self.variantID = variantID
        self.productID = productID
        self.sku = sku
        self.title = title
        self.quantity = quantity
        self.currentQuantity = currentQuantity
        self.price = price
        self.priceSet = priceSet
        self.salesLineItemGroupID = salesLineItemGroupID
    }

    /// A line with neither product nor variant: typed in by the merchant, so no catalogue SKU can be derived.
    public var isCustomItem: Bool { variantID == nil && productID == nil }

    /// The units still ordered: `current_quantity` when Shopify sends it, else `quantity`.
    public var effectiveQuantity: Int { currentQuantity ?? quantity }

    init(_ object: ShopifyJSONObject) throws(ShopifyPayloadError) {
        // `title` is the product title; `name` adds the variant. Either names the line in messages.
        var title = try object.optionalString("title")
        if title == nil { title = try object.optionalString("name") }
        self.init(
            id: try object.requiredIdentifier("id"),
            variantID: try object.optionalIdentifier("variant_id"),
            productID: try object.optionalIdentifier("product_id"),
            sku: try object.optionalString("sku").map { $0.trimmingCharacters(in: .whitespaces) },
            title: title ?? "",
            quantity: try object.requiredCount("quantity"),
            currentQuantity: try object.optionalCount("current_quantity"),
            price: try object.requiredAmount("price"),
            priceSet: try object.optionalObject("price_set", ShopifyPriceSet.init),
            salesLineItemGroupID: try object.optionalIdentifier("sales_line_item_group_id")
        )
    }
}
