import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird 2 server in this process whose only route answers with the same JSON bytes every time.
///
/// It is the yardstick for an HTTP service's figures: same framework, same machine, same load generator, but
/// no decoding, no business logic and no database — the difference to the real service is what the service
/// itself costs. `POST /constant` and `GET /constant` both answer 200 with `Content-Type: application/json`.
final class ConstantRouteServer: Sendable {
    /// The port it listens on (127.0.0.1).
    let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, Never>

    private init(port: Int, group: ServiceGroup, running: Task<Void, Never>) {
        self.port = port
        self.group = group
        self.running = running
    }

    /// Starts the server on 127.0.0.1 with a free port and returns once it listens.
    /// - Parameters:
    ///   - body: the response body, sent as is (the caller makes it JSON).
    ///   - logger: Hummingbird's logger; it logs the start at `info`.
    /// - Throws: ``BenchError`` when the server could not bind or stopped before listening.
    static func start(
        body: [UInt8],
        logger: Logger = Logger(label: "wholesail.bench.constant-route")
    ) async throws(BenchError) -> ConstantRouteServer {
        let payload = ByteBuffer(bytes: body)
        let router = Router()
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response = { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: payload)
            )
        }
        router.post("constant", use: respond)
        router.get("constant", use: respond)

        let bound = ConstantRoutePort()
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port {
                    bound.fulfill(port)
                } else {
                    bound.fail(BenchError("constant-route server is running but reports no local port"))
                }
            },
            logger: logger
        )
        // A group of its own, without signal handlers: the bench process decides when it ends, not SIGINT.
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let running = Task {
            do {
                try await group.run()
                bound.fail(BenchError("constant-route server stopped before it listened"))
            } catch {
                bound.fail(BenchError("constant-route server could not start on 127.0.0.1: \(error)"))
            }
        }
        do {
            let port = try await bound.value()
            return ConstantRouteServer(port: port, group: group, running: running)
        } catch {
            await group.triggerGracefulShutdown()
            await running.value
            throw error
        }
    }

    /// Shuts the server down gracefully (requests in flight finish, idle connections close) and waits until it has
    /// stopped. Graceful rather than cancelled: cancellation makes Hummingbird log an error for every open connection.
    func stop() async {
        await group.triggerGracefulShutdown()
        await running.value
    }
}
