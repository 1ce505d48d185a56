import Contracts
import Foundation
import Outbox
import ServiceKit

/// Turns confirmed orders into shipments — one per warehouse allocation, status `created`, announced with
/// `shipments.shipment.created.v1` — and authorised returns into expected returns.
///
/// Both are idempotent beyond the inbox: a shipment is unique per order and warehouse, an expected return per RMA.
public struct ShipmentCreator: Sendable {
    public let store: ShipmentsStore

    public init(store: ShipmentsStore) {
        self.store = store
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(OrderConfirmed.self, handler: "create-shipments") { envelope, context in
            try await create(envelope, context: context)
        }
        handlers.on(ReturnAuthorized.self, handler: "expect-return") { envelope, context in
            let inserted = try await store.insertExpectedReturn(envelope.payload, in: context.transaction)
            if !inserted {
                context.logger.info("return already expected", metadata: ["rma": "\(envelope.payload.rma)"])
            }
        }
    }

    private func create(_ envelope: EventEnvelope<OrderConfirmed>, context: EventHandlerContext) async throws {
        let order = envelope.payload
        let plans: [ShipmentPlan]
        do {
            plans = try ShipmentPlanner.plan(order)
        } catch {
            throw EventRejection("the order's allocations do not fit its lines: \(error.description)")
        }
        guard !plans.isEmpty else {
            throw EventRejection("order \(order.orderID) was confirmed without any warehouse allocation; nothing to ship")
        }
        let createdAt = StableJSON.roundedToMilliseconds(Date())
        for plan in plans {
            let shipmentID = "shp-" + CorrelationID.generate()
            guard try await store.insert(id: shipmentID, order: order, plan: plan, createdAt: createdAt, in: context.transaction) else { continue }
            let event = ShipmentCreated(
                shipmentID: shipmentID, orderID: order.orderID, channel: order.channel, channelOrderReference: order.channelOrderReference,
                customer: order.customer, warehouse: plan.warehouse, shipTo: order.shipTo,
                lines: plan.lines.map { ShipmentCreated.Line(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity) },
                createdAt: createdAt
            )
            try await store.publish(EventEnvelope(payload: event, causedBy: envelope), in: context.transaction)
        }
    }
}
