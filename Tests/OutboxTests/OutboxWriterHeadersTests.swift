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

    @Test("the relay reads back every headers object the writer writes")
    func relayReadsWhatTheWriterWrote() throws {
        for traceparent in ["00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-\"quoted\"/\\-01", "", "Ab-1"] {
            let headers = OutboxRelay.headers(fromJSON: try OutboxWriter.headersJSON(traceparent: traceparent))
            #expect(headers.count == 1)
            guard case .string(let value)? = headers[MessageHeaders.traceparent] else {
                Issue.record("no traceparent header for \(traceparent)")
                continue
            }
            #expect(value == traceparent)
        }
    }

    @Test("headers another writer stored are parsed, non-string members left out")
    func otherHeadersAreParsed() {
        let headers = OutboxRelay.headers(fromJSON: #"{"b": 1, "traceparent": "00-ab-01", "x": "y"}"#)
        #expect(headers.count == 2)
        #expect(OutboxRelay.headers(fromJSON: "{}").isEmpty)
    }
}
