import Contracts
import Foundation
import Inventory
import ServiceKit
import Testing
import WholesailTestSupport

/// The inventory service under ``ServiceHarness``, observing every `inventory.*` event.
enum InventoryServiceHarness {
    static func with<Value: Sendable>(
        _ label: String,
        inventory: InventoryConfiguration = InventoryConfiguration(),
        extraEnvironment: [String: String] = [:],
        _ body: @Sendable (ServiceHarness, PostgresTestSchema) async throws -> Value
    ) async throws -> Value {
        try await ServiceHarness.with(label, observing: "inventory.#", extraEnvironment: extraEnvironment, make: { configuration in
            try InventoryService.make(configuration: configuration, inventory: inventory, logger: testLogger(configuration.service))
        }, body)
    }
}

extension ServiceHarness {
    /// Creates warehouses and items, and receives stock: `stock` is (warehouse, sku, units).
    func load(warehouses: [(id: String, country: String, regions: [String], postalPrefixes: [String])], items: [String], stock: [(String, String, Int)]) async throws {
        for warehouse in warehouses {
            let body = #"{"country": "\#(warehouse.country)", "regions": \#(warehouse.regions), "postalPrefixes": \#(warehouse.postalPrefixes)}"#
            let response = try await client.put("/v1/warehouses/\(warehouse.id)", json: body)
            guard response.status == 204 else { throw TestFailure("warehouse \(warehouse.id): \(response.status) \(response.text)") }
        }
        for sku in items {
            let response = try await client.put("/v1/items/\(sku)", json: "{}")
            guard response.status == 204 else { throw TestFailure("item \(sku): \(response.status) \(response.text)") }
        }
        for (index, (warehouse, sku, units)) in stock.enumerated() {
            let response = try await client.post("/v1/stock/movements", json: #"{"id": "GR-\#(index)", "kind": "receipt", "sku": "\#(sku)", "warehouse": "\#(warehouse)", "quantity": \#(units)}"#)
            guard response.status == 201 else { throw TestFailure("receipt \(index): \(response.status) \(response.text)") }
        }
    }

    /// Publishes `orders.order.received.v1` for an order of `lines` shipping to `shipTo`.
    func order(_ orderID: String, _ lines: [(String, Int)], shipTo: PostalAddress = PostalAddress(lines: ["1 Main St"], city: "Munich", region: "BY", postalCode: "80331", country: "DE")) async throws -> EventEnvelope<OrderReceived> {
        let order = OrderReceived(
            orderID: orderID, channel: "shop", channelOrderReference: "R-\(orderID)", customer: "C-1", currency: try Currency(code: "EUR"),
            shipTo: shipTo, lines: lines.enumerated().map { OrderReceived.Line(lineNumber: $0.offset + 1, sku: $0.element.0, quantity: $0.element.1) },
            receivedAt: Date()
        )
        let envelope = try EventEnvelope(payload: order, correlationID: orderID)
        try await publish(envelope)
        return envelope
    }
}
