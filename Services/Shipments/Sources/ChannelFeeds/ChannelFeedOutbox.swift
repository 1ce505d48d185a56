import Contracts
import Foundation
import Logging
import Metrics
import Persistence

/// Turns stock changes and dispatches into channel-feed deliveries, inside the transaction that handles the event
/// or records the dispatch, through the feed's own webhook subscription (``WebhookOutbox``'s per-subscription
/// enqueue): signing, retries, back-off, the status API and the dispatcher are the ordinary webhook ones.
///
/// - **Stock** (`inventory.stock.changed.v1`): for each feed with `inventory` whose mappings know both the SKU and
///   the warehouse, one level (``ShopifyInventoryLevel``), only if the event's sequence is newer than the last one
///   queued for that channel, SKU and warehouse (`channel_feed_stock_sequences`); an older or equal one — a
///   redelivered or reordered event — is dropped. A newer level closes the feed's older pending level for the same
///   SKU and location ("superseded"), so a retry can never put an old level over a newer one. Unmapped SKUs and
///   warehouses are skipped. A feed only hears of changes after it was set up: there is no back-fill.
/// - **Dispatch**: one notification (``ShopifyFulfillment``) per dispatch for the order's channel when its feed has
///   `fulfillment`, keyed by the dispatch event's id (a repeat queues nothing).
///
/// Metrics: `shipments_channel_feed_levels_queued_total`, `shipments_channel_feed_levels_stale_total` (dropped,
/// not newer), `shipments_channel_feed_levels_unmapped_total` (dimension `missing`: `sku`, `warehouse` or
/// `both`), `shipments_channel_feed_fulfillments_queued_total`,
/// `shipments_channel_feed_fulfillments_skipped_total` (the shipment has no channel order reference).
public struct ChannelFeedOutbox: Sendable {
    private let webhooks: WebhookOutbox
    private let store = ChannelFeedStore()
    private let levelsQueued: Counter
    private let levelsStale: Counter
    private let unmappedSKU: Counter
    private let unmappedWarehouse: Counter
    private let unmappedBoth: Counter
    private let fulfillmentsQueued: Counter
    private let fulfillmentsSkipped: Counter
    private let logger: Logger

    /// - Parameter logger: for what happens outside an event handler (a dispatch recorded over HTTP); handlers pass
    ///   their own, which carries the event's ids.
    public init(
        webhooks: WebhookOutbox = WebhookOutbox(), metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance,
        logger: Logger = Logger(label: "shipments.channel-feeds")
    ) {
        self.webhooks = webhooks
        self.logger = logger
        levelsQueued = Counter(label: "shipments_channel_feed_levels_queued_total", factory: metricsFactory)
        levelsStale = Counter(label: "shipments_channel_feed_levels_stale_total", factory: metricsFactory)
        unmappedSKU = Counter(label: "shipments_channel_feed_levels_unmapped_total", dimensions: [("missing", "sku")], factory: metricsFactory)
        unmappedWarehouse = Counter(label: "shipments_channel_feed_levels_unmapped_total", dimensions: [("missing", "warehouse")], factory: metricsFactory)
        unmappedBoth = Counter(label: "shipments_channel_feed_levels_unmapped_total", dimensions: [("missing", "both")], factory: metricsFactory)
        fulfillmentsQueued = Counter(label: "shipments_channel_feed_fulfillments_queued_total", factory: metricsFactory)
        fulfillmentsSkipped = Counter(label: "shipments_channel_feed_fulfillments_skipped_total", factory: metricsFactory)
    }

    /// What one stock change came to, per channel feed with `inventory` (for logs and tests).
    public enum LevelOutcome: Sendable, Hashable {
        /// A delivery was queued (nil id: the feed's subscription is inactive, or this event was queued before).
        case queued(channel: String, deliveryID: String?)
        /// The event's sequence is not newer than the last one queued for the channel: dropped.
        case stale(channel: String)
        /// The feed maps not the SKU, or not the warehouse: skipped.
        case unmapped(channel: String)
    }

