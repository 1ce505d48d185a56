import CRabbitMQ
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One rabbitmq-c connection, confined to its own thread.
///
/// rabbitmq-c is blocking and a connection must never be used from two threads, so every call
/// into the library happens on the engine's thread. Other threads hand it closures through a
/// command queue and wake it through a pipe; the thread multiplexes that pipe and the socket
/// with `poll`, reads frames without blocking, services heartbeats (the library only sends them
/// from inside its own calls), tracks publisher confirms, assembles deliveries, and reconnects
/// with backoff when the socket dies. Swift's cooperative pool never blocks on the broker.
///
/// Every stored property below `shared` is touched only by the engine thread.
final class ConnectionEngine: @unchecked Sendable {
    typealias Command = @Sendable (ConnectionEngine) -> Void

    /// An acknowledgement waiting to be sent; kept apart from commands because there is one per
    /// consumed message (no closure to allocate) and they are sent before the commands queued with them.
    private struct Settlement {
        var deliveryTag: UInt64
        var outcome: DeliveryAcknowledger.Outcome
        var generation: UInt64
    }

    private struct Shared {
        var commands: [Command] = []
        var settlements: [Settlement] = []
        var wakeRequested = false
        var connected = false
        /// No more commands are accepted: the thread has finished.
        var finished = false
        var connectionWaiters: [UInt64: CheckedContinuation<Result<Void, AMQPError>, Never>] = [:]
        var nextWaiterID: UInt64 = 0
        var lastConnectionError: AMQPError?
    }

    let configuration: AMQPConfiguration
    let logger: Logger
    private let shared = Mutex(Shared())
    private let wakeReader: Int32
    private let wakeWriter: Int32

    fileprivate static let channel: amqp_channel_t = 1
    private static let statusOK: Int32 = 0
    private static let statusTimeout: Int32 = -0x000D

    // MARK: Engine-thread state

    private var connection: amqp_connection_state_t?
    /// Incremented per successful connect; deliveries remember theirs so stale acks are dropped.
    private var generation: UInt64 = 0
    /// Deliveries of the current connection not yet settled (thread-confined).
    private var unsettled = UnsettledDeliveries()
    private var confirms = PublisherConfirmTracker<PublishCompletion>()
    private var consumers: [String: ConsumerRegistration] = [:]
    fileprivate var declaredTopology = Topology()
    private var incoming: IncomingContent?
    private var closing = false
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []
    private var failedConnectAttempts = 0

