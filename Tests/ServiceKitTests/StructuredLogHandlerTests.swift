import Foundation
import Logging
import ServiceKit
import Testing

@Suite("Structured log handler")
struct StructuredLogHandlerTests {
    @Test func writesOneJSONObjectPerLineWithTheStandardFields() throws {
        let logs = LogCapture()
        var logger = logs.logger("orders", level: .info)
        logger[metadataKey: "correlation_id"] = "c-1"
        logger.info("order accepted", metadata: ["event_id": "e-1"])

        #expect(logs.captured.count == 1)
        let record = try #require(try logs.records().first)
        #expect(record["level"] as? String == "info")
        #expect(record["label"] as? String == "orders")
        #expect(record["message"] as? String == "order accepted")
        #expect(record["source"] as? String == "ServiceKitTests")
        let metadata = try #require(record["metadata"] as? [String: Any])
        #expect(metadata["correlation_id"] as? String == "c-1")
        #expect(metadata["event_id"] as? String == "e-1")
    }

    @Test func timestampIsISO8601UTCWithMilliseconds() throws {
        let logs = LogCapture()
        logs.logger("t").info("x")
        let timestamp = try #require(try logs.records().first?["timestamp"] as? String)
        #expect(timestamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
    }

    @Test func respectsTheLevel() {
        let logs = LogCapture()
        let logger = logs.logger("t", level: .warning)
        logger.info("dropped")
        logger.warning("kept")
        #expect(logs.captured.count == 1)
    }

    @Test func lineBreaksAndQuotesNeverSplitALine() throws {
        let logs = LogCapture()
        logs.logger("t").error("first\nsecond \"quoted\" \u{1}", metadata: ["k\"ey": "v\nalue"])
        let line = try #require(logs.captured.first)
        #expect(!line.contains("\n"))
        let record = try #require(try logs.records().first)
        #expect(record["message"] as? String == "first\nsecond \"quoted\" \u{1}")
        #expect((record["metadata"] as? [String: Any])?["k\"ey"] as? String == "v\nalue")
    }

    @Test func nestedMetadataBecomesNestedJSON() throws {
        let logs = LogCapture()
        logs.logger("t").info("x", metadata: ["order": ["id": "42", "lines": ["a", "b"]]])
        let metadata = try #require(try logs.records().first?["metadata"] as? [String: Any])
        let order = try #require(metadata["order"] as? [String: Any])
        #expect(order["id"] as? String == "42")
        #expect(order["lines"] as? [String] == ["a", "b"])
    }

    @Test func callMetadataOverridesLoggerMetadataAndEmptyMetadataIsOmitted() throws {
        let logs = LogCapture()
        var logger = logs.logger("t")
        logger.info("plain")
        logger[metadataKey: "k"] = "logger"
        logger.info("override", metadata: ["k": "call"])
        let records = try logs.records()
        #expect(records[0]["metadata"] == nil)
        #expect((records[1]["metadata"] as? [String: Any])?["k"] as? String == "call")
    }
}
