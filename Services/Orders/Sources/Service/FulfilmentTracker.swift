import Contracts
import Foundation
import Logging
import Outbox
import Persistence

/// Follows an order after confirmation from shipments' and finance's events: shipped, delivered, invoiced,
/// completed, returned, refunded — each a timeline entry, the status moving only forward
/// (``OrderStatus/advanced(to:)``). Keeps what returns are checked against (the dispatched quantities per line).
///
/// Completed: every ordered unit dispatched, every shipment delivered, every dispatch invoiced.
public struct FulfilmentTracker: Sendable {
    public let store: OrdersStore
    /// The 856 and 810 of orders that came by EDI.
    let ediDocuments = EDIDocumentGenerator()

    public init(store: OrdersStore) {
        self.store = store
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(ShipmentDispatched.self, handler: "track-dispatch") { envelope, context in
            try await dispatched(envelope, context: context)
        }
        handlers.on(ShipmentDelivered.self, handler: "track-delivery") { envelope, context in
            let delivered = envelope.payload
            let order = try await lockedOrder(delivered.orderID, envelope: envelope, context: context)
            let updated = try await context.transaction.execute(
                """
                INSERT INTO order_shipments (shipment_id, order_id, delivered_at) VALUES ($1, $2, $3)
                ON CONFLICT (shipment_id) DO UPDATE SET delivered_at = $3 WHERE order_shipments.delivered_at IS NULL
                """,
                delivered.shipmentID, delivered.orderID, delivered.deliveredAt
            )
            guard updated == 1 else { return }
            try await store.appendTimeline(orderID: order.id, state: "delivered", at: delivered.deliveredAt, eventID: envelope.id.description,
                                           detail: "shipment \(delivered.shipmentID) from \(delivered.warehouse)", in: context.transaction)
            try await completeIfDone(order, now: order.status, cause: envelope, context: context)
        }
        handlers.on(InvoicePosted.self, handler: "track-invoice") { envelope, context in
            let invoice = envelope.payload
            let order = try await lockedOrder(invoice.orderID, envelope: envelope, context: context)
            let inserted = try await context.transaction.execute(
                "INSERT INTO order_invoices (invoice_id, order_id, dispatch_id, invoice_number) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                invoice.invoiceID, invoice.orderID, invoice.dispatchID, invoice.invoiceNumber
            )
            guard inserted == 1 else { return }
            try await ediDocuments.invoiced(invoice, in: context.transaction)
            try await store.appendTimeline(orderID: order.id, state: "invoiced", at: invoice.postedAt, eventID: envelope.id.description,
                                           detail: "invoice \(invoice.invoiceNumber): \(invoice.total) due \(invoice.dueDate)", in: context.transaction)
            let status = try await advance(order, to: .invoiced, in: context.transaction)
            try await completeIfDone(order, now: status, cause: envelope, context: context)
        }
        handlers.on(ReturnReceived.self, handler: "track-return") { envelope, context in
            let received = envelope.payload
            let order = try await lockedOrder(received.orderID, envelope: envelope, context: context)
            let units = received.lines.reduce(0) { $0 + $1.quantity }
            try await store.appendTimeline(orderID: order.id, state: "returned", at: received.receivedAt, eventID: envelope.id.description,
                                           detail: "\(received.rma): \(units) unit(s) back in \(received.warehouse)", in: context.transaction)
            try await advance(order, to: .returned, in: context.transaction)
        }
        handlers.on(RefundCompleted.self, handler: "track-refund") { envelope, context in
            let refund = envelope.payload
            let order = try await lockedOrder(refund.orderID, envelope: envelope, context: context)
            try await store.appendTimeline(orderID: order.id, state: "refunded", at: refund.completedAt, eventID: envelope.id.description,
                                           detail: "\(refund.rma): \(refund.amount), credit note \(refund.creditNoteNumber)", in: context.transaction)
            try await advance(order, to: .refunded, in: context.transaction)
        }
    }

    private func lockedOrder<Payload>(_ orderID: String, envelope: EventEnvelope<Payload>, context: EventHandlerContext) async throws -> OrderRecord {
        guard let order = try await store.lock(orderID: orderID, in: context.transaction) else {
            throw EventRejection("\(envelope.type) is about order \(orderID), which this orders service never received; check the producer's order id")
        }
        return order
    }

    /// Moves the order forward to `milestone` if that is forward; returns its status now.
    @discardableResult
    private func advance(_ order: OrderRecord, to milestone: OrderStatus, in transaction: PostgresTransaction) async throws -> OrderStatus {
        let next = order.status.advanced(to: milestone)
        if next != order.status { try await store.setStatus(next, orderID: order.id, attentionReason: order.attentionReason, in: transaction) }
        return next
    }

