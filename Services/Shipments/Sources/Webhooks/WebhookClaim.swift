/// A delivery the dispatcher has claimed for one attempt, with what it needs to send it.
struct WebhookClaim: Sendable {
    var deliveryID: String
    var subscriptionID: String
    var eventID: String
    var eventType: String
    /// The stored body: the bytes signed and sent.
    var body: String
    /// Attempts made before this one.
    var attempts: Int
    var url: String
    var secret: String
    /// From the first attempt of the current retry period to the claim (database clock).
    var elapsedSinceFirstAttempt: Duration
}
