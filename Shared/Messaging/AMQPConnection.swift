import Logging

/// An AMQP 0-9-1 connection to RabbitMQ that survives broker restarts.
///
/// Each connection owns one thread (rabbitmq-c is blocking and not thread-safe), one channel in
/// publisher-confirm mode, and reconnects with backoff and jitter when the socket drops,
/// re-declaring what it declared and resuming its consumers. Use separate connections for
/// publishing and consuming, so a slow consumer never delays confirms (and vice versa).
///
/// ```swift
/// let connection = try await AMQPConnection.connect(configuration: configuration, logger: logger)
/// try await connection.declare(ServiceTopology(service: "orders", bindingKeys: ["pricing.#"]).topology)
/// try await connection.publish(OutgoingMessage(exchange: "wholesail.events", routingKey: "orders.order.received.v1", body: bytes))
/// ```
public final class AMQPConnection: Sendable {
    public let configuration: AMQPConfiguration
    let engine: ConnectionEngine

    /// Starts connecting in the background and keeps reconnecting until ``close()``.
    ///
    /// Use this for long-running services (readiness reports ``isConnected``); use
    /// ``connect(configuration:logger:timeout:)`` when the caller must have a connection now.
    public init(configuration: AMQPConfiguration, logger: Logger) throws(AMQPError) {
        self.configuration = configuration
        engine = try ConnectionEngine(configuration: configuration, logger: logger)
        engine.start()
    }

    /// Connects and waits until the first connection is established, or throws after `timeout`.
    public static func connect(
        configuration: AMQPConfiguration,
        logger: Logger,
        timeout: Duration = .seconds(10)
    ) async throws(AMQPError) -> AMQPConnection {
        let connection = try AMQPConnection(configuration: configuration, logger: logger)
        do {
            try await connection.waitUntilConnected(timeout: timeout)
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    deinit {
        // Without an explicit close the thread would reconnect forever.
        engine.requestClose()
    }

    /// True while a connection to the broker is established.
    public var isConnected: Bool { engine.isConnected }

    /// Waits until connected (returns at once when already connected).
    public func waitUntilConnected(timeout: Duration) async throws(AMQPError) {
        try await engine.waitUntilConnected(timeout: timeout).get()
    }

    /// Publishes one message and returns when the broker has confirmed it.
    ///
    /// Calls may overlap: publishes are pipelined, each awaits its own confirm. Throws when the
    /// broker nacks the message, returns it as unroutable (mandatory), or the connection drops
    /// before the confirm arrived — a publish never vanishes silently.
    public func publish(_ message: OutgoingMessage) async throws(AMQPError) {
        try await engine.publish(message).get()
    }

    /// Publishes several messages in order, pipelined, and returns each one's outcome.
    public func publish(batch messages: [OutgoingMessage]) async -> [Result<Void, AMQPError>] {
        await engine.publish(batch: messages)
    }

    /// Declares exchanges, queues and bindings; they are declared again after every reconnect.
    public func declare(_ topology: Topology) async throws(AMQPError) {
        try await engine.declare(topology).get()
    }

    /// Starts consuming `queue` with manual acknowledgements and at most `prefetch` unacknowledged messages.
    public func consume(queue: String, prefetch: UInt16) async throws(AMQPError) -> AMQPConsumer {
        try await engine.consume(queue: queue, prefetch: prefetch).get()
    }

    /// Takes one message from `queue` (`basic.get`, manual ack), or nil when the queue is empty.
    public func get(queue: String) async throws(AMQPError) -> Delivery? {
        try await engine.get(queue: queue).get()
    }

    /// Removes every ready message from `queue`; returns how many.
    @discardableResult
    public func purge(queue: String) async throws(AMQPError) -> UInt32 {
        try await engine.purge(queue: queue).get()
    }

    /// Deletes `queue` and forgets it for re-declaration.
    public func deleteQueue(_ queue: String) async throws(AMQPError) {
        try await engine.deleteQueue(queue).get()
    }

    /// Deletes `exchange` and forgets it for re-declaration.
    public func deleteExchange(_ exchange: String) async throws(AMQPError) {
        try await engine.deleteExchange(exchange).get()
    }

    /// Cancels consumers, waits briefly for outstanding confirms, and closes the connection and its thread.
    public func close() async {
        await engine.close()
    }
}
