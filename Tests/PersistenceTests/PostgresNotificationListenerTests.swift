import Persistence
import Testing
import WholesailTestSupport

@Suite("PostgresNotificationListener", .timeLimit(.minutes(1)))
struct PostgresNotificationListenerTests {
    /// Reads the next event, failing the test instead of hanging when none comes within `timeout`.
    private func nextEvent(
        _ iterator: inout AsyncStream<PostgresNotificationListener.Event>.Iterator,
        timeout: Duration = .seconds(10)
    ) async throws -> PostgresNotificationListener.Event? {
        let timer = Task {
            try await Task.sleep(for: timeout)
        }
        defer { timer.cancel() }
        return await iterator.next()
    }

    @Test("NOTIFY payloads arrive in order on the listened channels only")
    func receivesNotifications() async throws {
        let channel = PostgresTestEnvironment.uniqueName("channel")
        let other = PostgresTestEnvironment.uniqueName("other")
        let configuration = try PostgresTestEnvironment.configuration(applicationName: channel)
        let listener = try await PostgresNotificationListener.start(configuration: configuration, channels: [channel])
        let sender = try await PostgresTestEnvironment.connect(configuration)
        for payload in ["first", "second", "Grüße 🚚"] {
            _ = try await sender.query("SELECT pg_notify($1, $2)", channel, payload)
            _ = try await sender.query("SELECT pg_notify($1, $2)", other, "not for us")
        }
        var iterator = listener.events.makeAsyncIterator()
        var payloads: [String] = []
        for _ in 0..<3 {
            guard case .notification(let notification) = try await nextEvent(&iterator) else {
                Issue.record("expected a notification")
                break
            }
            #expect(notification.channel == channel)
            #expect(notification.backendPID == sender.backendPID)
            payloads.append(notification.payload)
        }
        #expect(payloads == ["first", "second", "Grüße 🚚"])
        await sender.close()
        await listener.close()
        do {
            let actual = try await nextEvent(&iterator)
            #expect(actual == nil)
        }
    }

    @Test("after its backend is terminated the listener reconnects, yields .reconnected and keeps receiving")
    func reconnectsAfterTermination() async throws {
        let channel = PostgresTestEnvironment.uniqueName("reconnect")
        let configuration = try PostgresTestEnvironment.configuration(applicationName: channel)
        let listener = try await PostgresNotificationListener.start(configuration: configuration, channels: [channel])
        let admin = try await PostgresTestEnvironment.connect(try PostgresTestEnvironment.configuration())
        let firstPID = listener.backendPID
        _ = try await admin.query("SELECT pg_terminate_backend($1)", firstPID)

        var iterator = listener.events.makeAsyncIterator()
        do {
            let actual = try await nextEvent(&iterator)
            #expect(actual == .reconnected)
        }
        #expect(listener.backendPID != firstPID)

        _ = try await admin.query("SELECT pg_notify($1, $2)", channel, "after reconnect")
        guard case .notification(let notification) = try await nextEvent(&iterator) else {
            Issue.record("expected a notification after reconnecting")
            return
        }
        #expect(notification.payload == "after reconnect")
        await admin.close()
        await listener.close()
    }

    @Test("start fails with connectionFailed when the server is unreachable")
    func startFailsWhenUnreachable() async throws {
        var configuration = try PostgresTestEnvironment.configuration()
        configuration.port = 1
        let error = await #expect(throws: PostgresError.self) {
            try await PostgresNotificationListener.start(configuration: configuration, channels: ["x"])
        }
        #expect(error?.code == .connectionFailed)
    }
}
