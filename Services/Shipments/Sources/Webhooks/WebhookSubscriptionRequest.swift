import Contracts
import Foundation
import ServiceKit

/// The body of `POST /v1/webhook-subscriptions`: `{"url": "https://…", "eventTypes": ["shipments.shipment.dispatched.v1"], "secret": "…"}`.
///
/// Every member is optional here so that ``validated()`` can report all missing and invalid fields at once.
struct WebhookSubscriptionRequest: Decodable, Sendable {
    var url: String?
    var eventTypes: [String]?
    var secret: String?

    /// The event types a subscription may name (besides `"*"`, every one of them): the events shipments publishes.
    static let subscribableEventTypes: [String] = [
        ShipmentCreated.eventType, ShipmentDispatched.eventType, ShipmentDelivered.eventType, ShipmentException.eventType,
        ReturnReceived.eventType,
    ].map(\.routingKey)
    static let allEventTypes = "*"
    static let eventTypeCount = 1...50
    static let secretLength = 16...256
    static let maximumURLLength = 2048

    /// A request that passed validation.
    struct Valid: Sendable, Hashable {
        var url: String
        var eventTypes: [String]
        var secret: String
    }

    /// The request if every field is valid; otherwise a 422 problem listing each invalid field by JSON pointer.
    func validated() throws(ProblemDetails) -> Valid {
        var errors: [ProblemDetails.FieldError] = []
        if let url {
            if let reason = Self.urlProblem(url) { errors.append(.init(pointer: "/url", detail: reason)) }
        } else {
            errors.append(.init(pointer: "/url", detail: "is required: the absolute http or https URL events are POSTed to"))
        }
        if let eventTypes {
            if !Self.eventTypeCount.contains(eventTypes.count) {
                errors.append(.init(pointer: "/eventTypes", detail: "must list \(Self.eventTypeCount.lowerBound) to \(Self.eventTypeCount.upperBound) event types, found \(eventTypes.count)"))
            }
            var seen = Set<String>()
            for (index, eventType) in eventTypes.enumerated() {
                if eventType != Self.allEventTypes && !Self.subscribableEventTypes.contains(eventType) {
                    errors.append(.init(pointer: "/eventTypes/\(index)", detail: "\"\(eventType)\" is not a shipments event type; use one of \(Self.subscribableEventTypes.joined(separator: ", ")) or \"*\" for all"))
                } else if !seen.insert(eventType).inserted {
                    errors.append(.init(pointer: "/eventTypes/\(index)", detail: "\"\(eventType)\" is listed twice"))
                }
            }
        } else {
            errors.append(.init(pointer: "/eventTypes", detail: "is required: the event types to send, or [\"*\"] for all"))
        }
        if let secret {
            if !Self.secretLength.contains(secret.count) {
                errors.append(.init(pointer: "/secret", detail: "must be \(Self.secretLength.lowerBound) to \(Self.secretLength.upperBound) characters, found \(secret.count)"))
            }
        } else {
            errors.append(.init(pointer: "/secret", detail: "is required: the shared secret that signs every request (16 to 256 characters)"))
        }
        guard errors.isEmpty, let url, let eventTypes, let secret else { throw .validationFailed(errors) }
        return Valid(url: url, eventTypes: eventTypes, secret: secret)
    }

    /// Why `text` is not an acceptable webhook URL, or nil.
    static func urlProblem(_ text: String) -> String? {
        guard text.utf8.count <= maximumURLLength else { return "must be at most \(maximumURLLength) bytes long" }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "\"\(text)\" is not an absolute URL"
        }
        guard scheme == "http" || scheme == "https" else { return "must use http or https, not \(scheme)" }
        guard let host = components.host, !host.isEmpty else { return "\"\(text)\" names no host" }
        guard components.user == nil, components.password == nil else { return "must not carry credentials; the signature authenticates the sender" }
        guard components.fragment == nil else { return "must not have a fragment (#…)" }
        return nil
    }
}
