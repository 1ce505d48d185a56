import Contracts
import Foundation
import Outbox
import Persistence
import ServiceKit

/// The shipments schema's reads and writes, each inside the caller's transaction, and the one way events leave: to
/// the outbox (the broker) and to the subscribed channels' webhooks, in the same transaction as the change.
public struct ShipmentsStore: Sendable {
    public let outbox: OutboxWriter
    public let webhooks: WebhookOutbox
    /// Channel stock levels and fulfillment notifications, queued with the change that causes them.
    public let channelFeeds: ChannelFeedOutbox

    public init(outbox: OutboxWriter, webhooks: WebhookOutbox = WebhookOutbox(), channelFeeds: ChannelFeedOutbox? = nil) {
        self.outbox = outbox
        self.webhooks = webhooks
        self.channelFeeds = channelFeeds ?? ChannelFeedOutbox(webhooks: webhooks)
    }

    /// Stores `envelope` for the broker and queues a webhook delivery per subscribed channel; the body is encoded
    /// once and the webhooks carry exactly what the broker gets.
    public func publish<Payload: EventPayload>(_ envelope: EventEnvelope<Payload>, in transaction: PostgresTransaction) async throws {
        let body = try envelope.encoded()
        try await outbox.append(envelope, encodedAs: body, in: transaction)
        _ = try await webhooks.enqueue(eventID: envelope.id.description, eventType: envelope.type, body: body, in: transaction)
    }

    // MARK: Shipments

    static let shipmentColumns = "id, order_id, channel, customer, warehouse, ship_to::text, status, carrier, tracking_number, exception_reason, created_at, updated_at, channel_order_reference"

    static func record(from row: PostgresRow, lines: [ShipmentLineState]) throws -> ShipmentRecord {
        let statusText = try row.decode(String.self, at: 6)
        guard let status = ShipmentStatus(rawValue: statusText) else { throw ShipmentsStoreError.corrupt("shipment status \(statusText)") }
        return ShipmentRecord(
            id: try row.decode(String.self, at: 0), orderID: try row.decode(String.self, at: 1), channel: try row.decode(String.self, at: 2),
            customer: try row.decode(String.self, at: 3), warehouse: try row.decode(String.self, at: 4),
            shipTo: try StableJSON.decode(PostalAddress.self, from: Data(try row.decode(String.self, at: 5).utf8)),
            status: status, carrier: try row.decode(String?.self, at: 7), trackingNumber: try row.decode(String?.self, at: 8),
            exceptionReason: try row.decode(String?.self, at: 9), createdAt: try row.decode(Date.self, at: 10),
            updatedAt: try row.decode(Date.self, at: 11), channelOrderReference: try row.decode(String?.self, at: 12), lines: lines
        )
    }

    /// Creates the shipment unless the order already has one at this warehouse; true when it was created.
    public func insert(
        id: String, order: OrderConfirmed, plan: ShipmentPlan, createdAt: Date, in transaction: PostgresTransaction
    ) async throws -> Bool {
        let shipTo = String(decoding: try StableJSON.encode(order.shipTo), as: UTF8.self)
        let inserted = try await transaction.query(
            """
            WITH shipment AS (
                INSERT INTO shipments (id, order_id, channel, customer, warehouse, ship_to, status, created_at, updated_at, channel_order_reference)
                VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'created', $7, $7, $11)
                ON CONFLICT (order_id, warehouse) DO NOTHING
                RETURNING id
            ), lines AS (
                INSERT INTO shipment_lines (shipment_id, line_number, sku, quantity)
                SELECT shipment.id, line.line_number, line.sku, line.quantity
                FROM shipment, unnest($8::int[], $9::text[], $10::int[]) AS line(line_number, sku, quantity)
            )
            SELECT count(*)::int FROM shipment
            """,
            id, order.orderID, order.channel, order.customer, plan.warehouse, shipTo, createdAt,
            plan.lines.map(\.lineNumber), plan.lines.map(\.sku), plan.lines.map(\.quantity), order.channelOrderReference
        ).first?.decode(Int.self, at: 0) ?? 0
        return inserted == 1
    }

    /// The shipment, locked for the rest of the transaction (every change to a shipment goes through this lock).
    public func lock(shipmentID: String, in transaction: PostgresTransaction) async throws -> ShipmentRecord? {
        guard let row = try await transaction.query(
            "SELECT \(Self.shipmentColumns) FROM shipments WHERE id = $1 FOR UPDATE", shipmentID
        ).first else { return nil }
        return try Self.record(from: row, lines: try await lines(shipmentID: shipmentID, in: transaction))
    }

