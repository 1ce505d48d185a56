import Contracts
import Foundation
import Logging
import ServiceKit
import Shipments
import Testing
import WholesailTestSupport

/// The shipments service under ``ServiceHarness`` (observing every `shipments.*` event). The test plays orders by
/// publishing `orders.order.confirmed.v1` and `orders.return.authorized.v1`, and a WMS or carrier over HTTP.
struct ShipmentsServiceHarness: Sendable {
    let service: ServiceHarness
    let schema: PostgresTestSchema

    static func configuration() -> ShipmentsConfiguration {
        var configuration = ShipmentsConfiguration()
        configuration.webhookRetryInitial = .milliseconds(50)
        configuration.webhookRetryMaximum = .milliseconds(200)
        configuration.webhookTimeout = .seconds(2)
        configuration.webhookPollInterval = .milliseconds(100)
        return configuration
    }

    static func with<Value: Sendable>(
        _ label: String,
        adjust: @Sendable (inout ShipmentsConfiguration) -> Void = { _ in },
        _ body: @Sendable (ShipmentsServiceHarness) async throws -> Value
    ) async throws -> Value {
        var shipments = configuration()
        adjust(&shipments)
        let settings = shipments
        return try await ServiceHarness.with(label, observing: "shipments.#", make: { configuration in
            try ShipmentsService.make(configuration: configuration, shipments: settings, logger: Logger(label: configuration.service))
        }) { service, schema in
            try await body(ShipmentsServiceHarness(service: service, schema: schema))
        }
    }

    // MARK: Orders' events

    static let shipTo = PostalAddress(company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12"], city: "Hamburg", postalCode: "20457", country: "DE")

    /// A confirmed order of 10 BOLT (line 1) and 5 NUT (line 2), allocated as given; the channel order reference is
    /// `WS-<orderID>` unless given.
    static func confirmed(
        orderID: String, allocations: [(String, String, Int)], channel: String = "shop", channelOrderReference: String? = nil
    ) throws -> EventEnvelope<OrderConfirmed> {
        let euros = { (cents: Int64) in Money(minorUnits: cents, currency: .EUR) }
        let order = OrderConfirmed(
            orderID: orderID, channel: channel, channelOrderReference: channelOrderReference ?? "WS-\(orderID)", customer: "C-1", currency: .EUR, shipTo: shipTo,
            priceVersion: 1,
            lines: [
                OrderConfirmed.Line(lineNumber: 1, sku: "BOLT", quantity: 10, unitPrice: euros(100), extendedAmount: euros(1000)),
                OrderConfirmed.Line(lineNumber: 2, sku: "NUT", quantity: 5, unitPrice: euros(20), extendedAmount: euros(100)),
            ],
            total: euros(1100), reservationID: "res-\(orderID)",
            allocations: allocations.map { OrderConfirmed.Allocation(warehouse: $0.0, sku: $0.1, quantity: $0.2) },
            confirmedAt: StableJSON.roundedToMilliseconds(Date())
        )
        return try EventEnvelope(payload: order, correlationID: orderID)
    }

    /// Confirms an order with everything at one warehouse and returns its one shipment's id.
    func shipmentOfConfirmedOrder(
        _ orderID: String, warehouse: String = "HAM", channel: String = "shop", channelOrderReference: String? = nil
    ) async throws -> String {
        try await service.publish(Self.confirmed(
            orderID: orderID, allocations: [(warehouse, "BOLT", 10), (warehouse, "NUT", 5)], channel: channel, channelOrderReference: channelOrderReference
        ))
        let created = try await service.collect(ShipmentCreated.self, expecting: 1)
        let shipment = try #require(created.first { $0.payload.orderID == orderID })
        return shipment.payload.shipmentID
    }

    func milestone(_ shipmentID: String, _ json: String) async throws -> HTTPTestResponse {
        try await service.client.post("/v1/shipments/\(shipmentID)/events", json: json)
    }

    static func event(_ id: String, _ type: String, extra: String = "") -> String {
        #"{"eventID": "\#(id)", "type": "\#(type)", "occurredAt": "2026-11-27T14:01:02Z"\#(extra.isEmpty ? "" : ", " + extra)}"#
    }
}