    func dispatched(_ envelope: EventEnvelope<ShipmentDispatched>, context: EventHandlerContext) async throws {
        let dispatch = envelope.payload
        let transaction = context.transaction
        let order = try await lockedOrder(dispatch.orderID, envelope: envelope, context: context)
        let inserted = try await transaction.execute(
            "INSERT INTO order_dispatches (dispatch_id, order_id, shipment_id, warehouse, dispatched_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            dispatch.dispatchID, dispatch.orderID, dispatch.shipmentID, dispatch.warehouse, dispatch.dispatchedAt
        )
        guard inserted == 1 else { return }
        let ordered = Dictionary(order.document.lines.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        for line in dispatch.lines {
            guard let orderedLine = ordered[line.lineNumber], orderedLine.sku == line.sku else {
                throw EventRejection("dispatch \(dispatch.dispatchID) ships line \(line.lineNumber) (\(line.sku)), which order \(order.id) does not have")
            }
            guard line.quantity > 0 else { throw EventRejection("dispatch \(dispatch.dispatchID) line \(line.lineNumber) has quantity \(line.quantity)") }
        }
        _ = try await transaction.execute(
            """
            INSERT INTO order_dispatch_lines (dispatch_id, line_number, sku, quantity)
            SELECT $1, line_number, sku, quantity FROM unnest($2::int[], $3::text[], $4::int[]) AS line(line_number, sku, quantity)
            ON CONFLICT DO NOTHING
            """,
            dispatch.dispatchID, dispatch.lines.map(\.lineNumber), dispatch.lines.map(\.sku), dispatch.lines.map(\.quantity)
        )
        _ = try await transaction.execute(
            "INSERT INTO order_shipments (shipment_id, order_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", dispatch.shipmentID, dispatch.orderID
        )
        try await ediDocuments.dispatched(dispatch, in: transaction)
        if order.status.isAwaitingSteps || order.status.isClosed {
            context.logger.warning("goods dispatched for an order that is not confirmed", metadata: ["order_id": "\(order.id)", "status": "\(order.status.rawValue)"])
        }
        let shipped = try await store.shippedUnits(orderID: order.id, in: transaction)
        let orderedUnits = order.document.lines.reduce(0) { $0 + $1.quantity }
        let shippedUnits = shipped.values.reduce(0, +)
        let carrier = [dispatch.carrier, dispatch.trackingNumber].compactMap { $0 }.joined(separator: " ")
        try await store.appendTimeline(
            orderID: order.id, state: "shipped", at: dispatch.dispatchedAt, eventID: envelope.id.description,
            detail: "\(dispatch.lines.reduce(0) { $0 + $1.quantity }) unit(s) from \(dispatch.warehouse)\(carrier.isEmpty ? "" : " via \(carrier)"); \(shippedUnits) of \(orderedUnits) shipped",
            in: transaction
        )
        let status = try await advance(order, to: .shipped, in: transaction)
        try await completeIfDone(order, now: status, shipped: shipped, cause: envelope, context: context)
    }

    /// An order's shipments not yet delivered and dispatches not yet invoiced (`$1`: the order id); runs on every
    /// fulfilment event, so it must stay an index lookup (orders_0004).
    static let openWorkQuery = """
        SELECT (SELECT count(*) FROM order_shipments WHERE order_id = $1 AND delivered_at IS NULL)::int,
               (SELECT count(*) FROM order_dispatches d WHERE d.order_id = $1
                  AND NOT EXISTS (SELECT 1 FROM order_invoices i WHERE i.dispatch_id = d.dispatch_id))::int
        """

    /// Completes the order when every unit is shipped, every shipment delivered and every dispatch invoiced.
    ///
    /// - Parameters:
    ///   - order: the order as this handler locked it; the lock is held, so only this handler changed it since.
    ///   - status: its status after this handler's own change (the row is not read again for it).
    ///   - shipped: the dispatched units per line, when this handler has just read them.
    private func completeIfDone(
        _ order: OrderRecord, now status: OrderStatus, shipped: [Int: Int]? = nil, cause: some EventCause, context: EventHandlerContext
    ) async throws {
        let transaction = context.transaction
        guard status.fulfilmentRank >= OrderStatus.shipped.fulfilmentRank, status.fulfilmentRank < OrderStatus.completed.fulfilmentRank else { return }
        let shipped = if let shipped { shipped } else { try await store.shippedUnits(orderID: order.id, in: transaction) }
        let allShipped = order.document.lines.allSatisfy { (shipped[$0.lineNumber] ?? 0) >= $0.quantity }
        let open = try await transaction.query(Self.openWorkQuery, order.id)
        guard allShipped, let row = open.first, try row.decode(Int.self, at: 0) == 0, try row.decode(Int.self, at: 1) == 0 else { return }
        try await store.setStatus(.completed, orderID: order.id, in: transaction)
        try await store.appendTimeline(orderID: order.id, state: "completed", eventID: cause.id.description,
                                       detail: "every unit shipped, delivered and invoiced", in: transaction)
    }
}
