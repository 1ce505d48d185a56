import Contracts
import Foundation
import Hummingbird
import Logging
import Messaging
import Outbox
import Persistence
import ServiceKit
import Synchronization
import Testing
import WholesailTestSupport

private struct ThingRequest: Decodable, Sendable {
    let number: Int
}

private struct ThingAccepted: Encodable, ResponseEncodable, Sendable {
    let eventID: String
}

/// Polls until `condition` holds or `timeout` passes.
private func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}

@Suite("Wholesail service")
struct WholesailServiceTests {
    @Test func requestEventFlowsThroughOutboxRelayBrokerAndConsumerThenShutsDownCleanly() async throws {
        try await PostgresTestEnvironment.withSchema("sk_service") { schema in
            let setup = try ServiceUnderTest(schema: schema.name)
            var handlers = EventHandlers()
            handlers.on(ThingHappened.self, handler: "record") { event, context in
                _ = try await context.transaction.execute(
                    "INSERT INTO effects (event_id, number, correlation_id) VALUES ($1, $2, $3)",
                    event.id.description, event.payload.number, event.correlationID
                )
            }
            let service = WholesailService(
                name: setup.name,
                configuration: setup.configuration,
                migrations: [Migration(id: "0001_effects", sql: "CREATE TABLE effects (event_id text PRIMARY KEY, number int NOT NULL, correlation_id text NOT NULL)")],
                handlers: handlers,
                logger: testLogger(setup.name)
            ) { router, dependencies in
                router.post("/v1/things") { request, context -> EditedResponse<ThingAccepted> in
                    let body = try await request.decodeJSON(as: ThingRequest.self, context: context)
                    let envelope = try EventEnvelope(
                        payload: ThingHappened(number: body.number), correlationID: context.correlationID,
                        traceContext: context.traceParent
                    )
                    try await dependencies.pool.transaction { transaction in
                        try await dependencies.outbox.append(envelope, in: transaction)
                    }
                    return EditedResponse(status: .accepted, response: ThingAccepted(eventID: envelope.id.description))
                }
            }

            let serviceSessions = {
                try await schema.pool.query(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name IN ($1, $2)",
                    "\(setup.name)-service", "\(setup.name)-outbox-relay"
                ).first?.decode(Int.self, at: 0) ?? -1
            }
            let running = try service.start()
            do {
                let client = HTTPTestClient(port: try await running.httpPort())
                #expect(try await eventually { try await client.get("/health/ready").status == 200 })
                let ready = try await client.get("/health/ready").json()
                #expect(ready["checks"]?["database"]?["status"] == .string("up"))
                #expect(ready["checks"]?["broker"]?["status"] == .string("up"))
                #expect(ready["checks"]?["startup"]?["status"] == .string("up"))

                let correlationID = "sk-flow-\(UUID().uuidString.prefix(8))"
                let accepted = try await client.post("/v1/things", json: #"{"number":42}"#, headers: ["X-Correlation-ID": correlationID])
                #expect(accepted.status == 202)
                let eventID = try #require(accepted.json()["eventID"]?.stringValue)

                #expect(try await eventually {
                    try await schema.pool.query("SELECT count(*) FROM effects").first?.decode(Int.self, at: 0) == 1
                })
                let row = try #require(try await schema.pool.query("SELECT event_id, number, correlation_id FROM effects").first)
                #expect(try row.decode(String.self, at: 0) == eventID)
                #expect(try row.decode(Int.self, at: 1) == 42)
                #expect(try row.decode(String.self, at: 2) == correlationID)

                let metrics = try await client.get("/metrics").text
                #expect(metrics.contains("wholesail_outbox_published_total"))
                #expect(metrics.contains("wholesail_messages_handled_total"))
                #expect(metrics.contains(#"route="/v1/things""#))

                #expect(try await eventually { try await brokerConnectionNames().isSuperset(of: ["\(setup.name)-publish", "\(setup.name)-consume"]) })
                #expect(try await serviceSessions() > 0)
            } catch {
                try? await running.shutdown()
                try? await setup.removeBrokerObjects()
                throw error
            }

            let port = try await running.httpPort()
            try await running.shutdown()

            // Everything the service opened is closed: HTTP listener, database sessions, broker connections.
            await #expect(throws: (any Error).self) { try await HTTPTestClient(port: port).get("/health/live") }
            #expect(try await serviceSessions() == 0)
            #expect(try await eventually(timeout: .seconds(20)) {
                try await brokerConnectionNames().isDisjoint(with: ["\(setup.name)-publish", "\(setup.name)-consume"])
            })
            try await setup.removeBrokerObjects()
        }
    }

    @Test func shutdownStopsHTTPFirstThenFinishesTheInFlightHandlerAndAcksIt() async throws {
        try await PostgresTestEnvironment.withSchema("sk_drain") { schema in
            let setup = try ServiceUnderTest(schema: schema.name)
            let handlerStarted = Mutex(false)
            let handlerReleased = Mutex(false)
            var handlers = EventHandlers()
            handlers.on(ThingHappened.self, handler: "slow") { event, context in
                handlerStarted.withLock { $0 = true }
                while !handlerReleased.withLock({ $0 }) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                _ = try await context.transaction.execute(
                    "INSERT INTO effects (event_id, number, correlation_id) VALUES ($1, $2, $3)",
                    event.id.description, event.payload.number, event.correlationID
                )
            }
            let service = WholesailService(
                name: setup.name,
                configuration: setup.configuration,
                migrations: [Migration(id: "0001_effects", sql: "CREATE TABLE effects (event_id text PRIMARY KEY, number int NOT NULL, correlation_id text NOT NULL)")],
                handlers: handlers,
                logger: testLogger(setup.name)
            ) { router, dependencies in
                router.post("/v1/things") { request, context -> HTTPResponse.Status in
                    let body = try await request.decodeJSON(as: ThingRequest.self, context: context)
                    let envelope = try EventEnvelope(payload: ThingHappened(number: body.number), correlationID: context.correlationID)
                    try await dependencies.pool.transaction { transaction in
                        try await dependencies.outbox.append(envelope, in: transaction)
                    }
                    return .accepted
                }
            }
            let running = try service.start()
            let client = HTTPTestClient(port: try await running.httpPort())
            #expect(try await eventually { try await client.get("/health/ready").status == 200 })
            #expect(try await client.post("/v1/things", json: #"{"number":7}"#).status == 202)
            #expect(try await eventually { handlerStarted.withLock { $0 } })

            let shutdown = Task { try await running.shutdown() }
            // HTTP goes first: the listener closes while the handler is still in flight.
            #expect(try await eventually(timeout: .seconds(10)) {
                (try? await client.get("/health/live")) == nil
            })
            #expect(try await schema.pool.query("SELECT count(*) FROM effects").first?.decode(Int.self, at: 0) == 0)

            handlerReleased.withLock { $0 = true }
            try await shutdown.value

            // The in-flight handler finished and its message was acknowledged (nothing returns to the queue).
            #expect(try await schema.pool.query("SELECT count(*) FROM effects").first?.decode(Int.self, at: 0) == 1)
            let admin = try await AMQPTestEnvironment.connect(name: "\(setup.name)-check")
            let leftover = try await admin.get(queue: "\(setup.name).inbox")
            leftover?.reject(requeue: true)
            await admin.close()
            #expect(leftover == nil)
            try await setup.removeBrokerObjects()
        }
    }

    @Test func waitsForAnUnreachableDatabaseServingProbesAndShutsDownCleanly() async throws {
        let name = PostgresTestEnvironment.uniqueName("sk_wait")
        var configuration = try PostgresTestEnvironment.configuration()
        configuration.port = 1  // nothing listens there
        let setup = try ServiceUnderTest(schema: name, extraEnvironment: [
            "WHOLESAIL_DATABASE_URL": "postgresql://\(configuration.user)@127.0.0.1:1/\(configuration.database)",
            "WHOLESAIL_READINESS_TIMEOUT": "300ms",
        ])
        let logs = LogCapture()
        let service = WholesailService(name: name, configuration: setup.configuration, logger: logs.logger(name, level: .info)) { router, _ in
            router.get("/v1/things") { _, _ in "never before start-up" }
        }
        let running = try service.start()
        let client = HTTPTestClient(port: try await running.httpPort())

        #expect(try await client.get("/health/live").status == 200)
        let ready = try await client.get("/health/ready")
        #expect(ready.status == 503)
        let failing = try ready.problem().extensions["failing"]
        #expect(failing == .array([.string("database"), .string("startup")]))
        let route = try await client.get("/v1/things")
        #expect(route.status == 503)
        #expect(route.header("Retry-After") != nil)

        // It keeps waiting, with a log line per attempt (each attempt waits out the pool's 10 s acquire timeout).
        #expect(try await eventually(timeout: .seconds(25)) {
            logs.captured.contains { $0.contains("PostgreSQL is unavailable; waiting before applying migrations") }
        })
        #expect(try await client.get("/health/live").status == 200)

        try await running.shutdown()
        try await setup.removeBrokerObjects()
    }

    @Test func nameMustMatchTheConfiguration() throws {
        let configuration = try ServiceConfiguration(service: "orders", environment: EnvironmentReader([:]))
        #expect(throws: ConfigurationError.self) {
            _ = try WholesailService(name: "finance", configuration: configuration).start()
        }
    }
}
