import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// The webhook receiver of the shipments benchmark: a Hummingbird server in this process that answers every
/// `POST /hook/<subscriber>` with 200 at once and keeps what arrived.
///
/// It does no work while the delivery is in flight beyond reading the body and noting the time, so what the benchmark
/// measures is the service's dispatcher, not the receiver; signatures are checked and bodies parsed afterwards
/// (``ShipmentsBenchWebhookMatcher``), against the time each request arrived.
final class ShipmentsBenchReceiver: Sendable {
    /// One request as it arrived.
    struct Arrival: Sendable {
        /// The subscriber number in the path (`/hook/<n>`).
        var subscriber: Int
        /// When the whole request had been read (``HTTPLoadClock`` nanoseconds), and the wall clock then (for the
        /// signature's timestamp check).
        var arrival: UInt64
        var wallClock: Date
        var webhookID: String?
        var timestamp: String?
        var signature: String?
        var eventType: String?
        var body: [UInt8]
    }

    /// The path of subscriber `number`.
    static func path(subscriber number: Int) -> String {
        "/hook/\(number)"
    }

    /// The longest body kept; a webhook body is an event envelope of well under a kilobyte.
    static let maximumBody = 1 << 20

    let port: Int
    private let store: Store
    private let group: ServiceGroup
    private let running: Task<Void, Never>

    private init(port: Int, store: Store, group: ServiceGroup, running: Task<Void, Never>) {
        self.port = port
        self.store = store
        self.group = group
        self.running = running
    }

    /// Requests received so far.
    var count: Int { store.arrivals.withLock { $0.count } }

    /// Every request received so far, in arrival order.
    func snapshot() -> [Arrival] {
        store.arrivals.withLock { $0 }
    }

    /// Starts the receiver on 127.0.0.1 with a free port and returns once it listens.
    static func start(logger: Logger) async throws(BenchError) -> ShipmentsBenchReceiver {
        let store = Store()
        let router = Router()
        router.post("hook/:subscriber") { request, context -> Response in
            let body = try await request.body.collect(upTo: maximumBody)
            let arrival = HTTPLoadClock.now()
            var webhookID: String?
            var timestamp: String?
            var signature: String?
            var eventType: String?
            for field in request.headers {
                switch field.name.canonicalName {
                case "webhook-id": webhookID = field.value
                case "webhook-timestamp": timestamp = field.value
                case "webhook-signature": signature = field.value
                case "webhook-event-type": eventType = field.value
                default: break
                }
            }
            store.append(Arrival(
                subscriber: Int(context.parameters.get("subscriber") ?? "") ?? -1, arrival: arrival, wallClock: Date(),
                webhookID: webhookID, timestamp: timestamp, signature: signature, eventType: eventType, body: Array(body.readableBytesView)
            ))
            return Response(status: .ok)
        }

        let bound = ConstantRoutePort()
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port {
                    bound.fulfill(port)
                } else {
                    bound.fail(BenchError("the webhook receiver is running but reports no local port"))
                }
            },
            logger: logger
        )
        // A group of its own, without signal handlers: the benchmark decides when it ends.
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let running = Task {
            do {
                try await group.run()
                bound.fail(BenchError("the webhook receiver stopped before it listened"))
            } catch {
                bound.fail(BenchError("the webhook receiver could not start on 127.0.0.1: \(error)"))
            }
        }
        do {
            let port = try await bound.value()
            return ShipmentsBenchReceiver(port: port, store: store, group: group, running: running)
        } catch {
            await group.triggerGracefulShutdown()
            await running.value
            throw error
        }
    }

    /// Shuts the server down gracefully and waits until it has stopped.
    func stop() async {
        await group.triggerGracefulShutdown()
        await running.value
    }

    /// The arrivals, shared by the route handler and the receiver.
    private final class Store: Sendable {
        let arrivals = Mutex<[Arrival]>([])

        func append(_ arrival: Arrival) {
            arrivals.withLock { $0.append(arrival) }
        }
    }
}
