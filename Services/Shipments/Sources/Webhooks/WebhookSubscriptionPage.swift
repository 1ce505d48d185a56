/// A page of `GET /v1/webhook-subscriptions`, newest first; pass `nextCursor` as `cursor` for the next page.
public struct WebhookSubscriptionPage: Codable, Sendable, Hashable {
    public var subscriptions: [WebhookSubscription]
    /// Absent on the last page.
    public var nextCursor: String?

    public init(subscriptions: [WebhookSubscription], nextCursor: String?) {
        self.subscriptions = subscriptions
        self.nextCursor = nextCursor
    }
}
