import Persistence
import Testing

@Suite("PostgresConfiguration URL parsing")
struct PostgresConfigurationTests {
    @Test("a full URL is parsed with percent-decoding and query parameters")
    func parsesFullURL() throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://order%20svc:p%40ss%2Fw%3Ard@db.example.com:6543/whole%2Dsail?application_name=orders%20api&connect_timeout=3&statement_timeout=1500&sslmode=require&search_path=orders,public"
        )
        #expect(configuration.user == "order svc")
        #expect(configuration.password == "p@ss/w:rd")
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 6543)
        #expect(configuration.database == "whole-sail")
        #expect(configuration.applicationName == "orders api")
        #expect(configuration.connectTimeout == .seconds(3))
        #expect(configuration.statementTimeout == .milliseconds(1500))
        #expect(configuration.tlsMode == .require)
        #expect(configuration.searchPath == ["orders", "public"])
    }

    @Test("the port defaults to 5432 and the database to the user name")
    func appliesDefaults() throws {
        let configuration = try PostgresConfiguration(url: "postgres://inventory@localhost")
        #expect(configuration.port == 5432)
        #expect(configuration.database == "inventory")
        #expect(configuration.password == nil)
    }

    @Test("an IPv6 host in brackets is parsed")
    func parsesIPv6Host() throws {
        let configuration = try PostgresConfiguration(url: "postgresql://u:p@[::1]:25432/wholesail")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 25432)
    }

    @Test("a wrong scheme is rejected and named")
    func rejectsBadScheme() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration(url: "mysql://u:p@localhost:3306/db")
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("scheme") == true)
        #expect(error?.message.contains("mysql") == true)
    }

    @Test("a port that is not a number in 1...65535 is rejected and named", arguments: ["99999", "abc", "0", ""])
    func rejectsBadPort(port: String) {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration(url: "postgresql://u:p@localhost:\(port)/db")
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains("port \"\(port)\"") == true)
    }

    @Test("prepared_statements=off turns prepared statements off; they are on by default")
    func parsesPreparedStatements() throws {
        #expect(try PostgresConfiguration(url: "postgresql://u@localhost/db").preparesStatements)
        #expect(try PostgresConfiguration(url: "postgresql://u@localhost/db?prepared_statements=off").preparesStatements == false)
        #expect(try PostgresConfiguration(url: "postgresql://u@localhost/db?prepared_statements=on").preparesStatements)
    }

    @Test("a prepared_statements value other than on or off is rejected and named")
    func rejectsBadPreparedStatements() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration(url: "postgresql://u@localhost/db?prepared_statements=maybe")
        }
        #expect(error?.message.contains("prepared_statements \"maybe\"") == true)
    }

    @Test("an unknown query parameter is rejected and named")
    func rejectsUnknownParameter() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration(url: "postgresql://u:p@localhost/db?aplication_name=typo")
        }
        #expect(error?.message.contains("aplication_name") == true)
    }

    @Test("a URL without a user is rejected")
    func rejectsMissingUser() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration(url: "postgresql://localhost:5432/db")
        }
        #expect(error?.message.contains("user") == true)
    }

    @Test("invalid percent-encoding is rejected and names the part")
    func rejectsBadPercentEncoding() {
        let error = #expect(throws: PostgresError.self) {
            try PostgresConfiguration(url: "postgresql://u:bad%zzpass@localhost/db")
        }
        #expect(error?.message.contains("password") == true)
    }

    @Test("the description hides the password")
    func descriptionHidesPassword() throws {
        let configuration = try PostgresConfiguration(url: "postgresql://u:secret@localhost:1/db")
        #expect(!configuration.description.contains("secret"))
        #expect(configuration.description.contains("u:***@localhost:1/db"))
    }
}
