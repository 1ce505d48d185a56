import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// The read side: one order with its timeline, and pages of orders for a channel.
struct OrderQueries: Sendable {
    let store: OrdersStore
    let pool: PostgresPool
    let configuration: OrdersConfiguration

    /// The order if it belongs to the caller's channel; 404 otherwise (another channel's order is not even confirmed to exist).
    ///
    /// One snapshot for all its reads (repeatable read; read-only, so it never conflicts): with each statement's own
    /// snapshot, a status read before a handler committed could sit beside a timeline read after it (seen: status
    /// `returned` with `refunded` on the timeline).
    func document(orderID: String, credential: ChannelCredential) async throws -> OrderDocument {
        try await pool.transaction(isolation: .repeatableRead) { transaction in
            guard let order = try await store.order(id: orderID, in: transaction), order.channel == credential.channel else {
                throw Self.notFound(orderID)
            }
            let steps = try await store.steps(orderID: orderID, in: transaction)
            let priced = try steps[.pricing]?.result.flatMap { json -> OrderPriced? in
                guard case .approved = steps[.pricing]?.state else { return nil }
                return try StableJSON.decode(OrderPriced.self, from: Data(json.utf8))
            }
            let pricedLines = Dictionary((priced?.lines ?? []).map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
            let shipped = try await store.shippedUnits(orderID: orderID, in: transaction)
            let returned = try await store.returnAuthorizedUnits(orderID: orderID, in: transaction)
            let document = order.document
            return OrderDocument(
                orderID: order.id, channel: order.channel, channelOrderReference: document.channelOrderReference, customer: document.customer,
                currency: document.currency, status: order.status, attentionReason: order.attentionReason, erpDocumentNumber: order.erpDocumentNumber,
                receivedAt: order.document.receivedAt, updatedAt: order.updatedAt, requestedDate: document.requestedDate,
                purchaseOrderNumber: document.purchaseOrderNumber, shipTo: document.shipTo,
                lines: document.lines.map { line in
                    OrderDocument.Line(
                        lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, channelUnitPrice: line.channelUnitPrice,
                        unitPrice: pricedLines[line.lineNumber]?.unitPrice, extendedAmount: pricedLines[line.lineNumber]?.extendedAmount,
                        shipped: shipped[line.lineNumber] ?? 0, returnAuthorized: returned[line.lineNumber] ?? 0
                    )
                },
                total: priced?.total, timeline: try await store.timeline(orderID: orderID, in: transaction)
            )
        }
    }

    static func notFound(_ orderID: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:order-not-found", title: "Order not found", status: .notFound,
                       detail: "No order \(orderID) for this channel.")
    }

    /// `GET /v1/orders?status=&channel=&since=&attention=&limit=&cursor=`; `attention=true` lists the orders an
    /// operator should look at (a step never answered, the ERP refused the order), whatever their status.
    func page(parameters: [String: String], credential: ChannelCredential) async throws -> OrderPage {
        var errors: [ProblemDetails.FieldError] = []
        if let channel = parameters["channel"], channel != credential.channel {
            throw ProblemDetails(type: "urn:wholesail:problem:channel-mismatch", title: "Another channel's orders", status: .forbidden,
                                 detail: "This API key belongs to \(credential.channel); it lists that channel's orders only.")
        }
        var status: OrderStatus?
        if let text = parameters["status"] {
            status = OrderStatus(rawValue: text)
            if status == nil { errors.append(.init(pointer: "?status", detail: "\"\(text)\" is not a status; one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")) }
        }
        var attentionOnly = false
        if let text = parameters["attention"] {
            switch text {
            case "true": attentionOnly = true
            case "false": attentionOnly = false
            default: errors.append(.init(pointer: "?attention", detail: "must be true or false"))
            }
        }
        var since: Date?
        if let text = parameters["since"] {
            since = Self.instant(text)
            if since == nil { errors.append(.init(pointer: "?since", detail: "\"\(text)\" is not a date (2026-11-27) or an ISO 8601 instant (2026-11-27T10:00:00Z)")) }
        }
        var limit = min(50, configuration.maximumPageSize)
        if let text = parameters["limit"] {
            if let value = Int(text), (1...configuration.maximumPageSize).contains(value) { limit = value } else {
                errors.append(.init(pointer: "?limit", detail: "must be a whole number from 1 to \(configuration.maximumPageSize)"))
            }
        }
        var after: (Date, String)?
        if let text = parameters["cursor"] {
            after = OrderCursor.decode(text)
            if after == nil { errors.append(.init(pointer: "?cursor", detail: "is not a cursor this API returned; start again without it")) }
        }
        guard errors.isEmpty else {
            throw ProblemDetails(type: "urn:wholesail:problem:invalid-query", title: "Invalid query parameters", status: .unprocessableContent,
                                 detail: "\(errors.count) query parameter(s) are invalid; see errors.", errors: errors)
        }

        let rows = try await pool.query(
            """
            SELECT id, channel, channel_order_reference, customer, status, attention_reason, received_at, updated_at FROM orders
            WHERE channel = $1 AND ($2::text IS NULL OR status = $2) AND ($3::timestamptz IS NULL OR received_at >= $3)
              AND ($4::timestamptz IS NULL OR (received_at, id) > ($4, $5))
              AND (NOT $7 OR attention_reason IS NOT NULL)
            ORDER BY received_at, id LIMIT $6
            """,
            credential.channel, status?.rawValue, since, after?.0, after?.1 ?? "", limit + 1, attentionOnly
        )
        var orders: [OrderSummary] = []
        for row in rows.prefix(limit) {
            orders.append(OrderSummary(
                orderID: try row.decode(String.self, at: 0), channel: try row.decode(String.self, at: 1),
                channelOrderReference: try row.decode(String.self, at: 2), customer: try row.decode(String.self, at: 3),
                status: OrderStatus(rawValue: try row.decode(String.self, at: 4)) ?? .received, attentionReason: try row.decode(String?.self, at: 5),
                receivedAt: try row.decode(Date.self, at: 6), updatedAt: try row.decode(Date.self, at: 7)
            ))
        }
        let next = rows.count > limit ? orders.last.map { OrderCursor.encode(receivedAt: $0.receivedAt, orderID: $0.orderID) } : nil
        return OrderPage(orders: orders, nextCursor: next)
    }

    static func instant(_ text: String) -> Date? {
        if OrderRequestValidator.isCalendarDate(text) { return try? ISO8601Timestamp.parse(text + "T00:00:00.000Z") }
        return try? ISO8601Timestamp.parse(text)
    }
}
