import Foundation
import Persistence
import Testing
import WholesailTestSupport

/// Every supported Swift type goes to PostgreSQL as a parameter and comes back decoded, unchanged.
@Suite("value round trips against PostgreSQL", .timeLimit(.minutes(1)))
struct PostgresValueRoundTripTests {
    private func roundTrip<Value: PostgresEncodable & PostgresDecodable>(
        _ value: Value,
        as sqlType: String,
        on pool: PostgresPool
    ) async throws -> Value {
        let rows = try await pool.query("SELECT $1::\(sqlType) AS value", value)
        return try rows[0].decode(Value.self, column: "value")
    }

    @Test("text, including unicode, quotes and the empty string")
    func text() async throws {
        try await PostgresTestEnvironment.withSchema("text") { schema in
            for value in ["", "plain", "Grüße, 日本語, 🚚📦, שלום", "O'Brien said \"hi\" \\ back\\slash", "line\nbreak\ttab"] {
                do {
                    let actual = try await roundTrip(value, as: "text", on: schema.pool)
                    #expect(actual == value)
                }
            }
        }
    }

    @Test("integers at their limits")
    func integers() async throws {
        try await PostgresTestEnvironment.withSchema("integers") { schema in
            for value in [Int.min, -1, 0, Int.max] {
                do {
                    let actual = try await roundTrip(value, as: "int8", on: schema.pool)
                    #expect(actual == value)
                }
            }
            for value in [Int64.min, 42, Int64.max] {
                do {
                    let actual = try await roundTrip(value, as: "int8", on: schema.pool)
                    #expect(actual == value)
                }
            }
            for value in [Int32.min, 7, Int32.max] {
                do {
                    let actual = try await roundTrip(value, as: "int4", on: schema.pool)
                    #expect(actual == value)
                }
            }
            for value in [Int16.min, Int16.max] {
                do {
                    let actual = try await roundTrip(value, as: "int2", on: schema.pool)
                    #expect(actual == value)
                }
            }
        }
    }

    @Test("booleans")
    func booleans() async throws {
        try await PostgresTestEnvironment.withSchema("booleans") { schema in
            do {
                let actual = try await roundTrip(true, as: "bool", on: schema.pool)
                #expect(actual == true)
            }
            do {
                let actual = try await roundTrip(false, as: "bool", on: schema.pool)
                #expect(actual == false)
            }
        }
    }

    @Test("doubles, including infinities, NaN and the smallest subnormal")
    func doubles() async throws {
        try await PostgresTestEnvironment.withSchema("doubles") { schema in
            for value in [0.1, -1.5e300, Double.leastNonzeroMagnitude, Double.infinity, -Double.infinity, 1.0 / 3.0] {
                do {
                    let actual = try await roundTrip(value, as: "float8", on: schema.pool)
                    #expect(actual == value)
                }
            }
            do {
                let actual = try await roundTrip(Double.nan, as: "float8", on: schema.pool).isNaN
                #expect(actual)
            }
        }
    }

    @Test("decimals with many digits stay exact")
    func decimals() async throws {
        try await PostgresTestEnvironment.withSchema("decimals") { schema in
            let texts = [
                "12345678901234567890.123456789012345678",
                "-98765432109876543210987654321.12345678",
                "0.000000000000000000000000000000000001",
                "0",
                "1000000000000000000000000000000000000",
                "19.99",
            ]
            for text in texts {
                let value = try #require(Decimal(string: text))
                let back = try await roundTrip(value, as: "numeric", on: schema.pool)
                #expect(back == value)
                let serverText = try await schema.pool.query("SELECT $1::numeric::text", value)[0].decode(String.self, at: 0)
                #expect(try #require(Decimal(string: serverText)) == value)
            }
            do {
                let actual = try await roundTrip(Decimal.nan, as: "numeric", on: schema.pool).isNaN
                #expect(actual)
            }
        }
    }

    @Test("a numeric with more digits than Decimal holds is refused, not rounded")
    func decimalOverflowIsRefused() async throws {
        try await PostgresTestEnvironment.withSchema("decimal_overflow") { schema in
            let rows = try await schema.pool.query("SELECT '1234567890123456789012345678901234567890.5'::numeric AS amount")
            let error = #expect(throws: PostgresError.self) { try rows[0].decode(Decimal.self, column: "amount") }
            #expect(error?.code == .decodingFailed)
            #expect(error?.message.contains("amount") == true)
        }
    }

    @Test("UUIDs")
    func uuids() async throws {
        try await PostgresTestEnvironment.withSchema("uuids") { schema in
            let value = UUID()
            do {
                let actual = try await roundTrip(value, as: "uuid", on: schema.pool)
                #expect(actual == value)
            }
        }
    }

