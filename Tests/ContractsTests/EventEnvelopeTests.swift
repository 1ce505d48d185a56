import Contracts
import Foundation
import Testing

@Suite("EventEnvelope")
struct EventEnvelopeTests {
    static let payload = ProbeEmitted(probeID: "probe-1", total: Money(minorUnits: 1234, currency: .EUR), quantity: 3)

    static func bodyObject(_ envelope: EventEnvelope<ProbeEmitted>) throws -> [String: JSONValue] {
        try JSONValue(encoding: envelope).objectValue ?? [:]
    }

    /// An encoded envelope with one header field replaced.
    static func body(replacing key: String, with value: JSONValue?) throws -> Data {
        var object = try bodyObject(EventEnvelope(payload: payload, correlationID: "order-42"))
        object[key] = value
        return try JSONValue.object(object).encoded()
    }

    @Test func derivesTypeVersionAndSourceFromThePayloadType() throws {
        let envelope = try EventEnvelope(payload: Self.payload, correlationID: "order-42")
        #expect(envelope.type == "contracts-test.probe.emitted.v1")
        #expect(envelope.eventType == ProbeEmitted.eventType)
        #expect(envelope.version == 1)
        #expect(envelope.source == "contracts-test")
        #expect(envelope.correlationID == "order-42")
        #expect(envelope.causationID == nil)
        #expect(TraceParent(envelope.traceparent) == envelope.traceContext)
    }

    @Test func aCausedEventPropagatesCausationAndContinuesTheTrace() throws {
        let cause = try EventEnvelope(payload: Self.payload, correlationID: "order-42")
        let effect = try EventEnvelope(payload: ProbeRetired(probeID: "probe-1"), correlationID: "order-42", causedBy: cause)
        #expect(effect.causationID == cause.id)
        #expect(effect.traceContext.traceID == cause.traceContext.traceID)
        #expect(effect.traceContext.parentID != cause.traceContext.parentID)
        #expect(effect.type == "contracts-test.probe.retired.v2")
        #expect(effect.version == 2)
    }

    @Test func aCausedEventInheritsTheCorrelationID() throws {
        let cause = try EventEnvelope(payload: Self.payload, correlationID: "order-42")
        let effect = EventEnvelope(payload: ProbeRetired(probeID: "probe-1"), causedBy: cause.header)
        #expect(effect.correlationID == "order-42")
        #expect(effect.causationID == cause.id)
        #expect(effect.traceContext.traceID == cause.traceContext.traceID)
    }

