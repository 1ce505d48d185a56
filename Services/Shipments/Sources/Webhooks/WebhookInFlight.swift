import Synchronization

/// The subscriptions the dispatcher is sending to right now: at most one attempt per subscription is in flight,
/// so a slow receiver holds only its own deliveries back, and the count bounds the attempts under way.
final class WebhookInFlight: Sendable {
    private let subscriptions = Mutex<Set<String>>([])

    var count: Int { subscriptions.withLock { $0.count } }

    /// The busy subscriptions, for the claim query to skip.
    var subscriptionIDs: [String] { subscriptions.withLock { Array($0) } }

    func insert(_ subscriptionID: String) {
        _ = subscriptions.withLock { $0.insert(subscriptionID) }
    }

    func remove(_ subscriptionID: String) {
        _ = subscriptions.withLock { $0.remove(subscriptionID) }
    }
}
