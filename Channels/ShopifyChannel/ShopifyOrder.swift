import Contracts
import Foundation

/// A Shopify order as an `orders/create` (or `orders/updated`) webhook body carries it — the members Wholesail maps.
///
/// Decoded from the raw body bytes with ``decode(_:)``: ids exactly as `Int64` (Shopify's exceed 2^53, so a `Double`
/// decoder silently corrupts them), money only from decimal strings, unknown members ignored.
public struct ShopifyOrder: Sendable, Hashable {
    public var id: Int64
    /// The merchant-facing name, e.g. `#1001`.
    public var name: String
    public var orderNumber: Int64?
    public var email: String?
    /// The shop's currency: `price` and every `shop_money` are in it.
    public var currency: Currency
    /// The currency the buyer saw: every `presentment_money` is in it (equals ``currency`` for single-currency shops).
    public var presentmentCurrency: Currency
    /// The buyer's purchase order number (B2B).
    public var poNumber: String?
    /// The B2B company, when the order was placed for one.
    public var company: ShopifyCompany?
    public var customerID: Int64?
    /// Absent for orders that need no shipping.
    public var shippingAddress: ShopifyAddress?
    public var billingAddress: ShopifyAddress?
    public var lineItems: [ShopifyLineItem]
    /// The order total in the shop's currency.
    public var totalPrice: Decimal?
    public var createdAt: Date?
    /// The order's version: a delivery older than the one already applied is stale.
    public var updatedAt: Date?
    public var cancelledAt: Date?

    public init(
        id: Int64, name: String, orderNumber: Int64? = nil, email: String? = nil, currency: Currency,
        presentmentCurrency: Currency? = nil, poNumber: String? = nil, company: ShopifyCompany? = nil, customerID: Int64? = nil,
        shippingAddress: ShopifyAddress? = nil, billingAddress: ShopifyAddress? = nil, lineItems: [ShopifyLineItem],
        totalPrice: Decimal? = nil, createdAt: Date? = nil, updatedAt: Date? = nil, cancelledAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.orderNumber = orderNumber
        self.email = email
        self.currency = currency
        self.presentmentCurrency = presentmentCurrency ?? currency
        self.poNumber = poNumber
        self.company = company
        self.customerID = customerID
        self.shippingAddress = shippingAddress
        self.billingAddress = billingAddress
        self.lineItems = lineItems
        self.totalPrice = totalPrice
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.cancelledAt = cancelledAt
    }

    /// Decodes an order from the webhook body exactly as received (after its signature was verified).
    ///
    /// - Throws: ``ShopifyPayloadError`` with the JSON pointer of the first member that is missing or malformed.
    public static func decode(_ body: some Collection<UInt8>) throws(ShopifyPayloadError) -> ShopifyOrder {
        try ShopifyOrder(ShopifyJSONObject.parse(body))
    }

    init(_ object: ShopifyJSONObject) throws(ShopifyPayloadError) {
        var lineItems: [ShopifyLineItem] = []
        for (value, pointer) in try object.array("line_items") {
            lineItems.append(try ShopifyLineItem(ShopifyJSONObject(value, at: pointer)))
        }
        if object.value("line_items") == nil {
            throw ShopifyPayloadError(pointer: object.path("line_items"), detail: "is required: the order's lines")
        }
        let currency = try object.requiredCurrency("currency")
        var customerID: Int64?
        if let customer = try object.optionalObject("customer") { customerID = try customer.optionalIdentifier("id") }
        self.init(
            id: try object.requiredIdentifier("id"),
            name: try object.requiredString("name"),
            orderNumber: try object.optionalInteger("order_number"),
            email: try object.optionalString("email"),
            currency: currency,
            presentmentCurrency: try object.optionalCurrency("presentment_currency"),
            poNumber: try object.optionalString("po_number"),
            company: try object.optionalObject("company", ShopifyCompany.init),
            customerID: customerID,
            shippingAddress: try object.optionalObject("shipping_address", ShopifyAddress.init),
            billingAddress: try object.optionalObject("billing_address", ShopifyAddress.init),
            lineItems: lineItems,
            totalPrice: try object.optionalAmount("total_price"),
            createdAt: try object.optionalTimestamp("created_at"),
            updatedAt: try object.optionalTimestamp("updated_at"),
            cancelledAt: try object.optionalTimestamp("cancelled_at")
        )
    }
}
