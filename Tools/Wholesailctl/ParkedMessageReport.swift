import Contracts
import Foundation
import Outbox

/// Parked messages as `dlq list` and `dlq replay` print them: a short block per message, or JSON for scripts.
struct ParkedMessageReport: Sendable {
    /// One parked message in the JSON output; absent values are `null`, so every object has the same keys.
    struct Entry: Encodable, Sendable {
        var messageID: String?
        var eventType: String?
        var correlationID: String?
        var reason: String?
        var handler: String?
        var attempts: Int?
        var firstFailure: String?
        var originalRoutingKey: String?
        var bodyBytes: Int

        init(_ message: ParkedMessage) {
            messageID = message.messageID
            eventType = message.eventType
            correlationID = message.correlationID
            reason = message.reason
            handler = message.handler
            attempts = message.attempts
            firstFailure = message.firstFailure
            originalRoutingKey = message.originalRoutingKey
            bodyBytes = message.body.count
        }

        enum CodingKeys: String, CodingKey {
            case messageID, eventType, correlationID, reason, handler, attempts, firstFailure, originalRoutingKey, bodyBytes
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(messageID, forKey: .messageID)
            try container.encode(eventType, forKey: .eventType)
            try container.encode(correlationID, forKey: .correlationID)
            try container.encode(reason, forKey: .reason)
            try container.encode(handler, forKey: .handler)
            try container.encode(attempts, forKey: .attempts)
            try container.encode(firstFailure, forKey: .firstFailure)
            try container.encode(originalRoutingKey, forKey: .originalRoutingKey)
            try container.encode(bodyBytes, forKey: .bodyBytes)
        }
    }

    let messages: [ParkedMessage]

    /// Two or three lines per message: ids and type, then why it was parked.
    var lines: [String] {
        messages.flatMap { message -> [String] in
            let attempts = message.attempts.map { "\($0) attempt(s)" } ?? "attempts unknown"
            return [
                Self.summary(message),
                "  handler \(message.handler ?? "-"), \(attempts), first failure \(message.firstFailure ?? "-")",
                "  reason: \(WholesailctlError.singleLine(message.reason ?? "-"))",
            ]
        }
    }

    /// One line per message: its id, event type and correlation id.
    var summaryLines: [String] {
        messages.map(Self.summary)
    }

    static func summary(_ message: ParkedMessage) -> String {
        "\(message.messageID ?? "(no message id)")  \(message.eventType ?? "(no type)")  correlation \(message.correlationID ?? "-")"
    }

    /// A JSON array of ``Entry`` objects, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(messages.map(Entry.init)), as: UTF8.self)
    }
}
