import Contracts
import Foundation
import Testing

/// The schemas of the shipments service's own events (`shipments.shipment.created.v1`,
/// `shipments.shipment.exception.v1`, and the dispatched event it now produces): the Swift types encode valid
/// events, with and without optional fields, and a producer's typical mistakes are caught.
@Suite("Shipment event schemas")
struct ShipmentEventSchemaTests {
    static let now = OrderEventSchemaTests.now

    static let created = ShipmentCreated(
        shipmentID: "shp-0193f1a2-1", orderID: "ord-0193f1a2", channel: "webshop-de", channelOrderReference: "WS-100234",
        customer: "C-10042", warehouse: "HAM", shipTo: OrderEventSchemaTests.fullAddress,
        lines: [ShipmentCreated.Line(lineNumber: 1, sku: "BOLT-M8-50", quantity: 120)], createdAt: now
    )

    static let exception = ShipmentException(
        shipmentID: "shp-0193f1a2-1", orderID: "ord-0193f1a2", warehouse: "HAM", status: "in_transit",
        reason: "Address not found", carrier: "DHL", trackingNumber: "00340434161094042557", occurredAt: now
    )

    static let dispatched = ShipmentDispatched(
        shipmentID: "shp-0193f1a2-1", dispatchID: "shp-0193f1a2-1-d1", orderID: "ord-0193f1a2", warehouse: "HAM",
        carrier: "DHL", trackingNumber: "00340434161094042557",
        lines: [ShipmentDispatched.Line(lineNumber: 1, sku: "BOLT-M8-50", quantity: 100)], dispatchedAt: now
    )

    private func violations<Payload: EventPayload>(_ payload: Payload) throws -> [JSONSchemaViolation] {
        try EventSchemas().validateEnvelope(OrderEventSchemaTests.envelope(payload))
    }

    private func violations(mutating payload: some EventPayload, _ change: (inout JSONValue) -> Void) throws -> [JSONSchemaViolation] {
        var json = try JSONValue(encoding: OrderEventSchemaTests.envelope(payload))
        change(&json)
        return try EventSchemas().validateEnvelope(json)
    }

    @Test(arguments: [ShipmentCreated.eventType, ShipmentException.eventType, ShipmentDispatched.eventType])
    func everyShipmentEventTypeHasABundledSchema(eventType: EventType) throws {
        #expect(throws: Never.self) { try EventSchemas().validator(for: eventType) }
    }

    @Test func shipmentCreatedIsValid() throws {
        let violations = try self.violations(Self.created)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func shipmentExceptionWithCarrierIsValid() throws {
        let violations = try self.violations(Self.exception)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func shipmentExceptionWithoutCarrierIsValid() throws {
        var exception = Self.exception
        exception.carrier = nil
        exception.trackingNumber = nil
        let violations = try self.violations(exception)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func partialDispatchIsValid() throws {
        let violations = try self.violations(Self.dispatched)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func shipmentCreatedWithoutLinesIsRefused() throws {
        let violations = try self.violations(mutating: Self.created) { json in
            if case .object(var envelope) = json, case .object(var payload)? = envelope["payload"] {
                payload["lines"] = .array([])
                envelope["payload"] = .object(payload)
                json = .object(envelope)
            }
        }
        #expect(violations.contains { $0.instancePath == "/payload/lines" })
    }

    @Test func shipmentExceptionWithAnUnknownStatusIsRefused() throws {
        var exception = Self.exception
        exception.status = "lost"
        let violations = try self.violations(exception)
        #expect(violations.contains { $0.instancePath == "/payload/status" })
    }

    @Test func shipmentExceptionWithoutAReasonIsRefused() throws {
        var exception = Self.exception
        exception.reason = ""
        let violations = try self.violations(exception)
        #expect(violations.contains { $0.instancePath == "/payload/reason" })
    }
}
