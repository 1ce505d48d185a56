import Foundation
import Hummingbird
import Logging
import Synchronization

/// A real HTTP receiver on 127.0.0.1 (a free port) for webhook and EDI delivery tests: records every request it gets, exactly as
/// received, and answers as the test says.
public final class WebhookReceiver: Sendable {
    /// One request as it arrived.
    public struct Received: Sendable {
        /// Header values by lower-cased name.
        public var headers: [String: String]
        public var body: [UInt8]
        public var arrivedAt: ContinuousClock.Instant

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// How to answer a request.
    public enum Answer: Sendable {
        case status(Int)
        /// Answer with this status after a pause.
        case slow(Duration, Int)
        /// Answer 307 Temporary Redirect to this URL.
        case redirect(to: String)
        /// Never answer (until ``release()`` or the end of the test).
        case hang
    }

    public let port: Int
    private let received: Locked<[Received]>
    private let released: Locked<Bool>
    private let concurrency: Locked<(now: Int, most: Int)>

    private init(port: Int, received: Locked<[Received]>, released: Locked<Bool>, concurrency: Locked<(now: Int, most: Int)>) {
        self.port = port
        self.received = received
        self.released = released
        self.concurrency = concurrency
    }

    /// The most requests this receiver was handling at the same time.
    public var mostConcurrentRequests: Int { concurrency.value.most }

    /// Lets hanging requests answer (503) now.
    public func release() {
        released.withLock { $0 = true }
    }

    /// The URL to subscribe.
    public var url: String { "http://127.0.0.1:\(port)/hooks" }

    /// Every request so far, in arrival order.
    public var requests: [Received] { received.value }

    /// Runs a receiver for the length of `body`; `answer` gets the 1-based number of each request. Requests left
    /// hanging are released before the receiver stops.
    public static func with<Value>(
        answer: @escaping @Sendable (Int) -> Answer,
        _ body: (WebhookReceiver) async throws -> Value
    ) async throws -> Value {
        let received = Locked<[Received]>([])
        let released = Locked(false)
        let concurrency = Locked((now: 0, most: 0))
        let router = Router()
        router.post("/hooks") { request, _ -> Response in
            concurrency.withLock { counts in
                counts.now += 1
                counts.most = max(counts.most, counts.now)
            }
            defer { concurrency.withLock { $0.now -= 1 } }
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let number = received.withLock { requests -> Int in
                requests.append(Received(headers: headers, body: Array(buffer.readableBytesView), arrivedAt: .now))
                return requests.count
            }
            switch answer(number) {
            case .status(let code):
                return Response(status: .init(code: code))
            case .slow(let pause, let code):
                try? await Task.sleep(for: pause)
                return Response(status: .init(code: code))
            case .redirect(let location):
                return Response(status: .temporaryRedirect, headers: [.location: location])
            case .hang:
                while !released.value { try? await Task.sleep(for: .milliseconds(20)) }
                return Response(status: .serviceUnavailable)
            }
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: testLogger("webhook-receiver")
        )
        let running = RunningServices([application], logger: testLogger("webhook-receiver"))
        let outcome: Result<Value, any Error>
        do {
            let port = try await firstPort(of: ports, within: .seconds(10))
            outcome = .success(try await body(WebhookReceiver(port: port, received: received, released: released, concurrency: concurrency)))
        } catch {
            outcome = .failure(error)
        }
        released.withLock { $0 = true }
        try await running.stop()
        return try outcome.get()
    }

    /// The first port a starting server reports, or a failure after `timeout`.
    public static func firstPort(of stream: AsyncStream<Int>, within timeout: Duration) async throws -> Int {
        try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                var iterator = stream.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let port = first, port > 0 else { throw TestFailure("the webhook receiver did not start listening within \(timeout)") }
            return port
        }
    }
}