    init(configuration: AMQPConfiguration, logger: Logger) throws(AMQPError) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "amqp.connection"] = "\(configuration.connectionName)"
        self.logger = logger
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw AMQPError(.connectionFailed, "cannot create the wake-up pipe: errno \(errno)")
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        wakeReader = descriptors[0]
        wakeWriter = descriptors[1]
    }

    /// Starts the connection thread; it connects, and keeps reconnecting until closed.
    func start() {
        let thread = Thread { [self] in
            run()
        }
        thread.name = "amqp:\(configuration.connectionName)"
        thread.start()
    }

    // MARK: API for other threads

    var isConnected: Bool {
        shared.withLock { $0.connected }
    }

    /// Queues `command` for the engine thread; false when the engine has finished.
    @discardableResult
    func enqueue(_ command: @escaping Command) -> Bool {
        shared.withLock { state in
            guard !state.finished else { return false }
            state.commands.append(command)
            wakeUp(&state)
            return true
        }
    }

    /// Wakes the engine thread once per batch of work. Called under the lock, which is also held when ``finish()``
    /// closes the pipe: a write after the close would land on whatever socket reused the descriptor number (it once
    /// put a byte in front of an HTTP request elsewhere in the process).
    private func wakeUp(_ state: inout Shared) {
        guard !state.wakeRequested else { return }
        state.wakeRequested = true
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    func publish(_ message: OutgoingMessage) async -> Result<Void, AMQPError> {
        await withUnsafeContinuation { continuation in
            let accepted = enqueue { engine in
                engine.publishOnThread([message], completion: .single(continuation))
            }
            if !accepted {
                continuation.resume(returning: .failure(AMQPError(.closed, "the connection was closed")))
            }
        }
    }

    func publish(batch messages: [OutgoingMessage]) async -> [Result<Void, AMQPError>] {
        guard !messages.isEmpty else { return [] }
        return await withUnsafeContinuation { continuation in
            let accepted = enqueue { engine in
                let collector = BatchCollector(count: messages.count, continuation: continuation)
                engine.publishOnThread(messages, completion: .batch(collector, 0))
            }
            if !accepted {
                continuation.resume(returning: messages.map { _ in .failure(AMQPError(.closed, "the connection was closed")) })
            }
        }
    }

    func declare(_ topology: Topology) async -> Result<Void, AMQPError> {
        await perform { engine in engine.declareOnThread(topology) }
    }

    func consume(queue: String, prefetch: UInt16) async -> Result<AMQPConsumer, AMQPError> {
        let tag = "\(configuration.connectionName).\(queue).\(UUID().uuidString.prefix(8).lowercased())"
        let (stream, continuation) = AsyncThrowingStream<Delivery, any Error>.makeStream()
        let registration = ConsumerRegistration(tag: tag, queue: queue, prefetch: prefetch, continuation: continuation)
        let result: Result<Void, AMQPError> = await perform { engine in engine.consumeOnThread(registration) }
        switch result {
        case .success:
            return .success(AMQPConsumer(queue: queue, consumerTag: tag, stream: stream, engine: self))
        case .failure(let error):
            continuation.finish(throwing: error)
            return .failure(error)
        }
    }

    func cancelConsumer(tag: String) async {
        let _: Result<Void, AMQPError> = await perform { engine in
            engine.cancelConsumerOnThread(tag: tag)
            return .success(())
        }
    }

    func get(queue: String) async -> Result<Delivery?, AMQPError> {
        await perform { engine in engine.getOnThread(queue: queue) }
    }

    func purge(queue: String) async -> Result<UInt32, AMQPError> {
        await perform { engine in engine.purgeOnThread(queue: queue) }
    }

    func deleteQueue(_ queue: String) async -> Result<Void, AMQPError> {
        await perform { engine in engine.deleteQueueOnThread(queue) }
    }

    func deleteExchange(_ exchange: String) async -> Result<Void, AMQPError> {
        await perform { engine in engine.deleteExchangeOnThread(exchange) }
    }

    func settle(deliveryTag: UInt64, outcome: DeliveryAcknowledger.Outcome, generation: UInt64) {
        shared.withLock { state in
            guard !state.finished else { return }
            state.settlements.append(Settlement(deliveryTag: deliveryTag, outcome: outcome, generation: generation))
            wakeUp(&state)
        }
    }

    func waitUntilConnected(timeout: Duration) async -> Result<Void, AMQPError> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, AMQPError>, Never>) in
            let outcome: (immediate: Result<Void, AMQPError>?, id: UInt64) = shared.withLock { state in
                if state.connected { return (.success(()), 0) }
                if state.finished { return (.failure(AMQPError(.closed, "the connection was closed")), 0) }
                state.nextWaiterID += 1
                state.connectionWaiters[state.nextWaiterID] = continuation
                return (nil, state.nextWaiterID)
            }
            if let immediate = outcome.immediate {
                continuation.resume(returning: immediate)
                return
            }
            let waiterID = outcome.id
            Task { [self] in
                try? await Task.sleep(for: timeout)
                let expired = shared.withLock { state in
                    (state.connectionWaiters.removeValue(forKey: waiterID), state.lastConnectionError)
                }
                if let waiter = expired.0 {
                    let reason = expired.1.map { "\($0)" } ?? "no connection yet"
                    waiter.resume(returning: .failure(AMQPError(
                        .connectionFailed,
                        "not connected to \(configuration.redactedURL) within \(timeout): \(reason)"
                    )))
                }
            }
        }
    }

    /// Closes gracefully: cancels consumers, waits briefly for outstanding confirms, closes the socket.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = enqueue { engine in
                engine.closing = true
                engine.closeWaiters.append(continuation)
            }
            if !accepted {
                continuation.resume()
            }
        }
    }

    /// Starts a graceful close without waiting for it (used when the owner goes away).
    func requestClose() {
        enqueue { engine in engine.closing = true }
    }

    /// Runs `body` on the engine thread and returns its result.
    private func perform<T: Sendable>(_ body: @escaping @Sendable (ConnectionEngine) -> Result<T, AMQPError>) async -> Result<T, AMQPError> {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, AMQPError>, Never>) in
            let accepted = enqueue { engine in
                continuation.resume(returning: body(engine))
            }
            if !accepted {
                continuation.resume(returning: .failure(AMQPError(.closed, "the connection was closed")))
            }
        }
    }

    // MARK: The thread

    private func run() {
        while true {
            if connection == nil {
                if closing { break }
                do {
                    try open()
                } catch {
                    handleConnectFailure(error)
                    continue
                }
            }
            serve()
        }
        finish()
    }

    private func handleConnectFailure(_ error: AMQPError) {
        failedConnectAttempts += 1
        shared.withLock { $0.lastConnectionError = error }
        let delay = reconnectDelay(attempt: failedConnectAttempts)
        if failedConnectAttempts == 1 || failedConnectAttempts % 10 == 0 {
            logger.warning("cannot connect to RabbitMQ, retrying", metadata: [
                "error": "\(error)", "attempt": "\(failedConnectAttempts)", "retry_in": "\(delay)",
            ])
        }
        waitServingCommands(for: delay)
    }

    /// Exponential backoff with jitter: half the delay fixed, half random, so reconnecting clients spread out.
    private func reconnectDelay(attempt: Int) -> Duration {
        let initial = configuration.reconnectInitialDelay.milliseconds
        let maximum = configuration.reconnectMaximumDelay.milliseconds
        let exponent = min(attempt - 1, 20)
        let ceiling = min(maximum, initial << exponent)
        let half = ceiling / 2
        return .milliseconds(half + Int64.random(in: 0...max(half, 0)))
    }

    /// While disconnected: keep executing commands (they fail fast) until `delay` passes or a close is requested.
    private func waitServingCommands(for delay: Duration) {
        let deadline = ContinuousClock.now + delay
        while !closing {
            runCommands()
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining <= .zero || closing { return }
            waitForActivity(socket: nil, timeoutMilliseconds: Int32(clamping: max(1, remaining.milliseconds)))
        }
    }

    private func serve() {
        while connection != nil {
            runCommands()
            guard connection != nil else { return }
            if closing {
                closeGracefully()
                return
            }
            readAvailableFrames()
            guard let connection else { return }
            let pollMilliseconds = Int32(clamping: min(1000, max(50, configuration.heartbeat.milliseconds / 2)))
            waitForActivity(socket: amqp_get_sockfd(connection), timeoutMilliseconds: pollMilliseconds)
            readAvailableFrames()
        }
    }

    private func runCommands() {
        let (settlements, commands) = shared.withLock { state -> ([Settlement], [Command]) in
            state.wakeRequested = false
            var settlements: [Settlement] = []
            var commands: [Command] = []
            swap(&settlements, &state.settlements)
            swap(&commands, &state.commands)
            return (settlements, commands)
        }
        settleOnThread(settlements)
        for command in commands {
            command(self)
        }
    }

    private func waitForActivity(socket: Int32?, timeoutMilliseconds: Int32) {
        var descriptors = [pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0)]
        if let socket, socket >= 0 {
            descriptors.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0))
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        if ready > 0, descriptors[0].revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            while read(wakeReader, &buffer, buffer.count) > 0 {}
        }
    }

    private func finish() {
        let remaining = shared.withLock { state -> [Command] in
            state.finished = true
            state.connected = false
            let commands = state.commands
            state.commands = []
            return commands
        }
        // Accepted commands still run, so each caller gets its answer (they fail: no connection).
        for command in remaining {
            command(self)
        }
        let waiters = shared.withLock { state in
            let waiters = state.connectionWaiters.values
            state.connectionWaiters = [:]
            return Array(waiters)
        }
        for waiter in waiters {
            waiter.resume(returning: .failure(AMQPError(.closed, "the connection was closed")))
        }
        for registration in consumers.values {
            registration.continuation.finish()
        }
        consumers = [:]
        for completion in confirms.failAll() {
            completion.complete(.failure(AMQPError(.closed, "the connection was closed before the broker confirmed")))
        }
        // Under the lock: no ``wakeUp(_:)`` can be writing (``finished`` is set, so none will again).
        shared.withLock { _ in
            _ = Glibc.close(wakeReader)
            _ = Glibc.close(wakeWriter)
        }
        for waiter in closeWaiters {
            waiter.resume()
        }
        closeWaiters = []
        logger.debug("AMQP connection closed")
    }

    // MARK: Connecting

    private func open() throws(AMQPError) {
        guard let state = amqp_new_connection() else {
            throw AMQPError(.connectionFailed, "rabbitmq-c could not allocate a connection")
        }
        do {
            try openSocketAndLogIn(state)
        } catch {
            amqp_destroy_connection(state)
            throw error
        }
        connection = state
        incoming = nil
        generation += 1
        unsettled.reset()
        do throws(AMQPError) {
            try declareOnWire(declaredTopology)
            for registration in consumers.values.sorted(by: { $0.tag < $1.tag }) {
                do throws(AMQPError) {
                    try startConsumer(registration)
                } catch {
                    if error.code == .brokerRefused {
                        consumers[registration.tag] = nil
                        registration.continuation.finish(throwing: error)
                    }
                    throw error
                }
            }
        } catch {
            // The channel is gone after a refusal; reconnect straight away without that consumer.
            if connection != nil {
                teardown(error, graceful: false)
            }
            throw error
        }
        failedConnectAttempts = 0
        let waiters = shared.withLock { state in
            state.connected = true
            state.lastConnectionError = nil
            let waiters = Array(state.connectionWaiters.values)
            state.connectionWaiters = [:]
            return waiters
        }
        for waiter in waiters {
            waiter.resume(returning: .success(()))
        }
        logger.info("connected to RabbitMQ", metadata: ["url": "\(configuration.redactedURL)", "generation": "\(generation)"])
    }

    private func openSocketAndLogIn(_ state: amqp_connection_state_t) throws(AMQPError) {
        guard let socket = amqp_tcp_socket_new(state) else {
            throw AMQPError(.connectionFailed, "rabbitmq-c could not create a TCP socket")
        }
        let (seconds, attoseconds) = configuration.connectTimeout.components
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        let status = amqp_socket_open_noblock(socket, configuration.host, Int32(configuration.port), &timeout)
        guard status == Self.statusOK else {
            throw AMQPError(.connectionFailed, "\(configuration.host):\(configuration.port): \(String(cString: amqp_error_string2(status)))")
        }
        let arena = CMemoryArena()
        let clientProperties = arena.table([
            "connection_name": .string(configuration.connectionName),
            "capabilities": .table([
                "consumer_cancel_notify": true,
                "connection.blocked": true,
                "publisher_confirms": true,
                "basic.nack": true,
            ]),
        ])
        let heartbeatSeconds = Int32(clamping: max(0, configuration.heartbeat.components.seconds))
        let login = wholesail_amqp_login_plain(
            state, configuration.virtualHost, 0, 131_072, heartbeatSeconds, clientProperties,
            configuration.username, configuration.password
        )
        if let error = CValues.replyError(login, context: "login as '\(configuration.username)' to vhost '\(configuration.virtualHost)'") {
            throw AMQPError(.connectionFailed, error.message, replyCode: error.replyCode)
        }
        amqp_channel_open(state, Self.channel)
        if let error = CValues.replyError(amqp_get_rpc_reply(state), context: "channel.open") {
            throw AMQPError(.connectionFailed, error.message, replyCode: error.replyCode)
        }
        amqp_confirm_select(state, Self.channel)
        if let error = CValues.replyError(amqp_get_rpc_reply(state), context: "confirm.select") {
            throw AMQPError(.connectionFailed, error.message, replyCode: error.replyCode)
        }
    }

    /// Drops the connection: fails every unconfirmed publish, so none silently vanishes.
    private func teardown(_ error: AMQPError, graceful: Bool) {
        guard let state = connection else { return }
        if graceful {
            amqp_channel_close(state, Self.channel, Int32(AMQP_REPLY_SUCCESS))
            amqp_connection_close(state, Int32(AMQP_REPLY_SUCCESS))
        }
        amqp_destroy_connection(state)
        connection = nil
        incoming = nil
        shared.withLock { $0.connected = false }
        let failed = confirms.failAll()
        for completion in failed {
            completion.complete(.failure(error))
        }
        if !graceful {
            logger.warning("AMQP connection lost; reconnecting", metadata: [
                "error": "\(error)", "unconfirmed_publishes_failed": "\(failed.count)",
            ])
        }
    }

    private func closeGracefully() {
        for registration in consumers.values {
            if connection != nil {
                try? rpc("basic.cancel '\(registration.queue)'") { state, arena in
                    amqp_basic_cancel(state, Self.channel, arena.bytes(registration.tag))
                }
            }
            registration.continuation.finish()
        }
        consumers = [:]
        // Give outstanding publishes a moment to be confirmed rather than failing them.
        let deadline = ContinuousClock.now + .seconds(5)
        while let connection, confirms.count > 0, ContinuousClock.now < deadline {
            waitForActivity(socket: amqp_get_sockfd(connection), timeoutMilliseconds: 100)
            readAvailableFrames()
        }
        teardown(AMQPError(.closed, "the connection was closed before the broker confirmed"), graceful: true)
    }

    // MARK: Reading frames

    private func readAvailableFrames() {
        var frame = amqp_frame_t()
        var zero = timeval(tv_sec: 0, tv_usec: 0)
        while let state = connection {
            let status = amqp_simple_wait_frame_noblock(state, &frame, &zero)
            if status == Self.statusTimeout { return }
            guard status == Self.statusOK else {
                teardown(AMQPError(.connectionLost, String(cString: amqp_error_string2(status))), graceful: false)
                return
            }
            handle(frame)
            if let state = connection {
                amqp_maybe_release_buffers_on_channel(state, frame.channel)
            }
        }
    }

    private func handle(_ frame: amqp_frame_t) {
        switch frame.frame_type {
        case 1:  // AMQP_FRAME_METHOD
            handleMethod(frame.payload.method, channel: frame.channel)
        case 2:  // AMQP_FRAME_HEADER
            guard var content = incoming else { return }
            if let decoded = frame.payload.properties.decoded {
                content.properties = CValues.properties(decoded.assumingMemoryBound(to: amqp_basic_properties_t.self).pointee)
            }
            content.bodySize = Int(frame.payload.properties.body_size)
            content.body.reserveCapacity(content.bodySize)
            incoming = content
            if content.bodySize == 0 { completeIncoming() }
        case 3:  // AMQP_FRAME_BODY
            guard incoming != nil else { return }
            let fragment = frame.payload.body_fragment
            if fragment.len > 0, let base = fragment.bytes {
                incoming?.body.append(contentsOf: UnsafeRawBufferPointer(start: base, count: fragment.len))
            }
            if let content = incoming, content.body.count >= content.bodySize { completeIncoming() }
        default:
            return
        }
    }

    private func handleMethod(_ method: amqp_method_t, channel: amqp_channel_t) {
        guard let decoded = method.decoded else { return }
        switch method.id {
        case AMQPMethod.basicAck:
            let ack = decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            for (completion, result) in confirms.acknowledge(tag: ack.delivery_tag, multiple: ack.multiple != 0) {
                completion.complete(result)
            }
        case AMQPMethod.basicNack:
            let nack = decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            for (completion, result) in confirms.negativeAcknowledge(tag: nack.delivery_tag, multiple: nack.multiple != 0) {
                completion.complete(result)
            }
        case AMQPMethod.basicDeliver:
            let deliver = decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            incoming = IncomingContent(kind: .delivery(
                consumerTag: CValues.string(deliver.consumer_tag),
                deliveryTag: deliver.delivery_tag,
                redelivered: deliver.redelivered != 0,
                exchange: CValues.string(deliver.exchange),
                routingKey: CValues.string(deliver.routing_key)
            ))
        case AMQPMethod.basicReturn:
            let returned = decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            incoming = IncomingContent(kind: .returned(
                replyCode: returned.reply_code,
                replyText: CValues.string(returned.reply_text),
                routingKey: CValues.string(returned.routing_key)
            ))
        case AMQPMethod.basicCancel:
            let cancel = decoded.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee
            let tag = CValues.string(cancel.consumer_tag)
            if let registration = consumers.removeValue(forKey: tag) {
                logger.warning("the broker cancelled a consumer", metadata: ["queue": "\(registration.queue)"])
                registration.continuation.finish(throwing: AMQPError(
                    .brokerRefused, "the broker cancelled the consumer of queue '\(registration.queue)' (was it deleted?)"
                ))
            }
        case AMQPMethod.channelClose:
            let close = decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let error = AMQPError(.brokerRefused, "channel closed by broker: \(CValues.string(close.reply_text))", replyCode: close.reply_code)
            sendCloseOk(channel: channel, method: AMQPMethod.channelCloseOk)
            teardown(error, graceful: false)
        case AMQPMethod.connectionClose:
            let close = decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            let error = AMQPError(.connectionLost, "connection closed by broker: \(CValues.string(close.reply_text))", replyCode: close.reply_code)
            sendCloseOk(channel: 0, method: AMQPMethod.connectionCloseOk)
            teardown(error, graceful: false)
        case AMQPMethod.connectionBlocked:
            logger.warning("RabbitMQ blocked this connection (resource alarm); publishing waits")
        case AMQPMethod.connectionUnblocked:
            logger.info("RabbitMQ unblocked this connection")
        default:
            return
        }
    }

    private func sendCloseOk(channel: amqp_channel_t, method: amqp_method_number_t) {
        guard let connection else { return }
        var empty: Int32 = 0
        _ = amqp_send_method(connection, channel, method, &empty)
    }

    private func completeIncoming() {
        guard let content = incoming else { return }
        incoming = nil
        switch content.kind {
        case let .delivery(consumerTag, deliveryTag, redelivered, exchange, routingKey):
            guard let registration = consumers[consumerTag] else {
                // A delivery racing a cancel: hand it straight back so another consumer gets it.
                if let connection {
                    if amqp_basic_reject(connection, Self.channel, deliveryTag, 1) != Self.statusOK {
                        teardown(AMQPError(.connectionLost, "could not return a delivery for a cancelled consumer"), graceful: false)
                    }
                }
                return
            }
            let result = registration.continuation.yield(Delivery(
                body: content.body,
                properties: content.properties,
                exchange: exchange,
                routingKey: routingKey,
                redelivered: redelivered,
                deliveryTag: deliveryTag,
                consumerTag: consumerTag,
                acknowledger: DeliveryAcknowledger(engine: self, generation: generation)
            ))
            // Only a delivery a consumer will see can be settled; one its stream dropped stays with the broker
            // (requeued when the connection closes) and must not hold back the acknowledgements after it.
            if case .enqueued = result { unsettled.delivered(deliveryTag) }
        case let .returned(replyCode, replyText, routingKey):
            confirms.noteReturned(messageID: content.properties.messageID, replyCode: replyCode, replyText: replyText, routingKey: routingKey)
        }
    }

    // MARK: Commands on the thread

    private func publishOnThread(_ messages: [OutgoingMessage], completion: PublishCompletion) {
        for (index, message) in messages.enumerated() {
            let messageCompletion = completion.forIndex(index)
            guard let connection, !closing else {
                let error = closing
                    ? AMQPError(.closed, "the connection is closing")
                    : AMQPError(.notConnected, "reconnecting to \(configuration.redactedURL)")
                messageCompletion.complete(.failure(error))
                continue
            }
            let arena = CMemoryArena()
            var properties = arena.properties(message.properties)
            let exchange = arena.bytes(message.exchange)
            let routingKey = arena.bytes(message.routingKey)
            _ = confirms.register(messageID: message.properties.messageID, token: messageCompletion)
            let status = message.body.withUnsafeBytes { body in
                amqp_basic_publish(
                    connection, Self.channel, exchange, routingKey, message.mandatory ? 1 : 0, 0, &properties,
                    amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress))
                )
            }
            if status != Self.statusOK {
                teardown(AMQPError(.connectionLost, "publish failed: \(String(cString: amqp_error_string2(status)))"), graceful: false)
            }
        }
    }

    private func settleOnThread(_ settlements: [Settlement]) {
        guard let connection, !settlements.isEmpty else { return }
        // An ack for a delivery from an earlier connection must not reach the new one: the tag is meaningless there.
        let current = settlements.compactMap { settlement -> (tag: UInt64, outcome: UnsettledDeliveries.Outcome)? in
            guard settlement.generation == self.generation else { return nil }
            switch settlement.outcome {
            case .ack: return (settlement.deliveryTag, .ack)
            case .requeue: return (settlement.deliveryTag, .requeue)
            case .discard: return (settlement.deliveryTag, .discard)
            }
        }
        for frame in unsettled.frames(for: current) {
            let status: Int32
            switch frame {
            case .ack(let tag, let multiple): status = amqp_basic_ack(connection, Self.channel, tag, multiple ? 1 : 0)
            case .reject(let tag, let requeue): status = amqp_basic_reject(connection, Self.channel, tag, requeue ? 1 : 0)
            }
            if status != Self.statusOK {
                teardown(AMQPError(.connectionLost, "acknowledgement failed: \(String(cString: amqp_error_string2(status)))"), graceful: false)
                return
            }
        }
    }

    private func declareOnThread(_ topology: Topology) -> Result<Void, AMQPError> {
        guard connection != nil else {
            return .failure(AMQPError(.notConnected, "cannot declare topology while reconnecting"))
        }
        do {
            try declareOnWire(topology)
            declaredTopology = declaredTopology.merging(topology)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    private func declareOnWire(_ topology: Topology) throws(AMQPError) {
        for exchange in topology.exchanges {
            try rpc("exchange.declare '\(exchange.name)'") { state, arena in
                amqp_exchange_declare(
                    state, Self.channel, arena.bytes(exchange.name), arena.bytes(exchange.kind.rawValue),
                    0, exchange.durable ? 1 : 0, 0, 0, arena.table(exchange.arguments)
                )
            }
        }
        for queue in topology.queues {
            try rpc("queue.declare '\(queue.name)'") { state, arena in
                amqp_queue_declare(
                    state, Self.channel, arena.bytes(queue.name), 0, queue.durable ? 1 : 0,
                    queue.exclusive ? 1 : 0, queue.autoDelete ? 1 : 0, arena.table(queue.arguments)
                )
            }
        }
        for binding in topology.bindings {
            try rpc("queue.bind '\(binding.queue)' to '\(binding.exchange)' with '\(binding.routingKey)'") { state, arena in
                amqp_queue_bind(
                    state, Self.channel, arena.bytes(binding.queue), arena.bytes(binding.exchange),
                    arena.bytes(binding.routingKey), amqp_empty_table
                )
            }
        }
    }

    /// Runs one synchronous rabbitmq-c RPC; a refusal closes the channel, so the connection is rebuilt.
    fileprivate func rpc<T>(_ context: String, _ call: (amqp_connection_state_t, CMemoryArena) -> T) throws(AMQPError) {
        guard let connection else {
            throw AMQPError(.notConnected, "\(context): not connected")
        }
        let arena = CMemoryArena()
        _ = call(connection, arena)
        let reply = amqp_get_rpc_reply(connection)
        if let error = CValues.replyError(reply, context: context) {
            if reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION {
                if reply.reply.id == AMQPMethod.channelClose {
                    sendCloseOk(channel: Self.channel, method: AMQPMethod.channelCloseOk)
                } else if reply.reply.id == AMQPMethod.connectionClose {
                    sendCloseOk(channel: 0, method: AMQPMethod.connectionCloseOk)
                }
            }
            teardown(error, graceful: false)
            throw error
        }
    }

    private func consumeOnThread(_ registration: ConsumerRegistration) -> Result<Void, AMQPError> {
        do {
            try startConsumer(registration)
            consumers[registration.tag] = registration
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    private func startConsumer(_ registration: ConsumerRegistration) throws(AMQPError) {
        try rpc("basic.qos \(registration.prefetch)") { state, _ in
            amqp_basic_qos(state, Self.channel, 0, registration.prefetch, 0)
        }
        try rpc("basic.consume '\(registration.queue)'") { state, arena in
            amqp_basic_consume(
                state, Self.channel, arena.bytes(registration.queue), arena.bytes(registration.tag),
                0, 0, 0, amqp_empty_table
            )
        }
    }

    private func cancelConsumerOnThread(tag: String) {
        guard let registration = consumers.removeValue(forKey: tag) else { return }
        if connection != nil {
            try? rpc("basic.cancel '\(registration.queue)'") { state, arena in
                amqp_basic_cancel(state, Self.channel, arena.bytes(tag))
            }
        }
        registration.continuation.finish()
    }

    private func getOnThread(queue: String) -> Result<Delivery?, AMQPError> {
        guard let connection else {
            return .failure(AMQPError(.notConnected, "cannot get from '\(queue)' while reconnecting"))
        }
        let arena = CMemoryArena()
        let reply = amqp_basic_get(connection, Self.channel, arena.bytes(queue), 0)
        if let error = CValues.replyError(reply, context: "basic.get '\(queue)'") {
            teardown(error, graceful: false)
            return .failure(error)
        }
        guard reply.reply.id == 0x003C_0047, let decoded = reply.reply.decoded else {  // basic.get-ok; else get-empty
            return .success(nil)
        }
        let getOk = decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
        let deliveryTag = getOk.delivery_tag
        let redelivered = getOk.redelivered != 0
        let exchange = CValues.string(getOk.exchange)
        let routingKey = CValues.string(getOk.routing_key)
        // While amqp_basic_get waited for its answer, rabbitmq-c queued every other frame it read — deliveries to this
        // channel's consumers (method, header and body: complete, since a message's frames are never interleaved on a
        // channel), confirms, heartbeats. amqp_read_message would take the first queued frame as this message's
        // header, so hand the queued frames to the consumer path first; this message's content follows on the socket.
        var queued = amqp_frame_t()
        while let state = self.connection, amqp_frames_enqueued(state) != 0 {
            let status = amqp_simple_wait_frame(state, &queued)
            guard status == Self.statusOK else {
                let error = AMQPError(.connectionLost, "reading frames queued during basic.get '\(queue)': \(String(cString: amqp_error_string2(status)))")
                teardown(error, graceful: false)
                return .failure(error)
            }
            handle(queued)
        }
        guard let connection = self.connection else {
            return .failure(AMQPError(.notConnected, "the connection closed while getting from '\(queue)'"))
        }
        var message = amqp_message_t()
        let read = amqp_read_message(connection, Self.channel, &message, 0)
        defer { amqp_destroy_message(&message) }
        if let error = CValues.replyError(read, context: "reading the message got from '\(queue)'") {
            teardown(error, graceful: false)
            return .failure(error)
        }
        unsettled.delivered(deliveryTag)
        return .success(Delivery(
            body: CValues.bytes(message.body),
            properties: CValues.properties(message.properties),
            exchange: exchange,
            routingKey: routingKey,
            redelivered: redelivered,
            deliveryTag: deliveryTag,
            consumerTag: "",
            acknowledger: DeliveryAcknowledger(engine: self, generation: generation)
        ))
    }

    private func purgeOnThread(queue: String) -> Result<UInt32, AMQPError> {
        guard let connection else {
            return .failure(AMQPError(.notConnected, "cannot purge '\(queue)' while reconnecting"))
        }
        let arena = CMemoryArena()
        let purged = amqp_queue_purge(connection, Self.channel, arena.bytes(queue))
        if let error = CValues.replyError(amqp_get_rpc_reply(connection), context: "queue.purge '\(queue)'") {
            teardown(error, graceful: false)
            return .failure(error)
        }
        return .success(purged?.pointee.message_count ?? 0)
    }

    private func deleteQueueOnThread(_ queue: String) -> Result<Void, AMQPError> {
        do {
            try rpc("queue.delete '\(queue)'") { state, arena in
                amqp_queue_delete(state, Self.channel, arena.bytes(queue), 0, 0)
            }
            declaredTopology.queues.removeAll { $0.name == queue }
            declaredTopology.bindings.removeAll { $0.queue == queue }
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}

extension ConnectionEngine {
    fileprivate func deleteExchangeOnThread(_ exchange: String) -> Result<Void, AMQPError> {
        do {
            try rpc("exchange.delete '\(exchange)'") { state, arena in
                amqp_exchange_delete(state, Self.channel, arena.bytes(exchange), 0)
            }
            declaredTopology.exchanges.removeAll { $0.name == exchange }
            declaredTopology.bindings.removeAll { $0.exchange == exchange }
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}

/// A consumer the engine restarts after every reconnect.
struct ConsumerRegistration: Sendable {
    let tag: String
    let queue: String
    let prefetch: UInt16
    let continuation: AsyncThrowingStream<Delivery, any Error>.Continuation
}

/// A delivery or returned message whose header and body frames are still arriving.
struct IncomingContent {
    enum Kind {
        case delivery(consumerTag: String, deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String)
        case returned(replyCode: UInt16, replyText: String, routingKey: String)
    }

    var kind: Kind
    var properties = MessageProperties(contentType: nil, persistent: false)
    var bodySize = 0
    var body: [UInt8] = []
}

/// Who is waiting for a publish confirm: one caller, or one slot of a batch.
enum PublishCompletion {
    case single(UnsafeContinuation<Result<Void, AMQPError>, Never>)
    case batch(BatchCollector, Int)

    func forIndex(_ index: Int) -> PublishCompletion {
        switch self {
        case .single: self
        case .batch(let collector, _): .batch(collector, index)
        }
    }

    func complete(_ result: Result<Void, AMQPError>) {
        switch self {
        case .single(let continuation): continuation.resume(returning: result)
        case .batch(let collector, let index): collector.record(result, at: index)
        }
    }
}

/// Collects the confirms of a batch; resumes its caller once all are in. Used on the engine thread only.
final class BatchCollector {
    private var results: [Result<Void, AMQPError>?]
    private var outstanding: Int
    private let continuation: UnsafeContinuation<[Result<Void, AMQPError>], Never>

    init(count: Int, continuation: UnsafeContinuation<[Result<Void, AMQPError>], Never>) {
        results = Array(repeating: nil, count: count)
        outstanding = count
        self.continuation = continuation
    }

    func record(_ result: Result<Void, AMQPError>, at index: Int) {
        guard results[index] == nil else { return }
        results[index] = result
        outstanding -= 1
        if outstanding == 0 {
            continuation.resume(returning: results.map { $0 ?? .failure(AMQPError(.connectionLost, "no confirm")) })
        }
    }
}
