import Logging
import Synchronization

/// A bounded pool of ``PostgresConnection``s, each on its own thread; what services use for all database work.
///
/// - Connections open lazily, up to `maximumConnections`; callers beyond that wait in FIFO order, for at most
///   `acquireTimeout`.
/// - Health: a connection that broke (server restart, terminated backend) or was returned inside an unfinished
///   transaction is discarded, never handed out again; an idle connection is checked for a pending disconnect before
///   each lease. A replacement opens on demand, with a short jittered backoff while the server is unreachable, so
///   after a PostgreSQL restart the process recovers by itself.
/// - ``transaction(isolation:maximumAttempts:callerIsolation:_:)`` wraps BEGIN/COMMIT/ROLLBACK and retries
///   serialization failures, deadlocks and connections lost before COMMIT.
public final class PostgresPool: Sendable {
    /// A point-in-time view of the pool, for health and metrics endpoints.
    public struct Statistics: Sendable, Hashable {
        /// Connections open or being opened.
        public var open: Int
        /// Open connections waiting to be leased.
        public var idle: Int
        /// Connections currently leased.
        public var leased: Int
        /// Callers waiting for a connection.
        public var waiting: Int
        /// Connection attempts in progress.
        public var connecting: Int
    }

    /// The settings every pooled connection is opened with.
    public let configuration: PostgresConfiguration
    /// The most connections (PostgreSQL backends) this pool ever has open at once.
    public let maximumConnections: Int
    /// How long a lease may wait for a free connection before failing.
    public let acquireTimeout: Duration

    private let logger: Logger
    private let state = Mutex(State())
    private let nextWaiterID = Atomic<UInt64>(0)

    private typealias LeaseContinuation = CheckedContinuation<Result<PostgresConnection, PostgresError>, Never>

    private struct State {
        var idle: [PostgresConnection] = []
        /// Open plus connecting.
        var openCount = 0
        var connectingCount = 0
        var leasedCount = 0
        var waiters: [UInt64: LeaseContinuation] = [:]
        /// FIFO order of waiter ids; ids already served, timed out or cancelled are skipped.
        var waiterOrder: [UInt64] = []
        var waiterHead = 0
        var isClosed = false
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        var consecutiveConnectFailures = 0
        var lastConnectError: PostgresError?

        mutating func popFirstWaiter() -> LeaseContinuation? {
            while self.waiterHead < self.waiterOrder.count {
                let id = self.waiterOrder[self.waiterHead]
                self.waiterHead += 1
                if let continuation = self.waiters.removeValue(forKey: id) {
                    self.compactWaiterOrder()
                    return continuation
                }
            }
            self.compactWaiterOrder()
            return nil
        }

        mutating func compactWaiterOrder() {
            if self.waiterHead == self.waiterOrder.count {
                self.waiterOrder.removeAll(keepingCapacity: true)
                self.waiterHead = 0
            } else if self.waiterHead > 64 && self.waiterHead * 2 > self.waiterOrder.count {
                self.waiterOrder.removeFirst(self.waiterHead)
                self.waiterHead = 0
            }
        }

        /// Reserves a slot for a new connection when waiters outnumber the attempts under way; returns the delay
        /// to wait before connecting (a backoff while recent attempts failed), or `nil` for no new attempt.
        mutating func reserveConnectionAttempt(maximumConnections: Int) -> Duration? {
            guard !self.isClosed, self.openCount < maximumConnections, self.connectingCount < self.waiters.count else {
                return nil
            }
            // While the server is unreachable, probe with one attempt at a time.
            if self.consecutiveConnectFailures > 0 && self.connectingCount > 0 { return nil }
            self.openCount += 1
            self.connectingCount += 1
            guard self.consecutiveConnectFailures > 0 else { return .zero }
            let exponent = min(self.consecutiveConnectFailures - 1, 5)
            let base = 50 << exponent  // 50 ms … 1.6 s
            return .milliseconds(base + Int.random(in: 0...(base / 4)))
        }

        mutating func takeCloseWaitersIfDone() -> [CheckedContinuation<Void, Never>] {
            guard self.isClosed && self.openCount == 0 else { return [] }
            defer { self.closeWaiters.removeAll() }
            return self.closeWaiters
        }
    }

