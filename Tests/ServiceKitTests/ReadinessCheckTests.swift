import Foundation
import Logging
import Messaging
import Persistence
import ServiceKit
import Testing
import WholesailTestSupport

@Suite("Built-in readiness checks")
struct ReadinessCheckTests {
    @Test func databaseCheckPassesAgainstTheRealServer() async throws {
        try await PostgresTestEnvironment.withSchema("sk_ready") { schema in
            try await DatabaseReadinessCheck(pool: schema.pool).check()
        }
    }

    @Test func databaseCheckFailsWhenTheServerIsUnreachable() async throws {
        var configuration = try PostgresTestEnvironment.configuration()
        configuration.port = 1  // nothing listens there
        let pool = PostgresPool(configuration: configuration, maximumConnections: 1, acquireTimeout: .milliseconds(500))
        let result = await ReadinessProbe(checks: [DatabaseReadinessCheck(pool: pool)], timeout: .seconds(5)).run()
        await pool.close()
        #expect(result.failing == ["database"])
    }

    @Test func brokerCheckPassesWhileConnectedAndFailsNamingTheClosedConnection() async throws {
        let name = AMQPTestEnvironment.uniqueName("sk-ready")
        let connection = try await AMQPTestEnvironment.connect(name: name)
        let check = BrokerReadinessCheck(connections: [connection])
        try await check.check()
        await connection.close()
        let error = await #expect(throws: ReadinessFailure.self) { try await check.check() }
        #expect(error?.description.contains(name) == true)
    }
}
