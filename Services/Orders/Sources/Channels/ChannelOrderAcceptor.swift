import Contracts
import Foundation
import Persistence
import ServiceKit

/// Accepts a canonical order that a channel adapter (Shopify webhook, EDI 850) mapped, inside the adapter's
/// transaction: the same rows and `orders.order.received.v1` as `POST /v1/orders`, so every channel's order is
/// orchestrated the same way.
///
/// The adapter's own deduplication key (a Shopify event, an EDI transaction set) is claimed like an
/// `Idempotency-Key`, and the channel order reference is unique per channel: a second delivery of the same order
/// finds the first one instead of creating another.
struct ChannelOrderAcceptor: Sendable {
    /// What became of the order.
    enum Outcome: Sendable, Equatable {
        /// A new order, now `received`.
        case accepted(orderID: String)
        /// The channel sent this order before; nothing new was stored.
        case existing(orderID: String)
    }

    let store: OrdersStore
    let configuration: OrdersConfiguration

    func accept(_ request: OrderRequest, channel: String, deduplicationKey: String, in transaction: PostgresTransaction) async throws -> Outcome {
        let orderID = CorrelationID.generate()
        let received = request.received(orderID: orderID, channel: channel, receivedAt: StableJSON.roundedToMilliseconds(Date()))
        let envelope = try EventEnvelope(payload: received, correlationID: orderID)
        let envelopeBody = try envelope.encoded()
        let answer = OrderIntake.acceptance(orderID: orderID, status: .received, channel: channel,
                                            reference: request.channelOrderReference, receivedAt: received.receivedAt)
        let claim = IdempotencyClaim(
            key: deduplicationKey, scope: "channel-order", requestHash: SHA256.hexDigest(try StableJSON.encode(request)),
            status: 202, body: String(decoding: try StableJSON.encode(answer), as: UTF8.self)
        )
        switch try await store.insert(envelope, encodedAs: envelopeBody, stepTimeout: configuration.stepTimeout,
                                      claiming: claim, in: transaction) {
        case .inserted:
            return .accepted(orderID: orderID)
        case .orderExists, .keyUsed:
            guard let existing = try await Self.orderID(channel: channel, reference: request.channelOrderReference, in: transaction) else {
                throw OrdersStoreError.corrupt("channel key \(deduplicationKey) was used, but \(channel) has no order \(request.channelOrderReference)")
            }
            return .existing(orderID: existing)
        }
    }

    /// The order a channel sent under `reference`, if any.
    static func orderID(channel: String, reference: String, in transaction: PostgresTransaction) async throws -> String? {
        try await transaction.query("SELECT id FROM orders WHERE channel = $1 AND channel_order_reference = $2", channel, reference)
            .first?.decode(String.self, at: 0)
    }
}
