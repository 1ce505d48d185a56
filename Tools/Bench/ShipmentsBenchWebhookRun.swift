import Contracts
import Foundation
import Shipments

/// One webhook run's figures: the milestones sent, and every delivery matched to the milestone that caused it.
///
/// Matching: every milestone of a webhook run announces exactly one event, and each shipment gets each event type at
/// most once per run (its walk is dispatched → exception → delivered), so (subscriber, shipment id, event type) —
/// all three read from the delivery itself (its path, its body's `payload.shipmentID` and `type`) — names one
/// milestone. The delivery id (`Webhook-Id`) cannot serve: the service makes it up after the milestone's answer, and
/// the event id is not in the answer either. The same key or the same `Webhook-Id` arriving again is a duplicate.
///
/// Commit → receiver: the delivery's arrival minus the milestone's answer time, both on this process's monotonic
/// clock. The service commits just before it writes the answer, so the figure overstates the true one by no more
/// than the answer's way back (well under a millisecond on loopback); a delivery that overtakes the answer counts
/// as 0 (see ``beforeAnswer``).
struct ShipmentsBenchWebhookRun: Sendable {
    let label: String
    /// Nil for the closed loop.
    let offeredRate: Int?
    let connections: Int
    let subscribers: Int
    /// Milestones sent, answered 2xx, and failed (other status or no answer), with the first failure.
    let sent: Int
    let answered: Int
    let failedRequests: Int
    let firstFailure: String?
    let lateStarts: Int
    /// Milestones answered per second, from the schedule's start to the last answer.
    let milestonesPerSecond: Double
    /// Milestone answer latency (fixed rate: from the due time).
    let milestoneLatency: HTTPLoadLatencies?
    /// Deliveries owed (2xx milestones × subscribers) and those received once or more.
    let expected: Int
    let received: Int
    /// Owed but not received by the end of the settle wait.
    let missing: Int
    /// Requests beyond the first for one delivery (same key or same `Webhook-Id`).
    let duplicates: Int
    /// Requests whose signature did not verify with the subscriber's secret (or lacked the headers).
    let signatureFailures: Int
    /// Requests that match no milestone of the run (body unreadable, or a milestone that was not answered 2xx).
    let unmatched: Int
    /// Received deliveries per second, from the first delivery to the last: the offered rate while the dispatcher keeps
    /// up, its capacity while a backlog builds.
    let deliveriesPerSecond: Double
    /// Last milestone answer → last delivery: how long the dispatcher needed to drain what was left.
    let tail: Duration
    /// Commit (milestone answered) → delivery arrived.
    let latency: HTTPLoadLatencies?
    /// Deliveries that arrived before the milestone's answer was read (counted as 0 in ``latency``).
    let beforeAnswer: Int
    /// The service's own record of the run's deliveries.
    let database: ShipmentsBenchProbe.Deliveries
    /// This process (service, dispatcher, sender, receiver) and the service's PostgreSQL backends, per delivery
    /// received, from the run's start to the last delivery.
    let cpuPerDelivery: Duration?
    let databaseCPUPerDelivery: Duration?

    /// Something went wrong that the figures must not hide.
    var hasErrors: Bool {
        failedRequests > 0 || missing > 0 || signatureFailures > 0 || database.failed > 0
    }

    struct Key: Hashable {
        var subscriber: Int
        var shipmentID: String
        var eventType: String
    }

