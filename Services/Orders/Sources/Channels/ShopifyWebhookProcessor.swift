import Contracts
import Foundation
import Logging
import Outbox
import Persistence
import ServiceKit
import ShopifyChannel

/// Does the work of a stored Shopify delivery, from `orders.shopify-webhook.accepted.v1`:
/// - `orders/create`: maps the order (``ShopifyOrderMapper``, the shop's configuration) and accepts it like
///   `POST /v1/orders`; a second event for the same Shopify order finds the first order.
/// - `orders/cancelled`: cancels the order. If the order's `orders/create` has not been processed yet (Shopify does
///   not guarantee order), the event is retried with backoff.
/// - any other topic: recorded as ignored.
///
/// A payload that cannot be decoded or mapped (e.g. a variant with no SKU mapping) is dead-lettered with the reason;
/// after fixing the shop's configuration an operator replays it (`wholesailctl dlq replay`).
struct ShopifyWebhookProcessor: Sendable {
    /// The `orders/cancelled` event arrived before its order: retried until it is there.
    struct OrderNotYetReceived: Error, CustomStringConvertible {
        var shopifyOrderID: Int64
        var description: String { "Shopify order \(shopifyOrderID) is cancelled, but its orders/create has not been processed yet; retrying" }
    }

    let shops: ShopifyShops
    let store: OrdersStore
    let acceptor: ChannelOrderAcceptor

    func register(on handlers: inout EventHandlers) {
        handlers.on(ShopifyWebhookAccepted.self, handler: "process-shopify-webhook") { envelope, context in
            try await process(envelope.payload, context: context)
        }
    }

    func process(_ accepted: ShopifyWebhookAccepted, context: EventHandlerContext) async throws {
        let transaction = context.transaction
        guard let delivery = try await shops.lockDelivery(shop: accepted.shopDomain, topic: accepted.topic, eventID: accepted.eventID, in: transaction) else {
            throw EventRejection("Shopify delivery \(accepted.shopDomain) \(accepted.topic) \(accepted.eventID) is not stored in this orders schema")
        }
        guard delivery.status == "received" else { return }
        guard let shop = try await shops.shop(domain: accepted.shopDomain, in: transaction) else {
            throw EventRejection("shop \(accepted.shopDomain) is no longer configured; configure it, then replay this message")
        }
        func finish(_ status: String, _ outcome: String, orderID: String? = nil) async throws {
            try await shops.finish(shop: accepted.shopDomain, topic: accepted.topic, eventID: accepted.eventID,
                                   status: status, outcome: outcome, orderID: orderID, in: transaction)
        }
        switch accepted.topic {
        case "orders/create":
            let order: ShopifyOrder
            do {
                order = try ShopifyOrder.decode(delivery.body)
            } catch {
                throw EventRejection("orders/create from \(accepted.shopDomain) cannot be read: \(error)")
            }
            let mapped: ShopifyMappedOrder
            do {
                mapped = try ShopifyOrderMapper.map(order, shop: shop.configuration)
            } catch {
                throw EventRejection("Shopify order \(order.id) from \(accepted.shopDomain) cannot be mapped: \(error); fix the shop's configuration, then replay")
            }
            let key = "shopify:\(accepted.shopDomain):\(order.id)"
            switch try await acceptor.accept(mapped.request, channel: shop.configuration.channelName, deduplicationKey: key, in: transaction) {
            case .accepted(let orderID):
                try await finish("processed", "order \(orderID) received", orderID: orderID)
            case .existing(let orderID):
                try await finish("processed", "order \(orderID) already received for Shopify order \(order.id)", orderID: orderID)
            }
        case "orders/cancelled":
            let cancellation: ShopifyOrderCancellation
            do {
                cancellation = try ShopifyOrderCancellation.decode(delivery.body)
            } catch {
                throw EventRejection("orders/cancelled from \(accepted.shopDomain) cannot be read: \(error)")
            }
            let channel = shop.configuration.channelName
            guard let orderID = try await ChannelOrderAcceptor.orderID(channel: channel, reference: String(cancellation.id), in: transaction),
                  let order = try await store.lock(orderID: orderID, in: transaction) else {
                throw OrderNotYetReceived(shopifyOrderID: cancellation.id)
            }
            let reason = cancellation.cancelReason.map { "cancelled in Shopify: \($0)" } ?? "cancelled in Shopify"
            do {
                try await OrderCancellation.cancel(order, reason: reason, by: channel, store: store, in: transaction)
                try await finish("processed", "order \(orderID) cancelled", orderID: orderID)
            } catch let problem as ProblemDetails {
                // Goods already left: the cancellation cannot be honoured here; the record says why for the operator.
                context.logger.notice("Shopify cancellation not applied", metadata: ["order_id": "\(orderID)", "reason": "\(problem.detail ?? "")"])
                try await finish("processed", "not cancelled: \(problem.detail ?? problem.title)", orderID: orderID)
            }
        default:
            try await finish("ignored", "topic \(accepted.topic) is not processed by Wholesail")
        }
    }
}
