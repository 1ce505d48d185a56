import Contracts
import Outbox

/// Shipments' handler of `inventory.stock.changed.v1` (so the shipments inbox binds that key): each change becomes
/// channel stock levels through ``ChannelFeedOutbox/queueLevel(_:eventID:logger:in:)``, in the handler's
/// transaction — with the inbox row, so a redelivered message has no effect at all.
public struct ChannelStockFeed: Sendable {
    public let outbox: ChannelFeedOutbox

    public init(outbox: ChannelFeedOutbox) {
        self.outbox = outbox
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(StockChanged.self, handler: "channel-stock-feed") { envelope, context in
            try await outbox.queueLevel(envelope.payload, eventID: envelope.id.description, logger: context.logger, in: context.transaction)
        }
    }
}
