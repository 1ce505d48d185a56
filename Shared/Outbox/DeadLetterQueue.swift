import Contracts
import Foundation
import Messaging

/// A message parked in a service's dead-letter queue, with why it was parked.
public struct ParkedMessage: Sendable, Hashable {
    public var messageID: String?
    public var eventType: String?
    public var correlationID: String?
    public var reason: String?
    public var handler: String?
    public var attempts: Int?
    public var firstFailure: String?
    public var originalRoutingKey: String?
    public var body: [UInt8]

    init(_ delivery: Delivery) {
        let headers = delivery.properties.headers
        messageID = delivery.properties.messageID
        eventType = delivery.properties.type ?? headers[MessageHeaders.originalRoutingKey]?.stringValue
        correlationID = delivery.properties.correlationID
        reason = headers[MessageHeaders.reason]?.stringValue
        handler = headers[MessageHeaders.handler]?.stringValue
        attempts = headers[MessageHeaders.attempts]?.integerValue.map { Int($0) }
        firstFailure = headers[MessageHeaders.firstFailure]?.stringValue
        originalRoutingKey = headers[MessageHeaders.originalRoutingKey]?.stringValue
        body = delivery.body
    }
}

/// Inspects and replays a service's parked messages (`<service>.dlq`).
///
/// Replaying sends a message back to the service's inbox queue with its retry count reset; the
/// inbox table makes a replay of an already-applied message harmless. Listing takes the messages
/// without acknowledging them and hands them all back, so it changes nothing.
public struct DeadLetterQueue: Sendable {
    /// Which parked messages to replay.
    public enum Selection: Sendable, Hashable {
        case all
        case messageIDs(Set<String>)

        func includes(_ messageID: String?) -> Bool {
            switch self {
            case .all: true
            case .messageIDs(let ids): messageID.map(ids.contains) ?? false
            }
        }
    }

    public static let replayedAtHeader = "x-wholesail-replayed-at"

    public let topology: ServiceTopology
    private let connection: AMQPConnection

    public init(topology: ServiceTopology, connection: AMQPConnection) {
        self.topology = topology
        self.connection = connection
    }

    /// Up to `limit` parked messages, oldest first; the queue is left as it was.
    public func list(limit: Int = 1000) async throws(AMQPError) -> [ParkedMessage] {
        let held = try await take(limit: limit)
        for delivery in held { delivery.reject(requeue: true) }
        return held.map(ParkedMessage.init)
    }

    /// Moves the selected parked messages back to the inbox (or, with `dryRun`, only says which
    /// would move). Each original is acknowledged only after its copy is confirmed in the inbox.
    /// - Returns: the messages replayed (or that would be).
    public func replay(_ selection: Selection, dryRun: Bool = false, limit: Int = 10_000) async throws(AMQPError) -> [ParkedMessage] {
        let held = try await take(limit: limit)
        var replayed: [ParkedMessage] = []
        var failure: AMQPError?
        for delivery in held {
            guard failure == nil, !dryRun, selection.includes(delivery.properties.messageID) else {
                if dryRun, selection.includes(delivery.properties.messageID) { replayed.append(ParkedMessage(delivery)) }
                delivery.reject(requeue: true)
                continue
            }
            var properties = delivery.properties
            for header in [MessageHeaders.attempt, MessageHeaders.attempts, MessageHeaders.reason, MessageHeaders.handler, MessageHeaders.firstFailure] {
                properties.headers[header] = nil
            }
            properties.headers[Self.replayedAtHeader] = .string((try? StableJSON.string(from: Date())) ?? "\(Date())")
            do {
                try await connection.publish(OutgoingMessage(exchange: "", routingKey: topology.inboxQueue, body: delivery.body, properties: properties))
                delivery.ack()
                replayed.append(ParkedMessage(delivery))
            } catch {
                failure = error
                delivery.reject(requeue: true)
            }
        }
        if let failure { throw failure }
        return replayed
    }

    /// Takes up to `limit` messages without acknowledging them (they stay held by this connection).
    private func take(limit: Int) async throws(AMQPError) -> [Delivery] {
        var held: [Delivery] = []
        do {
            while held.count < limit, let delivery = try await connection.get(queue: topology.deadLetterQueue) {
                held.append(delivery)
            }
        } catch {
            for delivery in held { delivery.reject(requeue: true) }
            throw error
        }
        return held
    }
}