    public func shipment(id: String, in transaction: PostgresTransaction) async throws -> ShipmentRecord? {
        guard let row = try await transaction.query("SELECT \(Self.shipmentColumns) FROM shipments WHERE id = $1", id).first else { return nil }
        return try Self.record(from: row, lines: try await lines(shipmentID: id, in: transaction))
    }

    /// An order's shipments, oldest first.
    public func shipments(orderID: String, in transaction: PostgresTransaction) async throws -> [ShipmentRecord] {
        let rows = try await transaction.query("SELECT \(Self.shipmentColumns) FROM shipments WHERE order_id = $1 ORDER BY created_at, id", orderID)
        var records: [ShipmentRecord] = []
        for row in rows {
            let id = try row.decode(String.self, at: 0)
            records.append(try Self.record(from: row, lines: try await lines(shipmentID: id, in: transaction)))
        }
        return records
    }

    func lines(shipmentID: String, in transaction: PostgresTransaction) async throws -> [ShipmentLineState] {
        try await transaction.query(
            "SELECT line_number, sku, quantity, dispatched_quantity FROM shipment_lines WHERE shipment_id = $1 ORDER BY line_number", shipmentID
        ).map { row in
            ShipmentLineState(lineNumber: try row.decode(Int.self, at: 0), sku: try row.decode(String.self, at: 1),
                              quantity: try row.decode(Int.self, at: 2), dispatchedQuantity: try row.decode(Int.self, at: 3))
        }
    }

    public func update(
        shipmentID: String, status: ShipmentStatus, carrier: String?, trackingNumber: String?, exceptionReason: String?,
        in transaction: PostgresTransaction
    ) async throws {
        _ = try await transaction.execute(
            """
            UPDATE shipments SET status = $2, carrier = $3, tracking_number = $4, exception_reason = $5, updated_at = now()
            WHERE id = $1
            """,
            shipmentID, status.rawValue, carrier, trackingNumber, exceptionReason
        )
    }

    /// Records a dispatch: its row and the dispatched units per line.
    public func recordDispatch(
        dispatchID: String, shipmentID: String, lines: [MilestoneDecision.DispatchLine], carrier: String?, trackingNumber: String?,
        at dispatchedAt: Date, in transaction: PostgresTransaction
    ) async throws {
        let linesJSON = String(decoding: try StableJSON.encode(lines), as: UTF8.self)
        _ = try await transaction.execute(
            """
            WITH dispatch AS (
                INSERT INTO shipment_dispatches (dispatch_id, shipment_id, carrier, tracking_number, lines, dispatched_at)
                VALUES ($1, $2, $3, $4, $5::jsonb, $6)
            )
            UPDATE shipment_lines SET dispatched_quantity = dispatched_quantity + line.quantity
            FROM unnest($7::int[], $8::int[]) AS line(line_number, quantity)
            WHERE shipment_lines.shipment_id = $2 AND shipment_lines.line_number = line.line_number
            """,
            dispatchID, shipmentID, carrier, trackingNumber, linesJSON, dispatchedAt, lines.map(\.lineNumber), lines.map(\.quantity)
        )
    }

    public func dispatchCount(shipmentID: String, in transaction: PostgresTransaction) async throws -> Int {
        try await transaction.query("SELECT count(*)::int FROM shipment_dispatches WHERE shipment_id = $1", shipmentID)
            .first?.decode(Int.self, at: 0) ?? 0
    }

    // MARK: Milestones

    /// The stored milestone with this event id, if the sender sent it before.
    public func milestone(shipmentID: String, eventID: String, in transaction: PostgresTransaction) async throws -> MilestoneEntry? {
        try await transaction.query(
            "SELECT event_id, milestone, occurred_at, recorded_at, applied, detail::text, request_hash FROM shipment_milestones WHERE shipment_id = $1 AND event_id = $2",
            shipmentID, eventID
        ).first.map(Self.milestoneEntry(from:))
    }

    public func recordMilestone(
        shipmentID: String, request: MilestoneRequest, applied: Bool, note: String?, requestHash: String, in transaction: PostgresTransaction
    ) async throws {
        let detail = MilestoneEntry.Detail(carrier: request.carrier, trackingNumber: request.trackingNumber, reason: request.reason,
                                           lines: request.lines, note: note)
        _ = try await transaction.execute(
            """
            INSERT INTO shipment_milestones (shipment_id, event_id, milestone, occurred_at, applied, request_hash, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
            """,
            shipmentID, request.eventID, request.kind.rawValue, request.occurredAt, applied, requestHash,
            String(decoding: try StableJSON.encode(detail), as: UTF8.self)
        )
    }

    /// The milestone history, in the order received.
    public func history(shipmentID: String, in transaction: PostgresTransaction) async throws -> [MilestoneEntry] {
        try await transaction.query(
            "SELECT event_id, milestone, occurred_at, recorded_at, applied, detail::text, request_hash FROM shipment_milestones WHERE shipment_id = $1 ORDER BY position",
            shipmentID
        ).map(Self.milestoneEntry(from:))
    }