    @Test func anIncomingTraceContextIsContinued() throws {
        let incoming = try TraceParent(parsing: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        let envelope = try EventEnvelope(payload: Self.payload, correlationID: "order-42", traceContext: incoming)
        #expect(envelope.traceContext.traceID == incoming.traceID)
        #expect(envelope.traceContext.parentID != incoming.parentID)
    }

    @Test func independentEventsStartNewTraces() throws {
        let first = try EventEnvelope(payload: Self.payload, correlationID: "order-1")
        let second = try EventEnvelope(payload: Self.payload, correlationID: "order-1")
        #expect(first.traceContext.traceID != second.traceContext.traceID)
        #expect(first.id != second.id)
    }

    @Test func correlationIDMustBeNonEmptyAndFitAMQP() {
        #expect(throws: EventEnvelopeError.invalidCorrelationID("")) {
            try EventEnvelope(payload: Self.payload, correlationID: "")
        }
        let long = String(repeating: "x", count: 256)
        #expect(throws: EventEnvelopeError.invalidCorrelationID(long)) {
            try EventEnvelope(payload: Self.payload, correlationID: long)
        }
    }

    @Test func explicitHeaderInitializerChecksTheSource() {
        #expect(throws: EventEnvelopeError.invalidSource("Orders")) {
            try EventEnvelopeHeader(
                id: EventID(), eventType: ProbeEmitted.eventType, source: "Orders", occurredAt: Date(),
                correlationID: "order-1", causationID: nil, traceContext: TraceParent()
            )
        }
    }

    @Test func encodesTheDocumentedJSONShape() throws {
        let id = try EventID(parsing: "01a21d4f-3dab-7000-8000-000000000001")
        let envelope = try EventEnvelope(
            payload: Self.payload, correlationID: "order-42", id: id,
            occurredAt: StableJSON.date(unixMilliseconds: referenceMilliseconds),
            traceContext: TraceParent(parsing: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        )
        let object = try Self.bodyObject(envelope)
        #expect(Set(object.keys) == ["id", "type", "version", "source", "occurredAt", "correlationID", "traceparent", "payload"])
        #expect(object["id"] == "01a21d4f-3dab-7000-8000-000000000001")
        #expect(object["type"] == "contracts-test.probe.emitted.v1")
        #expect(object["version"] == 1)
        #expect(object["source"] == "contracts-test")
        #expect(object["occurredAt"] == "2026-11-27T14:01:02.123Z")
        #expect(object["correlationID"] == "order-42")
        #expect(object["traceparent"]?.stringValue?.hasPrefix("00-4bf92f3577b34da6a3ce929d0e0e4736-") == true)
        #expect(object["payload"] == ["probeID": "probe-1", "quantity": 3, "total": ["amount": "12.34", "currency": "EUR"]])
    }

    @Test func roundTripsThroughJSONExactly() throws {
        let cause = try EventEnvelope(payload: Self.payload, correlationID: "order-42")
        let envelope = try EventEnvelope(payload: Self.payload, correlationID: "order-42", causedBy: cause, occurredAt: Date())
        let data = try envelope.encoded()
        #expect(try EventEnvelope<ProbeEmitted>.decode(from: data) == envelope)
        #expect(try envelope.encoded() == data)
    }

    @Test func headerDecodesWithoutKnowingThePayloadThenTheTypedEnvelopeFromTheSameBytes() throws {
        let envelope = try EventEnvelope(payload: Self.payload, correlationID: "order-42")
        let data = try envelope.encoded()
        let header = try EventEnvelopeHeader.decode(from: data)
        #expect(header == envelope.header)
        #expect(header.eventType == ProbeEmitted.eventType)
        let typed = try header.decodeEnvelope(ProbeEmitted.self, from: data)
        #expect(typed == envelope)
    }

    @Test func decodingWithTheWrongPayloadTypeFails() throws {
        let data = try EventEnvelope(payload: Self.payload, correlationID: "order-42").encoded()
        let header = try EventEnvelopeHeader.decode(from: data)
        #expect(throws: EventEnvelopeError.payloadTypeMismatch(expected: ProbeRetired.eventType, found: ProbeEmitted.eventType)) {
            try header.decodeEnvelope(ProbeRetired.self, from: data)
        }
        let error = #expect(throws: DecodingError.self) { try EventEnvelope<ProbeRetired>.decode(from: data) }
        #expect(error.flatMap { codingPath(of: $0) } == ["type"])
    }

    @Test func anUntypedPayloadCanBeReadAsJSONValue() throws {
        let data = try EventEnvelope(payload: Self.payload, correlationID: "order-42").encoded()
        let generic = try EventEnvelope<JSONValue>.decode(from: data)
        #expect(generic.payload["probeID"] == "probe-1")
    }

    @Test func nullCausationIDIsAccepted() throws {
        let header = try EventEnvelopeHeader.decode(from: Self.body(replacing: "causationID", with: .null))
        #expect(header.causationID == nil)
    }

    @Test(arguments: [
        ("id", JSONValue.string("3f2b1c4e-9a7d-4e2b-8c1a-0123456789ab")),
        ("type", "Contracts.probe.emitted.v1"),
        ("version", 2),
        ("source", "Contracts Test"),
        ("occurredAt", "2026-11-27T14:01:02"),
        ("correlationID", ""),
        ("causationID", "not-a-uuid"),
        ("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"),
    ])
    func headerDecodingRejectsInvalidFieldsNamingThem(key: String, value: JSONValue) throws {
        let data = try Self.body(replacing: key, with: value)
        let error = #expect(throws: DecodingError.self) { try EventEnvelopeHeader.decode(from: data) }
        #expect(error.flatMap { codingPath(of: $0) } == [key])
    }

    @Test(arguments: ["id", "type", "version", "source", "occurredAt", "correlationID", "traceparent"])
    func headerDecodingRequiresEveryMandatoryField(key: String) throws {
        let data = try Self.body(replacing: key, with: JSONValue?.none)
        let error = #expect(throws: DecodingError.self) { try EventEnvelopeHeader.decode(from: data) }
        #expect(error.flatMap { codingPath(of: $0) } == [key])
    }

    @Test func aBadPayloadFieldIsReportedAtItsPath() throws {
        var object = try Self.bodyObject(EventEnvelope(payload: Self.payload, correlationID: "order-42"))
        object["payload"] = try json(#"{"probeID":"probe-1","quantity":3,"total":{"amount":12.34,"currency":"EUR"}}"#)
        let data = try JSONValue.object(object).encoded()
        #expect(throws: Never.self) { try EventEnvelopeHeader.decode(from: data) }
        let error = #expect(throws: DecodingError.self) { try EventEnvelope<ProbeEmitted>.decode(from: data) }
        #expect(error.flatMap { codingPath(of: $0) } == ["payload", "total", "amount"])
    }
}
