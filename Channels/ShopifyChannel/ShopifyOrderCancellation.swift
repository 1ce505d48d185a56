import Foundation

/// What an `orders/cancelled` webhook means for Wholesail: which order, when and why it was cancelled.
public struct ShopifyOrderCancellation: Sendable, Hashable {
    public var id: Int64
    public var name: String?
    public var cancelledAt: Date
    /// Shopify's reason code: `customer`, `fraud`, `inventory`, `declined`, `staff` or `other`.
    public var cancelReason: String?
    public var updatedAt: Date?

    public init(id: Int64, name: String? = nil, cancelledAt: Date, cancelReason: String? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.cancelledAt = cancelledAt
        self.cancelReason = cancelReason
        self.updatedAt = updatedAt
    }

    /// Decodes the cancellation from an `orders/cancelled` body (a whole order; the rest is ignored).
    ///
    /// - Throws: ``ShopifyPayloadError``, e.g. at `/cancelled_at` when the order is not actually cancelled.
    public static func decode(_ body: some Collection<UInt8>) throws(ShopifyPayloadError) -> ShopifyOrderCancellation {
        let object = try ShopifyJSONObject.parse(body)
        return ShopifyOrderCancellation(
            id: try object.requiredIdentifier("id"),
            name: try object.optionalString("name"),
            cancelledAt: try object.requiredTimestamp("cancelled_at"),
            cancelReason: try object.optionalString("cancel_reason"),
            updatedAt: try object.optionalTimestamp("updated_at")
        )
    }
}
