import Foundation
import Testing
@testable import Orders

/// ``OrderCursor``: the `GET /v1/orders` page token round-trips the last order's millisecond instant and id, is
/// URL-safe, and anything that is not one of its tokens decodes to nil (a 400, not a crash or a wrong page).
@Suite("Order cursor")
struct OrderCursorTests {
    @Test func aMillisecondInstantAndAnIDWithColonsRoundTrip() throws {
        let receivedAt = Date(timeIntervalSince1970: 1_767_225_600.123)
        let orderID = "ord:01JG:7QX"

        let decoded = try #require(OrderCursor.decode(OrderCursor.encode(receivedAt: receivedAt, orderID: orderID)))

        #expect(decoded.0 == receivedAt)
        #expect(decoded.1 == orderID)
    }

    @Test func instantsBeforeNineteenSeventyRoundTrip() throws {
        let receivedAt = Date(timeIntervalSince1970: -86_400.25)
        let decoded = try #require(OrderCursor.decode(OrderCursor.encode(receivedAt: receivedAt, orderID: "o-1")))
        #expect(decoded.0 == receivedAt)
        #expect(decoded.1 == "o-1")
    }

    @Test func subMillisecondPrecisionIsRoundedToTheNearestMillisecond() throws {
        let decoded = try #require(OrderCursor.decode(OrderCursor.encode(receivedAt: Date(timeIntervalSince1970: 10.0126), orderID: "o-1")))
        #expect(decoded.0 == Date(timeIntervalSince1970: 10.013))
    }

    @Test func theCursorIsURLSafeBase64WithoutPadding() {
        // "~~~?" and "ÿ" make standard base64 produce "+" and "/"; the id length makes it need padding.
        let cursor = OrderCursor.encode(receivedAt: Date(timeIntervalSince1970: 1), orderID: "~~~?ÿ>>")
        let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(cursor.allSatisfy(urlSafe.contains), "cursor \(cursor)")
        #expect(OrderCursor.decode(cursor)?.1 == "~~~?ÿ>>")
    }

    @Test func garbageDecodesToNil() {
        for cursor in ["!!!not a cursor!!!", "Zm9v", "YWJjOm9yZGVy", "   ", "%%%%"] {
            // "Zm9v" is "foo" (no colon); "YWJjOm9yZGVy" is "abc:order" (no milliseconds).
            #expect(OrderCursor.decode(cursor) == nil, "cursor \(cursor)")
        }
    }

    @Test func anEmptyCursorDecodesToNil() {
        #expect(OrderCursor.decode("") == nil)
    }

    @Test func aCursorWithAnEmptyIDDecodesToNil() {
        let cursor = OrderCursor.encode(receivedAt: Date(timeIntervalSince1970: 1_767_225_600), orderID: "")
        #expect(OrderCursor.decode(cursor) == nil)
    }

    @Test func anOverLongCursorDecodesToNil() {
        let cursor = OrderCursor.encode(receivedAt: Date(timeIntervalSince1970: 1_767_225_600), orderID: String(repeating: "x", count: 300))
        #expect(cursor.count > 200)
        #expect(OrderCursor.decode(cursor) == nil)
    }
}
