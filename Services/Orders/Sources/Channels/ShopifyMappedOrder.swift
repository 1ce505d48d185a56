import Contracts

/// A Shopify order turned into Wholesail's canonical order (the B2B `po_number` is its ``OrderRequest/purchaseOrderNumber``),
/// with the merchant-facing name beside it.
public struct ShopifyMappedOrder: Sendable, Hashable {
    /// The canonical order; it passes ``OrderRequestValidator`` as ``requestBody``.
    public var request: OrderRequest
    /// The merchant-facing order name, e.g. `#1001`, for messages and searches.
    public var shopifyName: String

    public init(request: OrderRequest, shopifyName: String) {
        self.request = request
        self.shopifyName = shopifyName
    }

    /// The request as a `POST /v1/orders` body (unit prices as decimal strings), the form ``OrderRequestValidator``
    /// checks.
    public var requestBody: JSONValue { request.canonicalBody }
}
