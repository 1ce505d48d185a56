import Persistence
import Testing
import WholesailTestSupport

@Suite("row decoding errors", .timeLimit(.minutes(1)))
struct PostgresRowDecodingTests {
    @Test("a value of the wrong type names the column, the Swift type and the text")
    func wrongTypeNamesColumn() async throws {
        try await PostgresTestEnvironment.withSchema("decode_type") { schema in
            let rows = try await schema.pool.query("SELECT 'abc'::text AS customer_name")
            let error = #expect(throws: PostgresError.self) { try rows[0].decode(Int64.self, column: "customer_name") }
            #expect(error?.code == .decodingFailed)
            #expect(error?.message.contains("customer_name") == true)
            #expect(error?.message.contains("Int64") == true)
            #expect(error?.message.contains("\"abc\"") == true)
        }
    }

    @Test("NULL into a non-optional type names the column")
    func nullIntoNonOptionalNamesColumn() async throws {
        try await PostgresTestEnvironment.withSchema("decode_null") { schema in
            let rows = try await schema.pool.query("SELECT NULL::int8 AS shipped_count")
            let error = #expect(throws: PostgresError.self) { try rows[0].decode(Int64.self, at: 0) }
            #expect(error?.message.contains("shipped_count") == true)
            #expect(error?.message.contains("NULL") == true)
            #expect(try rows[0].decode(Int64?.self, at: 0) == nil)
        }
    }

    @Test("an unknown column name lists the columns there are")
    func unknownColumnListsColumns() async throws {
        try await PostgresTestEnvironment.withSchema("decode_unknown") { schema in
            let rows = try await schema.pool.query("SELECT 1 AS a, 2 AS b")
            #expect(rows.columns == ["a", "b"])
            let error = #expect(throws: PostgresError.self) { try rows[0].decode(Int.self, column: "c") }
            #expect(error?.message.contains("\"c\"") == true)
            #expect(error?.message.contains("a, b") == true)
        }
    }

    @Test("many rows are copied out intact")
    func manyRows() async throws {
        try await PostgresTestEnvironment.withSchema("decode_many") { schema in
            let rows = try await schema.pool.query(
                "SELECT n, repeat('x', n % 7) AS text, CASE WHEN n % 3 = 0 THEN NULL ELSE n END AS maybe FROM generate_series(1, 5000) AS n"
            )
            #expect(rows.count == 5000)
            for row in rows {
                let n = try row.decode(Int.self, column: "n")
                #expect(try row.decode(String.self, column: "text") == String(repeating: "x", count: n % 7))
                #expect(try row.decode(Int?.self, column: "maybe") == (n % 3 == 0 ? nil : n))
            }
        }
    }
}