    @Test("dates keep microseconds and PostgreSQL sees them in UTC")
    func dates() async throws {
        try await PostgresTestEnvironment.withSchema("dates") { schema in
            let value = Date(timeIntervalSince1970: 1_795_788_062.123456)
            let back = try await roundTrip(value, as: "timestamptz", on: schema.pool)
            #expect(abs(back.timeIntervalSince(value)) < 0.000_000_5)
            let serverText = try await schema.pool.query("SELECT $1::timestamptz::text", value)[0].decode(String.self, at: 0)
            #expect(serverText == "2026-11-27 14:01:02.123456+00")
            let parsed = try await schema.pool.query("SELECT '2026-11-27 14:01:02.123456+00'::timestamptz")[0].decode(Date.self, at: 0)
            #expect(abs(parsed.timeIntervalSince(value)) < 0.000_000_5)
        }
    }

    @Test("bytea with zero bytes, as [UInt8] and as Data")
    func bytes() async throws {
        try await PostgresTestEnvironment.withSchema("bytes") { schema in
            let value: [UInt8] = [0, 1, 0, 255, 0, 0x7F, 0x80, 0]
            do {
                let actual = try await roundTrip(value, as: "bytea", on: schema.pool)
                #expect(actual == value)
            }
            do {
                let actual = try await roundTrip([UInt8](), as: "bytea", on: schema.pool)
                #expect(actual == [])
            }
            let data = Data((0...255).map { UInt8($0) } + [0, 0])
            do {
                let actual = try await roundTrip(data, as: "bytea", on: schema.pool)
                #expect(actual == data)
            }
            let length = try await schema.pool.query("SELECT length($1::bytea)", value)[0].decode(Int.self, at: 0)
            #expect(length == value.count)
        }
    }

    @Test("nil is sent as NULL and NULL decodes to nil")
    func nulls() async throws {
        try await PostgresTestEnvironment.withSchema("nulls") { schema in
            let missing: String? = nil
            let rows = try await schema.pool.query("SELECT $1::text IS NULL AS was_null, $1::text AS value", missing)
            #expect(try rows[0].decode(Bool.self, column: "was_null"))
            #expect(try rows[0].decode(String?.self, column: "value") == nil)
            #expect(rows[0].isNull(at: 1))
            let present: Int64? = 5
            do {
                let actual = try await roundTrip(present, as: "int8", on: schema.pool)
                #expect(actual == 5)
            }
        }
    }

    @Test("arrays of Int64, String and UUID, with quotes, commas, braces and backslashes")
    func arrays() async throws {
        try await PostgresTestEnvironment.withSchema("arrays") { schema in
            let numbers: [Int64] = [1, -2, Int64.max]
            do {
                let actual = try await roundTrip(numbers, as: "int8[]", on: schema.pool)
                #expect(actual == numbers)
            }
            let strings = ["plain", "with,comma", "with \"quotes\"", "back\\slash", "{braces}", "NULL", "", " spaced ", "Grüße 🚚"]
            do {
                let actual = try await roundTrip(strings, as: "text[]", on: schema.pool)
                #expect(actual == strings)
            }
            let ids = [UUID(), UUID()]
            do {
                let actual = try await roundTrip(ids, as: "uuid[]", on: schema.pool)
                #expect(actual == ids)
            }
            do {
                let actual = try await roundTrip([Int64](), as: "int8[]", on: schema.pool)
                #expect(actual == [])
            }
            let count = try await schema.pool.query("SELECT cardinality($1::text[])", strings)[0].decode(Int.self, at: 0)
            #expect(count == strings.count)
        }
    }

    @Test("an array parameter works with = ANY($1)")
    func arrayWithAny() async throws {
        try await PostgresTestEnvironment.withSchema("any") { schema in
            _ = try await schema.pool.execute("CREATE TABLE items (id uuid PRIMARY KEY, name text NOT NULL)")
            let ids = (0..<5).map { _ in UUID() }
            for (index, id) in ids.enumerated() {
                _ = try await schema.pool.execute("INSERT INTO items (id, name) VALUES ($1, $2)", id, "item \(index)")
            }
            let wanted = [ids[1], ids[3]]
            let rows = try await schema.pool.query("SELECT id FROM items WHERE id = ANY($1) ORDER BY name", wanted)
            #expect(try rows.map { try $0.decode(UUID.self, at: 0) } == wanted)
            let names = ["item 0", "item 4"]
            let matched = try await schema.pool.query("SELECT count(*) FROM items WHERE name = ANY($1)", names)
            #expect(try matched[0].decode(Int.self, at: 0) == 2)
        }
    }
}