    static func milestoneEntry(from row: PostgresRow) throws -> MilestoneEntry {
        let kindText = try row.decode(String.self, at: 1)
        guard let kind = MilestoneKind(rawValue: kindText) else { throw ShipmentsStoreError.corrupt("milestone \(kindText)") }
        return MilestoneEntry(
            eventID: try row.decode(String.self, at: 0), kind: kind, occurredAt: try row.decode(Date.self, at: 2),
            recordedAt: try row.decode(Date.self, at: 3), applied: try row.decode(Bool.self, at: 4),
            detail: try StableJSON.decode(MilestoneEntry.Detail.self, from: Data(try row.decode(String.self, at: 5).utf8)),
            requestHash: try row.decode(String.self, at: 6)
        )
    }

    // MARK: Returns

    /// Stores an authorised return; false when it was stored before (a redelivered event).
    public func insertExpectedReturn(_ authorized: ReturnAuthorized, in transaction: PostgresTransaction) async throws -> Bool {
        let inserted = try await transaction.query(
            """
            WITH expected AS (
                INSERT INTO expected_returns (rma, order_id, channel, customer, reason, authorized_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (rma) DO NOTHING
                RETURNING rma
            ), lines AS (
                INSERT INTO expected_return_lines (rma, line_number, sku, quantity)
                SELECT expected.rma, line.line_number, line.sku, line.quantity
                FROM expected, unnest($7::int[], $8::text[], $9::int[]) AS line(line_number, sku, quantity)
            )
            SELECT count(*)::int FROM expected
            """,
            authorized.rma, authorized.orderID, authorized.channel, authorized.customer, authorized.reason, authorized.authorizedAt,
            authorized.lines.map(\.lineNumber), authorized.lines.map(\.sku), authorized.lines.map(\.quantity)
        ).first?.decode(Int.self, at: 0) ?? 0
        return inserted == 1
    }

    /// The expected return, locked for the rest of the transaction.
    public func lockExpectedReturn(rma: String, in transaction: PostgresTransaction) async throws -> ExpectedReturn? {
        guard let row = try await transaction.query(
            "SELECT rma, order_id, channel, customer, reason, authorized_at FROM expected_returns WHERE rma = $1 FOR UPDATE", rma
        ).first else { return nil }
        let lines = try await transaction.query(
            "SELECT line_number, sku, quantity, received_quantity FROM expected_return_lines WHERE rma = $1 ORDER BY line_number", rma
        ).map { line in
            ExpectedReturn.Line(lineNumber: try line.decode(Int.self, at: 0), sku: try line.decode(String.self, at: 1),
                                quantity: try line.decode(Int.self, at: 2), receivedQuantity: try line.decode(Int.self, at: 3))
        }
        return ExpectedReturn(
            rma: try row.decode(String.self, at: 0), orderID: try row.decode(String.self, at: 1), channel: try row.decode(String.self, at: 2),
            customer: try row.decode(String.self, at: 3), reason: try row.decode(String.self, at: 4),
            authorizedAt: try row.decode(Date.self, at: 5), lines: lines
        )
    }

    /// The stored receipt's request hash and event body, if this receipt id was recorded before.
    public func receipt(id: String, in transaction: PostgresTransaction) async throws -> (rma: String, requestHash: String, lines: String)? {
        guard let row = try await transaction.query("SELECT rma, request_hash, lines::text FROM return_receipts WHERE receipt_id = $1", id).first else {
            return nil
        }
        return (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1), try row.decode(String.self, at: 2))
    }

    public func recordReceipt(_ received: ReturnReceived, requestHash: String, in transaction: PostgresTransaction) async throws {
        var units: [Int: Int] = [:]
        for line in received.lines { units[line.lineNumber, default: 0] += line.quantity }
        let numbers = units.keys.sorted()
        _ = try await transaction.execute(
            """
            WITH receipt AS (
                INSERT INTO return_receipts (receipt_id, rma, warehouse, lines, request_hash, received_at)
                VALUES ($1, $2, $3, $4::jsonb, $5, $6)
            )
            UPDATE expected_return_lines SET received_quantity = received_quantity + line.quantity
            FROM unnest($7::int[], $8::int[]) AS line(line_number, quantity)
            WHERE expected_return_lines.rma = $2 AND expected_return_lines.line_number = line.line_number
            """,
            received.receiptID, received.rma, received.warehouse, String(decoding: try StableJSON.encode(received.lines), as: UTF8.self),
            requestHash, received.receivedAt, numbers, numbers.map { units[$0] ?? 0 }
        )
    }
}
