import Contracts
import Testing

@Suite("MessageHeaders")
struct MessageHeadersTests {
    @Test func headerNamesAreDistinctLowercaseAndNamespaced() {
        let custom = [
            MessageHeaders.attempt, MessageHeaders.reason, MessageHeaders.handler, MessageHeaders.attempts,
            MessageHeaders.firstFailure, MessageHeaders.originalRoutingKey, MessageHeaders.originalExchange,
        ]
        #expect(Set(custom + [MessageHeaders.traceparent]).count == custom.count + 1)
        #expect(custom.allSatisfy { $0.hasPrefix("x-wholesail-") && $0 == $0.lowercased() })
        #expect(MessageHeaders.traceparent == "traceparent")
    }
}
