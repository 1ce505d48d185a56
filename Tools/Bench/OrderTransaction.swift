import Contracts
import Foundation
import Outbox
import Persistence

/// The order-shaped transaction every database measurement runs: an order row, three order lines and
/// one outbox event (with its `NOTIFY`), as a service writes them.
///
/// The Swift side runs it through `PostgresPool.transaction` and `OutboxWriter.append`; ``pgbenchScript``
/// is the same statements, word for word, with pgbench variables in place of `$n` parameters (pgbench's
/// extended mode sends them as parameters too). Ids are random 63-bit numbers on both sides.
struct OrderTransaction: Sendable {
    let schema: String
    let writer: OutboxWriter

    static let lineCount = 3
    static let orderIDRange: ClosedRange<Int64> = 1...9_000_000_000_000_000_000
    static let customerIDRange: ClosedRange<Int64> = 1...1_000_000
    static let quantityRange: ClosedRange<Int64> = 1...10
    static let unitPriceRange: ClosedRange<Int64> = 100...100_000
    static let totalRange: ClosedRange<Int64> = 100...3_000_000

    init(schema: String) throws {
        self.schema = schema
        writer = try OutboxWriter(schema: schema)
    }

    var insertOrder: String {
        #"INSERT INTO "\#(schema)".orders (id, customer_id, status, total_minor, currency) VALUES ($1, $2, 'placed', $3, 'EUR')"#
    }

    var insertLine: String {
        #"INSERT INTO "\#(schema)".order_lines (order_id, line_number, sku, quantity, unit_price_minor) VALUES ($1, $2, $3, $4, $5)"#
    }

    /// `OutboxWriter.append`'s two statements (Shared/Outbox/OutboxWriter.swift), for the pgbench script.
    var insertOutbox: String {
        """
        INSERT INTO "\(schema)".outbox (id, aggregate_id, event_type, payload, headers)
        VALUES ($1, $2, $3, $4::json, $5::json)
        """
    }

    var notify: String { "SELECT pg_notify($1, '')" }

    static func sku(line: Int) -> String { "SKU-\(100_000 + line)" }

    /// Runs one transaction through the pool, with fresh random ids and values.
    func run(on pool: PostgresPool) async throws {
        let orderID = Int64.random(in: Self.orderIDRange)
        let customerID = Int64.random(in: Self.customerIDRange)
        let total = Int64.random(in: Self.totalRange)
        let quantities = (0..<Self.lineCount).map { _ in Int64.random(in: Self.quantityRange) }
        let unitPrices = (0..<Self.lineCount).map { _ in Int64.random(in: Self.unitPriceRange) }
        let envelope = try Self.envelope(orderID: orderID, customerID: customerID, total: total)
        let insertOrder = insertOrder
        let insertLine = insertLine
        let writer = writer
        try await pool.transaction { transaction in
            _ = try await transaction.execute(insertOrder, orderID, customerID, total)
            for line in 1...Self.lineCount {
                _ = try await transaction.execute(insertLine, orderID, line, Self.sku(line: line), quantities[line - 1], unitPrices[line - 1])
            }
            try await writer.append(envelope, in: transaction)
        }
    }

    /// A transaction of `count` order events and nothing else (the outbox measurements' writers).
    func appendEvents(_ count: Int, on pool: PostgresPool) async throws {
        let envelopes = try (0..<count).map { _ in
            try Self.envelope(
                orderID: Int64.random(in: Self.orderIDRange),
                customerID: Int64.random(in: Self.customerIDRange),
                total: Int64.random(in: Self.totalRange)
            )
        }
        let writer = writer
        try await pool.transaction { transaction in
            for envelope in envelopes {
                try await writer.append(envelope, in: transaction)
            }
        }
    }

    static func envelope(orderID: Int64, customerID: Int64, total: Int64) throws -> EventEnvelope<BenchOrderPlaced> {
        try EventEnvelope(
            payload: BenchOrderPlaced(orderID: orderID, customerID: customerID, totalMinor: total, currency: "EUR", lineCount: lineCount),
            correlationID: String(orderID)
        )
    }

    // MARK: pgbench

    /// The same transaction as a pgbench script (`-M extended`); string values come from ``pgbenchVariables()``.
    var pgbenchScript: String {
        var lines = [
            "\\set order_id random(\(Self.orderIDRange.lowerBound), \(Self.orderIDRange.upperBound))",
            "\\set customer_id random(\(Self.customerIDRange.lowerBound), \(Self.customerIDRange.upperBound))",
            "\\set total random(\(Self.totalRange.lowerBound), \(Self.totalRange.upperBound))",
        ]
        for line in 1...Self.lineCount {
            lines.append("\\set line\(line) \(line)")
            lines.append("\\set quantity\(line) random(\(Self.quantityRange.lowerBound), \(Self.quantityRange.upperBound))")
            lines.append("\\set unit_price\(line) random(\(Self.unitPriceRange.lowerBound), \(Self.unitPriceRange.upperBound))")
        }
        lines.append("BEGIN;")
        lines.append(Self.substitute(insertOrder, [":order_id", ":customer_id", ":total"]) + ";")
        for line in 1...Self.lineCount {
            lines.append(Self.substitute(insertLine, [":order_id", ":line\(line)", ":sku\(line)", ":quantity\(line)", ":unit_price\(line)"]) + ";")
        }
        // The event id is made by the server (pgbench has no uuid variables); the rest are parameters as in Swift.
        let outbox = Self.substitute(insertOutbox, ["gen_random_uuid()", ":order_id", ":event_type", ":payload", ":headers"])
        lines.append(outbox.replacingOccurrences(of: "\n", with: " ") + ";")
        lines.append(Self.substitute(notify, [":channel"]) + ";")
        lines.append("COMMIT;")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `-D name=value` string variables: SKUs, the event type, one encoded envelope and its headers, the channel.
    func pgbenchVariables() throws -> [(name: String, value: String)] {
        let sample = try Self.envelope(orderID: 4_242_424_242_424_242_424, customerID: 424_242, total: 123_456)
        var variables: [(name: String, value: String)] = (1...Self.lineCount).map { ("sku\($0)", Self.sku(line: $0)) }
        variables.append(("event_type", sample.type))
        variables.append(("payload", String(decoding: try sample.encoded(), as: UTF8.self)))
        variables.append(("headers", String(decoding: try StableJSON.encode([MessageHeaders.traceparent: sample.traceparent]), as: UTF8.self)))
        variables.append(("channel", OutboxWriter.notificationChannel(schema: schema)))
        return variables
    }

    /// Size of the event body the outbox row carries.
    func sampleEventSize() throws -> Int {
        try Self.envelope(orderID: 4_242_424_242_424_242_424, customerID: 424_242, total: 123_456).encoded().count
    }

    /// Replaces `$1`, `$2`, … (highest first, so `$1` never eats `$10`) with `replacements`.
    private static func substitute(_ sql: String, _ replacements: [String]) -> String {
        var result = sql
        for (index, replacement) in replacements.enumerated().reversed() {
            result = result.replacingOccurrences(of: "$\(index + 1)", with: replacement)
        }
        return result
    }
}