    /// Matches `arrivals` to the milestones of `outcome`.
    /// - Parameter secrets: the subscription secrets by subscriber number.
    init(
        label: String, offeredRate: Int?, connections: Int, requests: ShipmentsBenchRequests, outcome: ShipmentsBenchSender.Outcome,
        arrivals: [ShipmentsBenchReceiver.Arrival], secrets: [Int: String], database: ShipmentsBenchProbe.Deliveries,
        cpu: Duration?, databaseCPU: Duration?
    ) {
        self.label = label
        self.offeredRate = offeredRate
        self.connections = connections
        subscribers = secrets.count
        self.database = database
        sent = outcome.answers.count
        let completed = outcome.completed
        answered = completed.count
        failedRequests = sent - answered
        firstFailure = outcome.firstFailure
        lateStarts = outcome.lateStarts
        let lastAnswer = outcome.lastCompletion
        let answerSpan = Double(lastAnswer &- outcome.start) / 1e9
        milestonesPerSecond = answerSpan > 0 ? Double(answered) / answerSpan : 0
        milestoneLatency = HTTPLoadLatencies(nanoseconds: completed.map(\.latency))

        // What each 2xx milestone owes every subscriber, and when its answer came.
        var owed: [Key: UInt64] = [:]
        for answer in completed {
            let (shipmentID, kind) = requests.milestone(answer.index)
            guard let eventType = ShipmentsBenchRequests.announcedEventType(kind) else { continue }
            for subscriber in secrets.keys {
                owed[Key(subscriber: subscriber, shipmentID: shipmentID, eventType: eventType)] = answer.completion
            }
        }
        expected = owed.count

        var seenKeys: Set<Key> = []
        var seenIDs: Set<String> = []
        var duplicates = 0
        var signatureFailures = 0
        var unmatched = 0
        var beforeAnswer = 0
        var latencies: [UInt64] = []
        var firstArrival: UInt64?
        var lastArrival = outcome.start
        for arrival in arrivals {
            if !Self.verifies(arrival, secret: secrets[arrival.subscriber]) { signatureFailures += 1 }
            if let id = arrival.webhookID, !seenIDs.insert(id).inserted {
                duplicates += 1
                continue
            }
            guard let key = Self.key(of: arrival), let answeredAt = owed[key] else {
                unmatched += 1
                continue
            }
            guard seenKeys.insert(key).inserted else {
                duplicates += 1
                continue
            }
            lastArrival = max(lastArrival, arrival.arrival)
            firstArrival = min(firstArrival ?? arrival.arrival, arrival.arrival)
            if arrival.arrival >= answeredAt {
                latencies.append(arrival.arrival - answeredAt)
            } else {
                beforeAnswer += 1
                latencies.append(0)
            }
        }
        let received = seenKeys.count
        self.received = received
        missing = expected - received
        self.duplicates = duplicates
        self.signatureFailures = signatureFailures
        self.unmatched = unmatched
        self.beforeAnswer = beforeAnswer
        latency = HTTPLoadLatencies(nanoseconds: latencies)
        let deliverySpan = firstArrival.map { Double(lastArrival - $0) / 1e9 } ?? 0
        deliveriesPerSecond = deliverySpan > 0 ? Double(received - 1) / deliverySpan : 0
        tail = lastArrival > lastAnswer ? .nanoseconds(Int64(lastArrival - lastAnswer)) : .zero
        cpuPerDelivery = received > 0 ? cpu.map { $0 / received } : nil
        databaseCPUPerDelivery = received > 0 ? databaseCPU.map { $0 / received } : nil
    }

    /// Whether the arrival carries a valid signature under `secret` (checked against the arrival's wall clock).
    static func verifies(_ arrival: ShipmentsBenchReceiver.Arrival, secret: String?) -> Bool {
        guard let secret, let timestampText = arrival.timestamp, let timestamp = Int64(timestampText), let signature = arrival.signature else {
            return false
        }
        return WebhookSignature.verify(body: arrival.body, secret: secret, timestamp: timestamp, signature: signature, now: arrival.wallClock)
    }

    /// (subscriber, payload.shipmentID, type) of a delivery's body, or nil when the body is not such an envelope.
    static func key(of arrival: ShipmentsBenchReceiver.Arrival) -> Key? {
        guard let envelope = try? JSONValue(data: Data(arrival.body)), let type = envelope["type"]?.stringValue,
            let shipmentID = envelope["payload"]?["shipmentID"]?.stringValue
        else { return nil }
        return Key(subscriber: arrival.subscriber, shipmentID: shipmentID, eventType: type)
    }
}