    /// - Parameters:
    ///   - maximumConnections: upper bound of open connections (at least 1); keep the sum over all service
    ///     instances below the server's `max_connections`.
    ///   - acquireTimeout: how long a lease may wait for a free connection.
    public init(
        configuration: PostgresConfiguration,
        maximumConnections: Int = 10,
        acquireTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "wholesail.persistence.pool")
    ) {
        self.configuration = configuration
        self.maximumConnections = max(1, maximumConnections)
        self.acquireTimeout = acquireTimeout
        self.logger = logger
    }

    /// The pool's current counts.
    public var statistics: Statistics {
        self.state.withLock { state in
            Statistics(
                open: state.openCount,
                idle: state.idle.count,
                leased: state.leasedCount,
                waiting: state.waiters.count,
                connecting: state.connectingCount
            )
        }
    }

    // MARK: Leasing

    /// Leases a connection for the duration of `body` and returns it afterwards (also when `body` throws).
    ///
    /// `body` runs on the connection's own thread (its ``PostgresConnection/taskExecutor``), so its statements call
    /// libpq directly instead of hopping threads. Do not let the connection escape `body`. A connection returned
    /// inside an open transaction is discarded.
    /// - Throws: ``PostgresError`` (``PostgresError/Code/poolClosed``, ``PostgresError/Code/poolAcquireTimeout``,
    ///   ``PostgresError/Code/connectionFailed`` when the server stayed unreachable for the whole acquire timeout)
    ///   or whatever `body` throws.
    public func withConnection<Value>(
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let connection = try await self.lease()
        defer { self.release(connection) }
        return try await withTaskExecutorPreference(connection.taskExecutor, isolation: callerIsolation) {
            try await body(connection)
        }
    }

    /// Runs one statement on a leased connection and returns its rows.
    public func query(_ sql: String, _ parameters: any PostgresEncodable...) async throws(PostgresError) -> PostgresRows {
        try await self.query(sql, parameters: parameters)
    }

    /// Runs one statement with an array of parameters on a leased connection and returns its rows.
    public func query(_ sql: String, parameters: [any PostgresEncodable]) async throws(PostgresError) -> PostgresRows {
        let connection = try await self.lease()
        defer { self.release(connection) }
        return try await connection.query(sql, parameters: parameters)
    }

    /// Runs one statement on a leased connection and returns how many rows it affected.
    public func execute(_ sql: String, _ parameters: any PostgresEncodable...) async throws(PostgresError) -> Int {
        try await self.execute(sql, parameters: parameters)
    }

    /// Runs one statement with an array of parameters on a leased connection and returns how many rows it affected.
    public func execute(_ sql: String, parameters: [any PostgresEncodable]) async throws(PostgresError) -> Int {
        let connection = try await self.lease()
        defer { self.release(connection) }
        return try await connection.execute(sql, parameters: parameters)
    }

    // MARK: Transactions

    /// Runs `body` inside a transaction on one leased connection: BEGIN, `body`, COMMIT; ROLLBACK and rethrow when
    /// `body` throws.
    ///
    /// **The closure may run more than once.** The whole transaction is retried, after a short jittered backoff and
    /// on a fresh lease, when PostgreSQL rolled it back for a reason a new attempt can overcome: a serialization
    /// failure (40001), a deadlock (40P01), or a connection lost before COMMIT was sent. Keep effects outside the
    /// database (HTTP calls, publishing) out of the closure, or make them idempotent. A connection lost while
    /// COMMIT was in flight throws ``PostgresError/Code/commitOutcomeUnknown`` and is never retried blindly.
    ///
    /// `body` runs on the leased connection's own thread, so a transaction costs two thread hops (in and out) however
    /// many statements it has, and `BEGIN` shares a round trip with the first statement.
    ///
    /// - Parameters:
    ///   - isolation: the isolation level (`.readCommitted` by default).
    ///   - maximumAttempts: how many times the closure may run in total (at least 1).
    /// - Returns: what `body` returned in the attempt that committed.
    public func transaction<Value>(
        isolation: PostgresTransaction.IsolationLevel = .readCommitted,
        maximumAttempts: Int = 5,
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresTransaction) async throws -> Value
    ) async throws -> Value {
        var attempt = 1
        while true {
            let connection = try await self.lease()
            let transaction = PostgresTransaction(connection: connection, isolation: isolation, attempt: attempt)
            // Run the body on the connection's own thread: its statements then call libpq directly, without a
            // thread hop per statement.
            let outcome: Result<Value, any Error> = await withTaskExecutorPreference(
                connection.taskExecutor,
                isolation: callerIsolation
            ) {
                do {
                    let value = try await body(transaction)
                    do {
                        try await transaction.commit()
                        return .success(value)
                    } catch {
                        return .failure(error)
                    }
                } catch {
                    await transaction.rollback()
                    return .failure(error)
                }
            }
            self.release(connection)
            let failure: any Error
            switch outcome {
            case .success(let value): return value
            case .failure(let error): failure = error
            }

            guard let postgresError = failure as? PostgresError, postgresError.isRetryableTransactionFailure,
                attempt < max(1, maximumAttempts)
            else { throw failure }
            self.logger.debug(
                "retrying PostgreSQL transaction",
                metadata: [
                    "attempt": "\(attempt)",
                    "postgres_error_code": "\(postgresError.code)",
                    "postgres_sqlstate": "\(postgresError.sqlState ?? "-")",
                ]
            )
            let ceiling = 5 << min(attempt, 5)  // 10 ms … 160 ms
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
            attempt += 1
        }
    }

    // MARK: Closing

    /// Stops leasing (waiters and later calls fail with ``PostgresError/Code/poolClosed``), waits until leased
    /// connections come back, and closes every connection.
    public func close() async {
        let (idle, waiters) = self.state.withLock { state -> ([PostgresConnection], [LeaseContinuation]) in
            state.isClosed = true
            let idle = state.idle
            state.idle.removeAll()
            state.openCount -= idle.count
            let waiters = Array(state.waiters.values)
            state.waiters.removeAll()
            state.waiterOrder.removeAll()
            state.waiterHead = 0
            return (idle, waiters)
        }
        for waiter in waiters {
            waiter.resume(returning: .failure(PostgresError(code: .poolClosed, message: "close() was called while waiting")))
        }
        for connection in idle {
            await connection.close()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = self.state.withLock { state -> Bool in
                if state.openCount == 0 { return true }
                state.closeWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
        self.logger.debug("PostgreSQL pool closed")
    }

    // MARK: Lease internals

    /// Leases a healthy connection: an idle one that passes ``PostgresConnection/checkAlive()``, or a new one.
    func lease() async throws(PostgresError) -> PostgresConnection {
        while true {
            let connection = try await self.leaseCandidate()
            if await connection.checkAlive() { return connection }
            self.logger.info(
                "discarding a pooled PostgreSQL connection the server closed",
                metadata: ["postgres_backend_pid": "\(connection.backendPID)"]
            )
            self.release(connection, discard: true)
        }
    }

    private func leaseCandidate() async throws(PostgresError) -> PostgresConnection {
        let immediate = self.state.withLock { state -> Result<PostgresConnection, PostgresError>? in
            if state.isClosed { return .failure(PostgresError(code: .poolClosed, message: "the pool was closed")) }
            if let connection = state.idle.popLast() {
                state.leasedCount += 1
                return .success(connection)
            }
            return nil
        }
        if let immediate { return try immediate.get() }

        let id = self.nextWaiterID.add(1, ordering: .relaxed).newValue
        var timeoutTask: Task<Void, Never>?
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: LeaseContinuation) in
                enum Registration {
                    case resolved(Result<PostgresConnection, PostgresError>)
                    case waiting(connectAfter: Duration?)
                }
                let registration = self.state.withLock { state -> Registration in
                    if state.isClosed {
                        return .resolved(.failure(PostgresError(code: .poolClosed, message: "the pool was closed")))
                    }
                    if Task.isCancelled {
                        return .resolved(.failure(PostgresError(code: .cancelled, message: "the task was cancelled")))
                    }
                    if let connection = state.idle.popLast() {
                        state.leasedCount += 1
                        return .resolved(.success(connection))
                    }
                    state.waiters[id] = continuation
                    state.waiterOrder.append(id)
                    return .waiting(connectAfter: state.reserveConnectionAttempt(maximumConnections: self.maximumConnections))
                }
                switch registration {
                case .resolved(let result):
                    continuation.resume(returning: result)
                case .waiting(let connectAfter):
                    if let connectAfter { self.openConnection(after: connectAfter) }
                    timeoutTask = Task { [self] in
                        try? await Task.sleep(for: self.acquireTimeout)
                        if !Task.isCancelled { self.timeOut(waiter: id) }
                    }
                }
            }
        } onCancel: {
            let continuation = self.state.withLock { $0.waiters.removeValue(forKey: id) }
            continuation?.resume(returning: .failure(PostgresError(code: .cancelled, message: "the task was cancelled")))
        }
        timeoutTask?.cancel()
        return try result.get()
    }

    private func timeOut(waiter id: UInt64) {
        let (continuation, error) = self.state.withLock { state -> (LeaseContinuation?, PostgresError) in
            let continuation = state.waiters.removeValue(forKey: id)
            if state.consecutiveConnectFailures > 0, let lastError = state.lastConnectError {
                var error = lastError
                error.message = "no connection could be opened within \(self.acquireTimeout): \(lastError.message)"
                return (continuation, error)
            }
            let message = "waited \(self.acquireTimeout) while all \(state.openCount) of at most \(self.maximumConnections) connections were in use"
            return (continuation, PostgresError(code: .poolAcquireTimeout, message: message))
        }
        continuation?.resume(returning: .failure(error))
    }

    /// Opens one connection in the background (its slot is already reserved) and hands it to the first waiter.
    private func openConnection(after delay: Duration) {
        Task { [self] in
            if delay > .zero {
                try? await Task.sleep(for: delay)
            }
            let result: Result<PostgresConnection, PostgresError>
            do throws(PostgresError) {
                result = .success(try await PostgresConnection.connect(configuration: self.configuration, logger: self.logger))
            } catch {
                result = .failure(error)
            }
            self.connectionAttemptFinished(result)
        }
    }

    private func connectionAttemptFinished(_ result: Result<PostgresConnection, PostgresError>) {
        var handOff: (LeaseContinuation, PostgresConnection)?
        var surplus: PostgresConnection?
        var retryAfter: Duration?
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        var failuresSoFar = 0
        self.state.withLock { state in
            state.connectingCount -= 1
            switch result {
            case .success(let connection):
                state.consecutiveConnectFailures = 0
                state.lastConnectError = nil
                if state.isClosed {
                    state.openCount -= 1
                    surplus = connection
                } else if let waiter = state.popFirstWaiter() {
                    state.leasedCount += 1
                    handOff = (waiter, connection)
                } else {
                    state.idle.append(connection)
                }
            case .failure(let error):
                state.openCount -= 1
                state.consecutiveConnectFailures += 1
                failuresSoFar = state.consecutiveConnectFailures
                state.lastConnectError = error
                retryAfter = state.reserveConnectionAttempt(maximumConnections: self.maximumConnections)
            }
            closeWaiters = state.takeCloseWaitersIfDone()
        }
        if case .failure(let error) = result {
            self.logger.warning(
                "could not open a PostgreSQL connection",
                metadata: ["error": "\(error.message)", "consecutive_failures": "\(failuresSoFar)"]
            )
        }
        if let (waiter, connection) = handOff {
            waiter.resume(returning: .success(connection))
        }
        surplus?.closeInBackground()
        if let retryAfter { self.openConnection(after: retryAfter) }
        for waiter in closeWaiters { waiter.resume() }
    }

    /// Returns a leased connection: to the first waiter, to the idle list, or, when it is broken or still inside a
    /// transaction, to the bin (its slot then opens a replacement if someone is waiting).
    func release(_ connection: PostgresConnection, discard forceDiscard: Bool = false) {
        let status = connection.currentStatus
        var handOff: LeaseContinuation?
        var discard = false
        var connectAfter: Duration?
        var closeWaiters: [CheckedContinuation<Void, Never>] = []
        self.state.withLock { state in
            state.leasedCount -= 1
            if forceDiscard || status != .idle || state.isClosed {
                state.openCount -= 1
                discard = true
                connectAfter = state.reserveConnectionAttempt(maximumConnections: self.maximumConnections)
            } else if let waiter = state.popFirstWaiter() {
                state.leasedCount += 1
                handOff = waiter
            } else {
                state.idle.append(connection)
            }
            closeWaiters = state.takeCloseWaitersIfDone()
        }
        if discard {
            if status == .inTransaction {
                self.logger.warning(
                    "discarding a PostgreSQL connection returned inside an unfinished transaction",
                    metadata: ["postgres_backend_pid": "\(connection.backendPID)"]
                )
            }
            connection.closeInBackground()
        }
        handOff?.resume(returning: .success(connection))
        if let connectAfter { self.openConnection(after: connectAfter) }
        for waiter in closeWaiters { waiter.resume() }
    }
}
