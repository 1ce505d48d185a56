import Contracts
import Foundation
import Logging
import Messaging
import Persistence

/// The inventory benchmark's data: three German warehouses, `skus` SKUs each stocked with `stock` units in every
/// warehouse (plus inbound supply for every tenth SKU), the orders each run publishes, and the availability queries.
struct InventoryBenchCatalogue {
    struct WarehouseSetup {
        var id: String
        var regions: [String]
        var postalPrefixes: [String]
    }

    struct ShipTo {
        var city: String
        var region: String
        var postalCode: String
    }

    let skus: Int
    let stock: Int

    static let warehouses = [
        WarehouseSetup(id: "BER", regions: ["BE", "BB"], postalPrefixes: ["10", "12", "13", "14"]),
        WarehouseSetup(id: "HAM", regions: ["HH", "SH"], postalPrefixes: ["20", "21", "22", "23", "24", "25"]),
        WarehouseSetup(id: "MUC", regions: ["BY"], postalPrefixes: ["80", "81", "82", "83", "84", "85"]),
    ]

    /// Three served by a warehouse's postal prefix, one (Cologne) only by country.
    static let shipTos = [
        ShipTo(city: "Berlin", region: "BE", postalCode: "10115"),
        ShipTo(city: "Hamburg", region: "HH", postalCode: "20354"),
        ShipTo(city: "Munich", region: "BY", postalCode: "80331"),
        ShipTo(city: "Cologne", region: "NW", postalCode: "50667"),
    ]

    func sku(_ index: Int) -> String { "SKU-\(index)" }

    /// Warehouses through HTTP; items, positions, their receipts in the ledger and inbound supply straight
    /// into the schema in one transaction (30,000 HTTP movements would take minutes and publish 30,000
    /// `inventory.stock.changed.v1` events that have nothing to do with what is measured).
    func load(port: Int, admin: PostgresPool, schema: String) async throws {
        let clock = ContinuousClock()
        let started = clock.now
        for warehouse in Self.warehouses {
            let body = #"{"country": "DE", "regions": \#(Self.jsonArray(warehouse.regions)), "postalPrefixes": \#(Self.jsonArray(warehouse.postalPrefixes))}"#
            try Self.expect(204, try await BenchHTTP.put(port: port, path: "/v1/warehouses/\(warehouse.id)", json: body), "warehouse \(warehouse.id)")
        }
        let warehouseIDs = Self.warehouses.map(\.id)
        try await admin.transaction { transaction in
            _ = try await transaction.execute(
                "INSERT INTO \(schema).items (sku, description) SELECT 'SKU-' || i, 'benchmark item ' || i FROM generate_series(0, $1 - 1) AS i",
                skus
            )
            _ = try await transaction.execute(
                """
                INSERT INTO \(schema).positions (sku, warehouse, on_hand, reserved, sequence)
                SELECT 'SKU-' || i, warehouse, $2, 0, 1 FROM generate_series(0, $1 - 1) AS i CROSS JOIN unnest($3::text[]) AS warehouse
                """,
                skus, stock, warehouseIDs
            )
            _ = try await transaction.execute(
                """
                INSERT INTO \(schema).ledger (movement_id, kind, sku, warehouse, on_hand_delta, reserved_delta, reference)
                SELECT 'BENCH-GR-' || i || '-' || warehouse, 'receipt', 'SKU-' || i, warehouse, $2, 0, 'benchmark load'
                FROM generate_series(0, $1 - 1) AS i CROSS JOIN unnest($3::text[]) AS warehouse
                """,
                skus, stock, warehouseIDs
            )
            _ = try await transaction.execute(
                """
                INSERT INTO \(schema).inbound_supply (id, warehouse, sku, quantity, expected_date)
                SELECT 'BENCH-PO-' || i, ($2::text[])[(1 + (i / 10) % 3)::int], 'SKU-' || i, 500, current_date + (i % 30)::int
                FROM generate_series(0, $1 - 1, 10) AS i
                """,
                skus, warehouseIDs
            )
        }
        for table in ["items", "positions", "ledger", "inbound_supply", "warehouses"] {
            _ = try await admin.execute("ANALYZE \(schema).\(table)")
        }
        Console.progress(
            "loaded \(Self.warehouses.count) warehouses, \(Formatting.grouped(skus)) SKUs × \(Formatting.grouped(stock)) units each in \(clock.now - started)"
        )
    }

