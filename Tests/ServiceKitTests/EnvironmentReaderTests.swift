import Foundation
import ServiceKit
import Testing

@Suite("Environment reader")
struct EnvironmentReaderTests {
    @Test func unsetEmptyAndBlankVariablesTakeTheDefault() throws {
        let environment = EnvironmentReader(["EMPTY": "", "BLANK": "   "])
        #expect(environment.string("UNSET", default: "fallback") == "fallback")
        #expect(environment.string("EMPTY", default: "fallback") == "fallback")
        #expect(try environment.integer("BLANK", default: 7, in: 0...10) == 7)
    }

    @Test func stringIsTrimmed() {
        #expect(EnvironmentReader(["HOST": "  0.0.0.0\n"]).string("HOST", default: "x") == "0.0.0.0")
    }

    @Test func integerWithinRangeIsRead() throws {
        #expect(try EnvironmentReader(["N": "42"]).integer("N", default: 1, in: 1...100) == 42)
    }

    @Test func integerThatIsNotANumberNamesVariableValueAndRange() {
        let error = #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["WHOLESAIL_HTTP_PORT": "http"]).integer("WHOLESAIL_HTTP_PORT", default: 1, in: 0...65535)
        }
        #expect(error?.description == #"WHOLESAIL_HTTP_PORT="http" is invalid: expected an integer from 0 to 65535"#)
    }

    @Test func integerOutOfRangeIsRejected() {
        #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["N": "0"]).integer("N", default: 1, in: 1...10)
        }
        #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["N": "11"]).integer("N", default: 1, in: 1...10)
        }
    }

    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)), ("2s", .seconds(2)), ("1m", .seconds(60)), ("1h", .seconds(3600)), ("0s", .zero),
    ])
    func durationUnitsParse(text: String, expected: Duration) throws {
        #expect(try EnvironmentReader(["D": text]).duration("D", default: .seconds(99)) == expected)
    }

    @Test(arguments: ["2", "s", "1.5s", "-1s", "2 s", "2sec", "10d", "ms", "99999999999999999999s"])
    func malformedDurationsAreRejected(text: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["WHOLESAIL_SHUTDOWN_TIMEOUT": text]).duration("WHOLESAIL_SHUTDOWN_TIMEOUT", default: .seconds(1))
        }
        #expect(error?.variable == "WHOLESAIL_SHUTDOWN_TIMEOUT")
        #expect(error?.description.contains("250ms, 2s, 1m or 1h") == true)
    }

    @Test func durationOutsideItsRangeIsRejected() {
        let error = #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["D": "5ms"]).duration("D", default: .seconds(1), in: .milliseconds(10) ... .seconds(60))
        }
        #expect(error?.description.contains("from 10ms to 1m") == true)
    }

    @Test func durationListIsReadInOrder() throws {
        let delays = try EnvironmentReader(["R": "1s, 10s,60s"]).durations("R", default: [])
        #expect(delays == [.seconds(1), .seconds(10), .seconds(60)])
    }

    @Test func durationListNoneIsEmpty() throws {
        #expect(try EnvironmentReader(["R": "none"]).durations("R", default: [.seconds(1)]) == [])
    }

    @Test func durationListWithABadItemIsRejectedWhole() {
        let error = #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["WHOLESAIL_RETRY_DELAYS": "1s,,60s"]).durations("WHOLESAIL_RETRY_DELAYS", default: [])
        }
        #expect(error?.value == "1s,,60s")
    }

    @Test func urlWithAnAllowedSchemeIsRead() throws {
        let url = try EnvironmentReader(["U": "https://erp.example.com/api"]).url("U", default: "http://x", schemes: ["http", "https"])
        #expect(url.host == "erp.example.com")
    }

    @Test func urlDefaultIsUsedWhenUnset() throws {
        #expect(try EnvironmentReader([:]).url("U", default: "http://127.0.0.1:9000", schemes: ["http"]).port == 9000)
    }

    @Test func urlWithAnotherSchemeIsRejectedWithoutShowingThePassword() {
        let error = #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["U": "ftp://user:secret@host/x"]).url("U", default: "http://x", schemes: ["http"])
        }
        #expect(error?.description.contains("secret") == false)
        #expect(error?.value == "ftp://user:***@host/x")
    }

    @Test(arguments: [("true", true), ("YES", true), ("on", true), ("1", true), ("false", false), ("No", false), ("off", false), ("0", false)])
    func booleanSpellingsAreAccepted(text: String, expected: Bool) throws {
        #expect(try EnvironmentReader(["B": text]).boolean("B", default: !expected) == expected)
    }

    @Test func booleanOtherWordsAreRejected() {
        #expect(throws: ConfigurationError.self) {
            try EnvironmentReader(["B": "maybe"]).boolean("B", default: false)
        }
    }

    @Test func errorDescriptionStaysOnOneLineWhateverTheValue() {
        let error = ConfigurationError(variable: "X", value: "line1\nline2\r\"quoted\"", expected: "something")
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("\r"))
        #expect(error.description == #"X="line1\nline2\r\"quoted\"" is invalid: expected something"#)
    }

    @Test(arguments: [(Duration.milliseconds(250), "250ms"), (.seconds(90), "90s"), (.seconds(120), "2m"), (.seconds(7200), "2h"), (.zero, "0s")])
    func durationsFormatWithTheLargestExactUnit(duration: Duration, expected: String) {
        #expect(EnvironmentReader.formatDuration(duration) == expected)
    }
}
