import Foundation
import Logging
import Synchronization

/// Receives PostgreSQL `NOTIFY`s on a session of its own, running on a dedicated thread.
///
/// The thread waits on the connection's socket with `poll()` (short timeout, so it notices ``close()`` promptly),
/// reads with `PQconsumeInput` and collects `PQnotifies`. When the connection drops it reconnects with backoff,
/// listens again and yields ``Event/reconnected``: notifications sent in between are lost, so a consumer that uses
/// them as wake-up hints (the outbox relay) should treat it as "look for work now".
///
/// ```swift
/// let listener = try await PostgresNotificationListener.start(configuration: configuration, channels: ["orders_outbox"])
/// for await event in listener.events {
///     switch event {
///     case .notification(let notification): print(notification.payload)
///     case .reconnected: print("may have missed notifications")
///     }
/// }
/// ```
public final class PostgresNotificationListener: Sendable {
    /// What the listener yields.
    public enum Event: Sendable, Hashable {
        /// A notification on one of the channels.
        case notification(PostgresNotification)
        /// The connection was lost and is listening again; notifications sent meanwhile were missed.
        case reconnected
    }

    /// The channels listened on, used verbatim (quoted), so `pg_notify('orders_outbox', …)` reaches
    /// `orders_outbox`. Note that an unquoted `NOTIFY Orders` is folded to lower case by the server.
    public let channels: [String]
    /// Notifications and reconnections, in arrival order, until ``close()``. Iterate it from one task only.
    /// Buffered without bound: consume it steadily.
    public let events: AsyncStream<Event>

    private let control: Control

    /// State shared between the listener thread and callers.
    private final class Control: Sendable {
        let stopRequested = Atomic<Bool>(false)
        let backendPID = Atomic<Int32>(0)
        let exit = Mutex<(exited: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

        func markExited() {
            let waiters = self.exit.withLock { exit in
                exit.exited = true
                defer { exit.waiters.removeAll() }
                return exit.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    private init(channels: [String], events: AsyncStream<Event>, control: Control) {
        self.channels = channels
        self.events = events
        self.control = control
    }

    /// Opens the listening session and returns once `LISTEN` is in effect on every channel, so a `NOTIFY` sent
    /// after this returns is delivered.
    /// - Throws: ``PostgresError`` when the first connection or `LISTEN` fails (later failures are retried).
    public static func start(
        configuration: PostgresConfiguration,
        channels: [String],
        logger: Logger = Logger(label: "wholesail.persistence.listener")
    ) async throws(PostgresError) -> PostgresNotificationListener {
        let control = Control()
        let (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
        continuation.onTermination = { _ in control.stopRequested.store(true, ordering: .relaxed) }
        let started = await withCheckedContinuation { (started: CheckedContinuation<Result<Void, PostgresError>, Never>) in
            let thread = Thread {
                Self.run(
                    configuration: configuration,
                    channels: channels,
                    logger: logger,
                    control: control,
                    continuation: continuation,
                    started: { started.resume(returning: $0) }
                )
            }
            thread.name = "libpq-listen"
            thread.stackSize = 1 << 20
            thread.start()
        }
        try started.get()
        return PostgresNotificationListener(channels: channels, events: events, control: control)
    }

    /// The server process of the current listening session (changes after a reconnection).
    public var backendPID: Int32 {
        self.control.backendPID.load(ordering: .relaxed)
    }

    /// Stops listening, closes the session and finishes ``events``. Returns once the thread has ended.
    public func close() async {
        self.control.stopRequested.store(true, ordering: .relaxed)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let exited = self.control.exit.withLock { exit -> Bool in
                if exit.exited { return true }
                exit.waiters.append(continuation)
                return false
            }
            if exited { continuation.resume() }
        }
    }

    /// The listener thread's loop.
    private static func run(
        configuration: PostgresConfiguration,
        channels: [String],
        logger: Logger,
        control: Control,
        continuation: AsyncStream<Event>.Continuation,
        started: (Result<Void, PostgresError>) -> Void
    ) {
        var session: LibPQSession?
        var isFirstConnection = true
        var consecutiveFailures = 0
        let listenScript = channels.map { "LISTEN \"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }
            .joined(separator: "; ")

        while !control.stopRequested.load(ordering: .relaxed) {
            guard let current = session else {
                let opened = LibPQSession.open(configuration, logger: logger).flatMap { newSession in
                    (channels.isEmpty ? .success(0) : newSession.executeScript(listenScript)).map { _ in newSession }
                }
                switch opened {
                case .success(let newSession):
                    session = newSession
                    control.backendPID.store(newSession.backendPID, ordering: .relaxed)
                    consecutiveFailures = 0
                    if isFirstConnection {
                        isFirstConnection = false
                        started(.success(()))
                    } else {
                        logger.info("PostgreSQL notification listener reconnected", metadata: ["channels": "\(channels)"])
                        continuation.yield(.reconnected)
                    }
                    // Notifications that arrived while LISTEN ran are already buffered by libpq.
                    for notification in newSession.takeNotifications() {
                        continuation.yield(.notification(notification))
                    }
                case .failure(let error):
                    if isFirstConnection {
                        started(.failure(error))
                        continuation.finish()
                        control.markExited()
                        return
                    }
                    consecutiveFailures += 1
                    logger.warning(
                        "PostgreSQL notification listener could not reconnect",
                        metadata: ["error": "\(error.message)", "consecutive_failures": "\(consecutiveFailures)"]
                    )
                    let base = 100 << min(consecutiveFailures - 1, 5)  // 100 ms … 3.2 s
                    Self.sleep(milliseconds: base + Int.random(in: 0...(base / 4)), unless: control)
                }
                continue
            }

            guard LibPQSession.isReadable(current.socketDescriptor, timeoutMilliseconds: 100) else { continue }
            let alive = current.consumeInput()
            for notification in current.takeNotifications() {
                continuation.yield(.notification(notification))
            }
            if !alive {
                logger.warning("PostgreSQL notification listener lost its connection; reconnecting")
                current.finish()
                session = nil
            }
        }
        session?.finish()
        continuation.finish()
        control.markExited()
    }

    /// Sleeps on the listener's own thread in short slices, returning early when a stop is requested.
    private static func sleep(milliseconds: Int, unless control: Control) {
        var remaining = milliseconds
        while remaining > 0 && !control.stopRequested.load(ordering: .relaxed) {
            let slice = min(remaining, 50)
            Thread.sleep(forTimeInterval: Double(slice) / 1000)
            remaining -= slice
        }
    }
}
