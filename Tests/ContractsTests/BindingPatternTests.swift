import Contracts
import Testing

@Suite("Topic binding patterns")
struct BindingPatternTests {
    @Test func literalPatternMatchesOnlyTheSameKey() throws {
        let pattern = try BindingPattern("orders.order.received.v1")
        #expect(pattern.matches("orders.order.received.v1"))
        #expect(!pattern.matches("orders.order.received.v2"))
        #expect(!pattern.matches("orders.order.received"))
    }

    @Test func starMatchesExactlyOneWord() throws {
        let pattern = try BindingPattern("orders.order.*.v1")
        #expect(pattern.matches("orders.order.received.v1"))
        #expect(pattern.matches("orders.order.confirmed.v1"))
        #expect(!pattern.matches("orders.order.v1"))
        #expect(!pattern.matches("orders.order.line.added.v1"))
        #expect(!(try BindingPattern("*")).matches(""))
    }

    @Test func hashMatchesZeroWords() throws {
        #expect(try BindingPattern("orders.#").matches("orders"))
        #expect(try BindingPattern("orders.#.v1").matches("orders.v1"))
        #expect(try BindingPattern("#.v1").matches("v1"))
        #expect(try BindingPattern("#").matches(""))
    }

    @Test func hashMatchesManyWords() throws {
        #expect(try BindingPattern("orders.#").matches("orders.order.received.v1"))
        #expect(try BindingPattern("#.received.#").matches("orders.order.received.v1"))
        #expect(try BindingPattern("#").matches("a.b.c.d.e"))
        #expect(try BindingPattern("a.#.#.b").matches("a.b"))
        #expect(try BindingPattern("a.#.b.#.c").matches("a.x.b.y.z.c"))
        #expect(!(try BindingPattern("orders.#")).matches("pricing.order.priced.v1"))
        #expect(!(try BindingPattern("#.v2")).matches("orders.order.received.v1"))
    }

    @Test func wildcardsCountOnlyAsWholeWords() throws {
        let pattern = try BindingPattern("orders.order.received.v1")
        #expect(!pattern.matches("orders.order.received.v1.extra"))
        #expect(throws: BindingPatternError.invalidWord("rec*", pattern: "orders.order.rec*.v1")) {
            try BindingPattern("orders.order.rec*.v1")
        }
    }

    @Test func rejectsEmptyWordsAndUppercase() {
        #expect(throws: BindingPatternError.invalidWord("", pattern: "orders..v1")) { try BindingPattern("orders..v1") }
        #expect(throws: BindingPatternError.invalidWord("Orders", pattern: "Orders.#")) { try BindingPattern("Orders.#") }
    }

    @Test func helpersBuildExactAndPerSourcePatterns() throws {
        let received: EventType = "orders.order.received.v1"
        #expect(BindingPattern.exactly(received).pattern == "orders.order.received.v1")
        #expect(BindingPattern.exactly(received).matches(received))
        let everything = try BindingPattern.everything(from: "orders")
        #expect(everything.pattern == "orders.#")
        #expect(everything.matches(received))
        #expect(!everything.matches(try EventType(parsing: "pricing.order.priced.v1")))
    }
}
