import Contracts
import Foundation
import Shipments

/// The `POST /v1/shipments/{id}/events` requests of one run: request *i* is a milestone of shipment `i mod S` (of the
/// run's S shipments), the `⌊i / S⌋`-th step of the run's walk, with event id `<tag>-<i>`.
///
/// Spreading the steps this way keeps two requests about one shipment S requests apart (seconds at any rate this
/// machine reaches), so the walk's order holds on many connections without coordination: a shipment's next milestone
/// is sent long after the answer to its previous one. Past the end of the walk (`i ≥ S × steps`) the walk's steps
/// that a delivered shipment can still take start again (picked, packed, in transit, delivered: no dispatch, which
/// would be refused, and no exception, which would be announced); those milestones are valid but late, so the
/// service records them as history only — the benchmark counts them apart (``ShipmentsBenchProbe/milestones(tag:)``).
struct ShipmentsBenchRequests: Sendable {
    /// The walk of the milestone runs: every status a shipment passes, dispatched without lines (everything open).
    static let fullWalk: [MilestoneKind] = [.picked, .packed, .dispatched, .inTransit, .delivered]
    /// The walk of the webhook runs: every step announces an event (dispatched, exception, delivered).
    static let announcedWalk: [MilestoneKind] = [.dispatched, .exception, .delivered]

    let tag: String
    let shipments: [String]
    let walk: [MilestoneKind]
    /// One ISO 8601 time for every milestone of the run (the policy orders by status, not by time).
    let occurredAt: String

    init(tag: String, shipments: [String], walk: [MilestoneKind], occurredAt: Date = Date()) {
        self.tag = tag
        self.shipments = shipments
        self.walk = walk
        self.occurredAt = (try? StableJSON.string(from: occurredAt)) ?? "2026-11-27T14:01:02Z"
    }

    /// Requests before the walk starts again (every shipment through every step once).
    var walkLength: Int { shipments.count * walk.count }

    /// The shipment and milestone of request `index`.
    func milestone(_ index: Int) -> (shipmentID: String, kind: MilestoneKind) {
        let shipment = shipments[index % shipments.count]
        let step = index / shipments.count
        guard step >= walk.count else { return (shipment, walk[step]) }
        // Past the walk: the steps a finished shipment keeps as history (a dispatch would find nothing open and be
        // refused with 409; an exception would be announced again).
        let late = walk.filter { $0 != .dispatched && $0 != .exception }
        return (shipment, late.isEmpty ? .delivered : late[(step - walk.count) % late.count])
    }

    /// The event type the service announces for request `index` (nil for a milestone that announces none).
    func announcedEventType(_ index: Int) -> String? {
        Self.announcedEventType(milestone(index).kind)
    }

    static func announcedEventType(_ kind: MilestoneKind) -> String? {
        switch kind {
        case .dispatched: ShipmentDispatched.eventType.routingKey
        case .delivered: ShipmentDelivered.eventType.routingKey
        case .exception: ShipmentException.eventType.routingKey
        case .picked, .packed, .inTransit: nil
        }
    }

    /// Request `index`.
    func request(_ index: Int) -> HTTPLoadRequest {
        let (shipmentID, kind) = milestone(index)
        var body = #"{"eventID":"\#(tag)-\#(index)","type":"\#(kind.rawValue)","occurredAt":"\#(occurredAt)""#
        switch kind {
        case .dispatched:
            body += #","carrier":"DHL","trackingNumber":"JJD\#(String(index, radix: 10))""#
        case .inTransit, .delivered:
            body += #","carrier":"DHL""#
        case .exception:
            body += #","reason":"carrier reports a delay at the hub""#
        case .picked, .packed:
            break
        }
        body += "}"
        return HTTPLoadRequest(
            path: "/v1/shipments/\(shipmentID)/events",
            headers: [(name: "Content-Type", value: "application/json")],
            body: Array(body.utf8)
        )
    }

    /// A load generator sending this run's milestones to the service on `port`.
    func generator(port: Int) -> HTTPLoadGenerator {
        let requests = self
        return HTTPLoadGenerator(port: port) { requests.request($0) }
    }
}
