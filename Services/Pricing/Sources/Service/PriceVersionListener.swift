import Contracts
import Logging
import Messaging
import Outbox
import ServiceLifecycle

/// Hears `pricing.price-version.published.v1` on a queue of this instance's own, so every instance — not just
/// the one that consumes from the shared inbox — reloads its snapshot when any instance imports.
///
/// The queue is exclusive and auto-deleted (`pricing.snapshot.<instance>`): it exists while this process is
/// connected, and a missed event only delays the reload until the refresher's next periodic check.
public struct PriceVersionListener: Service {
    public let configuration: AMQPConfiguration
    public let exchange: String
    public let queue: String
    public let wake: WakeSignal
    public let subscription: PriceVersionSubscription
    public let logger: Logger

    public init(
        configuration: AMQPConfiguration, exchange: String, instance: String, wake: WakeSignal,
        subscription: PriceVersionSubscription = PriceVersionSubscription(), logger: Logger
    ) {
        var configuration = configuration
        configuration.connectionName = "pricing-snapshot-\(instance)"
        self.configuration = configuration
        self.exchange = exchange
        self.queue = "pricing.snapshot.\(instance)"
        self.wake = wake
        self.subscription = subscription
        self.logger = logger
    }

    public var topology: Topology {
        ServiceTopology.shared(exchange: exchange).merging(Topology(
            queues: [QueueDeclaration(name: queue, durable: false, exclusive: true, autoDelete: true)],
            bindings: [QueueBinding(queue: queue, exchange: exchange, routingKey: PriceVersionPublished.eventType.routingKey)]
        ))
    }

    public func run() async throws {
        let connection = try AMQPConnection(configuration: configuration, logger: logger)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await connection.waitUntilConnected(timeout: .seconds(30))
                    try await connection.declare(topology)
                    let consumer = try await connection.consume(queue: queue, prefetch: 16)
                    subscription.set(true)
                    // Whatever was imported before the queue existed: look once now.
                    wake.signal()
                    defer { subscription.set(false) }
                    for try await delivery in consumer {
                        delivery.ack()
                        wake.signal()
                    }
                } catch is CancellationError {
                    break
                } catch {
                    guard !Task.isCancelled else { break }
                    logger.warning("price version listener interrupted; retrying (the periodic refresh covers the gap)", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
        await connection.close()
    }
}
