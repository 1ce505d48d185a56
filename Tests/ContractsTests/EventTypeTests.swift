import Contracts
import Testing

@Suite("EventType naming rule")
struct EventTypeTests {
    @Test func parsesTheFourSegments() throws {
        let type = try EventType(parsing: "orders.order.received.v1")
        #expect(type.source == "orders")
        #expect(type.entity == "order")
        #expect(type.event == "received")
        #expect(type.majorVersion == 1)
        #expect(type.routingKey == "orders.order.received.v1")
    }

    @Test func buildsTheRoutingKeyFromComponents() throws {
        let type = try EventType(source: "finance", entity: "credit-note", event: "issued", majorVersion: 12)
        #expect(type.routingKey == "finance.credit-note.issued.v12")
        #expect(try EventType(parsing: type.routingKey) == type)
    }

    @Test func acceptsKebabCaseWordsWithDigits() throws {
        #expect(throws: Never.self) { try EventType(parsing: "wms2.pick-list.line-added.v3") }
    }

    @Test(arguments: [
        ("orders.order.received", EventTypeError.wrongNumberOfSegments("orders.order.received", found: 3)),
        ("orders.order.received.extra.v1", .wrongNumberOfSegments("orders.order.received.extra.v1", found: 5)),
        ("Orders.order.received.v1", .invalidSegment("Orders", role: .source)),
        ("orders.order_line.added.v1", .invalidSegment("order_line", role: .entity)),
        ("orders.order.2received.v1", .invalidSegment("2received", role: .event)),
        ("orders.order-.received.v1", .invalidSegment("order-", role: .entity)),
        ("orders.order--line.added.v1", .invalidSegment("order--line", role: .entity)),
        ("orders..received.v1", .invalidSegment("", role: .entity)),
        ("orders.order.received.v0", .invalidVersion("v0")),
        ("orders.order.received.v01", .invalidVersion("v01")),
        ("orders.order.received.V1", .invalidVersion("V1")),
        ("orders.order.received.1", .invalidVersion("1")),
        ("orders.order.received.v", .invalidVersion("v")),
        ("orders.order.received.v1234567890", .invalidVersion("v1234567890")),
    ])
    func rejectsMalformedNamesWithATypedError(name: String, expected: EventTypeError) {
        #expect(throws: expected) { try EventType(parsing: name) }
    }

    @Test func rejectsRoutingKeysLongerThan255Bytes() {
        let long = "orders.order." + String(repeating: "a", count: 250) + ".v1"
        #expect(throws: EventTypeError.tooLong(long, length: long.utf8.count)) { try EventType(parsing: long) }
    }

    @Test func componentInitializerChecksVersionRange() {
        #expect(throws: EventTypeError.invalidVersion("v0")) {
            try EventType(source: "orders", entity: "order", event: "received", majorVersion: 0)
        }
    }

    @Test func codableUsesTheRoutingKeyAndRejectsBadNames() throws {
        let type: EventType = "pricing.order.priced.v1"
        #expect(String(decoding: try StableJSON.encode([type]), as: UTF8.self) == "[\"pricing.order.priced.v1\"]")
        #expect(throws: DecodingError.self) { try StableJSON.decode([EventType].self, from: "[\"pricing.Order\"]".utf8Data) }
    }

    @Test func errorMessagesExplainTheRule() {
        let message = EventTypeError.invalidSegment("order_line", role: .entity).description
        #expect(message.contains("order_line"))
        #expect(message.contains("kebab-case"))
    }
}