    /// Creates `sku` through HTTP and receives `units` spread over the warehouses through `POST /v1/stock/movements`
    /// (the ERP's path); returns the units received.
    func stockHotSKU(_ sku: String, units: Int, port: Int) async throws -> Int {
        try Self.expect(204, try await BenchHTTP.put(port: port, path: "/v1/items/\(sku)", json: #"{"description": "hot benchmark item"}"#), "item \(sku)")
        var received = 0
        for (index, warehouse) in Self.warehouses.enumerated() {
            let share = units / Self.warehouses.count + (index < units % Self.warehouses.count ? 1 : 0)
            guard share > 0 else { continue }
            let body = #"{"id": "GR-\#(sku)-\#(warehouse.id)", "kind": "receipt", "sku": "\#(sku)", "warehouse": "\#(warehouse.id)", "quantity": \#(share)}"#
            try Self.expect(201, try await BenchHTTP.post(port: port, path: "/v1/stock/movements", body: Array(body.utf8)), "receipt of \(sku)")
            received += share
        }
        return received
    }

    /// `count` orders named `<tag>-<index>`, ready to publish to `exchange`: 1–5 lines of distinct random SKUs,
    /// 1–10 units each; with `hotSKU`, 1 unit of it plus 0–2 random lines of 1–5 units.
    func orders(tag: String, count: Int, hotSKU: String?, exchange: String, seed: UInt64) throws -> [OutgoingMessage] {
        var generator = SeededGenerator(seed: seed)
        let currency = try Currency(code: "EUR")
        let receivedAt = Date()
        var messages: [OutgoingMessage] = []
        messages.reserveCapacity(count)
        for index in 0..<count {
            var lines: [(sku: String, quantity: Int)] = []
            if let hotSKU { lines.append((hotSKU, 1)) }
            let spreadLines = hotSKU == nil ? Int.random(in: 1...5, using: &generator) : Int.random(in: 0...2, using: &generator)
            var chosen = Set<Int>()
            while chosen.count < spreadLines { chosen.insert(Int.random(in: 0..<skus, using: &generator)) }
            for skuIndex in chosen.sorted() {
                lines.append((sku(skuIndex), Int.random(in: 1...(hotSKU == nil ? 10 : 5), using: &generator)))
            }
            let shipTo = Self.shipTos[Int.random(in: 0..<Self.shipTos.count, using: &generator)]
            let orderID = "\(tag)-\(index)"
            let order = OrderReceived(
                orderID: orderID, channel: "bench", channelOrderReference: "R-\(orderID)", customer: "C-\(index % 1000)", currency: currency,
                shipTo: PostalAddress(lines: ["Benchmarkstraße 1"], city: shipTo.city, region: shipTo.region, postalCode: shipTo.postalCode, country: "DE"),
                lines: lines.enumerated().map { OrderReceived.Line(lineNumber: $0.offset + 1, sku: $0.element.sku, quantity: $0.element.quantity) },
                receivedAt: receivedAt
            )
            let envelope = try EventEnvelope(payload: order, correlationID: orderID)
            messages.append(OutgoingMessage(
                exchange: exchange, routingKey: envelope.type, body: Array(try envelope.encoded()),
                properties: MessageProperties(messageID: envelope.id.description, type: envelope.type, correlationID: orderID)
            ))
        }
        return messages
    }

    /// `count` availability queries: a random SKU, quantity 1–20, a ship-to (with region) and a date 0–30 days ahead.
    func availabilityPaths(count: Int) -> [String] {
        var generator = SeededGenerator(seed: 23)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let today = Date()
        return (0..<count).map { _ in
            let shipTo = Self.shipTos[Int.random(in: 0..<Self.shipTos.count, using: &generator)]
            let date = formatter.string(from: today.addingTimeInterval(86_400 * Double(Int.random(in: 0...30, using: &generator))))
            return "/v1/availability?sku=\(sku(Int.random(in: 0..<skus, using: &generator)))&quantity=\(Int.random(in: 1...20, using: &generator))"
                + "&shipTo=DE-\(shipTo.postalCode)&region=\(shipTo.region)&date=\(date)"
        }
    }

    private static func jsonArray(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    private static func expect(_ status: Int, _ response: BenchHTTP.Response, _ what: String) throws {
        guard response.status == status else {
            throw BenchError("\(what) failed with \(response.status): \(String(decoding: response.body.prefix(500), as: UTF8.self))")
        }
    }
}
