import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// `POST /v1/orders/{id}/cancel`: before anything shipped, the channel cancels; `orders.order.cancelled.v1` tells
/// inventory to release the reservation and finance its credit hold, and a posting still waiting for the ERP is
/// dropped. Cancelling a cancelled order answers 200 again; after a dispatch it is 409.
struct OrderCancellation: Sendable {
    struct Body: Codable, Sendable {
        var reason: String?
    }

    let store: OrdersStore
    let pool: PostgresPool
    let queries: OrderQueries

    func cancel(orderID: String, reason: String?, credential: ChannelCredential) async throws -> OrderDocument {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reason, reason.isEmpty || reason.count > 500 {
            throw ProblemDetails.validationFailed([.init(pointer: "/reason", detail: "must have 1 to 500 characters when given")])
        }
        try await pool.transaction { transaction in
            guard let order = try await store.lock(orderID: orderID, in: transaction), order.channel == credential.channel else {
                throw OrderQueries.notFound(orderID)
            }
            try await Self.cancel(order, reason: reason, by: credential.channel, store: store, in: transaction)
        }
        return try await queries.document(orderID: orderID, credential: credential)
    }

    /// Cancels `order` (locked by the caller) inside the caller's transaction: status, deadlines, the pending ERP
    /// posting, the timeline and `orders.order.cancelled.v1`. Cancelling a cancelled order changes nothing.
    /// - Throws: a 409 ``ProblemDetails`` when the order was rejected or goods have left the warehouse.
    static func cancel(_ order: OrderRecord, reason: String?, by actor: String, store: OrdersStore, in transaction: PostgresTransaction) async throws {
        let orderID = order.id
        if order.status == .cancelled { return }
        let dispatched = try await transaction.query("SELECT 1 FROM order_dispatches WHERE order_id = $1 LIMIT 1", orderID)
        guard order.status.isCancellable, dispatched.isEmpty else {
            throw ProblemDetails(
                type: "urn:wholesail:problem:order-not-cancellable", title: "The order can no longer be cancelled", status: .conflict,
                detail: order.status == .rejected
                    ? "Order \(orderID) was rejected; there is nothing to cancel."
                    : "Order \(orderID) is \(order.status.rawValue) and goods have left the warehouse; request a return instead (POST /v1/orders/\(orderID)/returns)."
            )
        }
        let envelope = try EventEnvelope(payload: OrderCancelled(orderID: orderID, reason: reason), correlationID: orderID)
        try await store.setStatus(.cancelled, orderID: orderID, in: transaction)
        try await store.clearDeadlines(orderID: orderID, in: transaction)
        let droppedPosting = try await transaction.execute("UPDATE erp_postings SET status = 'cancelled' WHERE order_id = $1 AND status = 'pending'", orderID)
        var detail = reason ?? "cancelled by \(actor)"
        if droppedPosting == 0, let document = order.erpDocumentNumber {
            detail += "; ERP document \(document) was already posted: cancel it in the ERP"
        }
        try await store.appendTimeline(orderID: orderID, state: "cancelled", eventID: envelope.id.description, detail: detail, in: transaction)
        try await store.outbox.append(envelope, in: transaction)
    }
}
