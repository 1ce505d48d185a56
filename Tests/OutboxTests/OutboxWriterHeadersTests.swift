import Contracts
import Foundation
@testable import Outbox
import Testing

@Suite("OutboxWriter: the row's headers object")
struct OutboxWriterHeadersTests {
    @Test("a valid traceparent is written byte for byte as StableJSON writes it")
    func plainTraceparentMatchesStableJSON() throws {
        let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let expected = String(decoding: try StableJSON.encode([MessageHeaders.traceparent: traceparent]), as: UTF8.self)
        #expect(try OutboxWriter.headersJSON(traceparent: traceparent) == expected)
    }

    @Test("a value needing escapes goes through the encoder and stays valid JSON")
    func unusualValueIsEscaped() throws {
        let odd = "00-\"quoted\"/\\-01"
        let written = try OutboxWriter.headersJSON(traceparent: odd)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(written.utf8))
        #expect(decoded == [MessageHeaders.traceparent: odd])
    }
}