    /// Queues the stock level `change` (event `eventID`) for every feed with `inventory`; see the type's notes.
    @discardableResult
    public func queueLevel(_ change: StockChanged, eventID: String, logger: Logger, in transaction: PostgresTransaction) async throws -> [LevelOutcome] {
        var outcomes: [LevelOutcome] = []
        for target in try await store.stockTargets(sku: change.sku, warehouse: change.warehouse, in: transaction) {
            guard let inventoryItemID = target.inventoryItemID, let locationID = target.locationID else {
                switch (target.inventoryItemID, target.locationID) {
                case (nil, nil): unmappedBoth.increment()
                case (nil, _): unmappedSKU.increment()
                default: unmappedWarehouse.increment()
                }
                logger.debug("stock change not fed: the channel maps not this SKU or warehouse", metadata: [
                    "channel": "\(target.channel)", "sku": "\(change.sku)", "warehouse": "\(change.warehouse)",
                ])
                outcomes.append(.unmapped(channel: target.channel))
                continue
            }
            guard try await store.advanceStockSequence(
                channel: target.channel, sku: change.sku, warehouse: change.warehouse, to: change.sequence, in: transaction
            ) else {
                levelsStale.increment()
                logger.debug("stale stock change dropped: the channel was sent this or a newer sequence", metadata: [
                    "channel": "\(target.channel)", "sku": "\(change.sku)", "warehouse": "\(change.warehouse)", "sequence": "\(change.sequence)",
                ])
                outcomes.append(.stale(channel: target.channel))
                continue
            }
            let body: Data
            switch target.format {
            case .shopify:
                body = try StableJSON.encode(ShopifyInventoryLevel(
                    inventoryItemID: inventoryItemID, locationID: locationID, available: change.available, sku: change.sku,
                    sequence: change.sequence, updatedAt: change.changedAt
                ))
            }
            let deliveryID = try await webhooks.enqueue(
                eventID: eventID, eventType: ChannelFeedKind.inventory.eventType, body: body, subscriptionID: target.subscriptionID,
                supersedeKey: Self.levelKey(sku: change.sku, warehouse: change.warehouse), in: transaction
            )
            if deliveryID != nil { levelsQueued.increment() }
            outcomes.append(.queued(channel: target.channel, deliveryID: deliveryID))
        }
        return outcomes
    }

    /// Queues the fulfillment notification of `dispatch` (published as event `eventID`) when the shipment's channel
    /// has a feed with `fulfillment`; returns the delivery id, or nil when nothing was queued.
    @discardableResult
    public func queueFulfillment(
        _ dispatch: ShipmentDispatched, eventID: String, of shipment: ShipmentRecord, in transaction: PostgresTransaction
    ) async throws -> String? {
        guard let target = try await store.fulfillmentTarget(channel: shipment.channel, in: transaction) else { return nil }
        guard let reference = shipment.channelOrderReference else {
            fulfillmentsSkipped.increment()
            logger.warning("no fulfillment notification: the shipment predates stored channel order references", metadata: [
                "channel": "\(shipment.channel)", "shipment_id": "\(shipment.id)", "dispatch_id": "\(dispatch.dispatchID)",
            ])
            return nil
        }
        let body: Data
        switch target.format {
        case .shopify:
            body = try StableJSON.encode(ShopifyFulfillment(fulfillment: .init(
                orderID: .init(channelOrderReference: reference), channelOrderReference: reference, shipmentID: dispatch.shipmentID,
                dispatchID: dispatch.dispatchID, status: "success",
                trackingInfo: .init(company: dispatch.carrier, number: dispatch.trackingNumber),
                lineItems: dispatch.lines.map { .init(sku: $0.sku, quantity: $0.quantity, lineNumber: $0.lineNumber) },
                createdAt: dispatch.dispatchedAt
            )))
        }
        let deliveryID = try await webhooks.enqueue(
            eventID: eventID, eventType: ChannelFeedKind.fulfillment.eventType, body: body, subscriptionID: target.subscriptionID, in: transaction
        )
        if deliveryID != nil { fulfillmentsQueued.increment() }
        return deliveryID
    }

    /// The supersede key of a level: the same SKU at the same warehouse. The SKU's length comes first, so no SKU
    /// and warehouse pair can spell another's key.
    static func levelKey(sku: String, warehouse: String) -> String {
        "inventory-level:\(sku.utf8.count):\(sku):\(warehouse)"
    }
}
