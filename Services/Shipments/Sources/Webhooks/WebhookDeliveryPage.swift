/// A page of `GET /v1/webhook-deliveries`, newest first; pass `nextCursor` as `cursor` for the next page.
public struct WebhookDeliveryPage: Codable, Sendable, Hashable {
    public var deliveries: [WebhookDelivery]
    /// Absent on the last page.
    public var nextCursor: String?

    public init(deliveries: [WebhookDelivery], nextCursor: String?) {
        self.deliveries = deliveries
        self.nextCursor = nextCursor
    }
}
