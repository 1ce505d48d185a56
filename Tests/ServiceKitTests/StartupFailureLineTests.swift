import Testing

@testable import ServiceKit

@Suite("Start-up failure line")
struct StartupFailureLineTests {
    @Test func namesTheServiceAndTheReasonOnOneLine() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: "orders", environment: EnvironmentReader(["WHOLESAIL_HTTP_PORT": "eighty"]))
        }
        let line = StandardError.line(service: "orders", reason: error.description)
        #expect(line == #"orders: cannot start: WHOLESAIL_HTTP_PORT="eighty" is invalid: expected an integer from 0 to 65535"#)
    }

    @Test func flattensMultiLineReasons() {
        #expect(StandardError.line(service: "finance", reason: "first\nsecond") == "finance: cannot start: first second")
    }
}
