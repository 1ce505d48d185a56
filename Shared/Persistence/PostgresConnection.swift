import Logging
import Synchronization

/// One PostgreSQL session, confined to its own thread.
///
/// Every libpq call for the session runs on a dedicated OS thread (never on Swift's cooperative pool); the async
/// methods queue a job there and suspend until it finishes. Statements run one at a time in the order they were
/// called. Most code leases connections from a ``PostgresPool``; open one directly when the work needs a session of
/// its own, for example a session-level advisory lock held for the lifetime of a leader.
///
/// Statements are always parameterised (`PQexecParams`): values travel separately from the SQL text, so they can
/// never be interpreted as SQL, and a single call can never run more than one statement.
public final class PostgresConnection: Sendable {
    /// The settings the connection was opened with.
    public let configuration: PostgresConfiguration
    /// The server process serving this session (`pg_backend_pid()`), e.g. for `pg_terminate_backend` or to find the
    /// session in `pg_stat_activity`.
    public let backendPID: Int32

    let socketDescriptor: Int32
    let logger: Logger
    private let thread: PostgresConnectionThread
    private let status: Atomic<UInt8>

    enum Status: UInt8 {
        /// Usable, outside any transaction block.
        case idle = 0
        /// Usable, inside a transaction block (BEGIN without COMMIT/ROLLBACK yet, possibly failed).
        case inTransaction = 1
        /// The server connection broke; the connection can never be used again.
        case broken = 2
        /// `close()` was called.
        case closed = 3
    }

    private init(
        configuration: PostgresConfiguration,
        backendPID: Int32,
        socketDescriptor: Int32,
        thread: PostgresConnectionThread,
        logger: Logger
    ) {
        self.configuration = configuration
        self.backendPID = backendPID
        self.socketDescriptor = socketDescriptor
        self.thread = thread
        self.logger = logger
        self.status = Atomic(Status.idle.rawValue)
    }

    deinit {
        self.thread.stop()
    }

    /// Opens a session on a new dedicated thread.
    ///
    /// The session runs with `TimeZone=UTC`, `DateStyle=ISO` and `bytea_output=hex` (set in the startup packet, no
    /// extra round trip).
    /// - Throws: ``PostgresError/Code/connectionFailed`` with libpq's message when the server is unreachable or
    ///   rejects the login.
    public static func connect(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "wholesail.persistence")
    ) async throws(PostgresError) -> PostgresConnection {
        let thread = PostgresConnectionThread(name: "libpq")
        let opened = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<(Int32, Int32), PostgresError>, Never>) in
            let accepted = thread.submit { context in
                switch LibPQSession.open(configuration, logger: logger) {
                case .success(let newSession):
                    context.session = newSession
                    continuation.resume(returning: .success((newSession.backendPID, newSession.socketDescriptor)))
                case .failure(let error):
                    continuation.resume(returning: .failure(error))
                }
            }
            if !accepted {
                continuation.resume(returning: .failure(.connectionClosed("the connection thread stopped before connecting")))
            }
        }
        switch opened {
        case .success(let (backendPID, socketDescriptor)):
            var logger = logger
            logger[metadataKey: "postgres_backend_pid"] = "\(backendPID)"
            logger.debug("PostgreSQL connection opened", metadata: ["postgres_server": "\(configuration)"])
            return PostgresConnection(
                configuration: configuration,
                backendPID: backendPID,
                socketDescriptor: socketDescriptor,
                thread: thread,
                logger: logger
            )
        case .failure(let error):
            thread.stop()
            throw error
        }
    }

    /// The executor of the connection's own thread.
    ///
    /// Code that runs many statements in a row can run on that thread too, so each statement calls libpq
    /// directly instead of hopping threads twice: `withTaskExecutorPreference(connection.taskExecutor) { … }`.
    /// The pool does this for ``PostgresPool/transaction(isolation:maximumAttempts:callerIsolation:_:)`` and
    /// ``PostgresPool/withConnection(callerIsolation:_:)``. Blocking work inside such a block blocks only this
    /// connection's thread.
    public var taskExecutor: any TaskExecutor { self.thread }

    /// Whether the connection can still run statements (not closed, not broken).
    public var isUsable: Bool {
        let current = self.currentStatus
        return current == .idle || current == .inTransaction
    }

    var currentStatus: Status {
        Status(rawValue: self.status.load(ordering: .acquiring)) ?? .broken
    }

    // MARK: Statements

    /// Runs one statement with `$1`, `$2`, … bound to `parameters` and returns its rows.
    ///
    /// ```swift
    /// let rows = try await connection.query("SELECT id, name FROM customers WHERE region = $1", region)
    /// ```
    /// - Throws: ``PostgresError``: ``PostgresError/Code/server`` when PostgreSQL rejects the statement,
    ///   ``PostgresError/Code/connectionLost`` when the session broke (the connection is then unusable).
    public func query(_ sql: String, _ parameters: any PostgresEncodable...) async throws(PostgresError) -> PostgresRows {
        try await self.query(sql, parameters: parameters)
    }

    /// Runs one statement with `$1`, `$2`, … bound to `parameters` (an array of values) and returns its rows.
    public func query(_ sql: String, parameters: [any PostgresEncodable]) async throws(PostgresError) -> PostgresRows {
        let encoded = try EncodedParameters(parameters, query: sql)
        return try await self.perform(sql) { session in session.query(sql, encoded) }
    }

    /// Runs one statement and returns how many rows it inserted, updated or deleted (`PQcmdTuples`; 0 for other
    /// statements).
    public func execute(_ sql: String, _ parameters: any PostgresEncodable...) async throws(PostgresError) -> Int {
        try await self.execute(sql, parameters: parameters)
    }

    /// Runs one statement with an array of parameters and returns how many rows it affected.
    public func execute(_ sql: String, parameters: [any PostgresEncodable]) async throws(PostgresError) -> Int {
        let encoded = try EncodedParameters(parameters, query: sql)
        return try await self.perform(sql) { session in session.execute(sql, encoded) }
    }

    /// Closes the session (`PQfinish`) after the statements already queued, and ends its thread.
    /// Later calls return at once; statements called afterwards fail with ``PostgresError/Code/connectionClosed``.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            self.thread.stop { continuation.resume() }
        }
        self.status.store(Status.closed.rawValue, ordering: .releasing)
        self.logger.debug("PostgreSQL connection closed")
    }

    /// Starts closing without waiting (used by the pool for broken connections).
    func closeInBackground() {
        self.status.store(Status.closed.rawValue, ordering: .releasing)
        self.thread.stop()
    }

    // MARK: Used by transactions, the pool and migrations

    /// Runs `prelude` (BEGIN) and then the statement in one round trip (libpq pipeline mode).
    func query(
        _ sql: String,
        parameters: [any PostgresEncodable],
        after prelude: String?
    ) async throws(PostgresError) -> PostgresRows {
        guard let prelude else { return try await self.query(sql, parameters: parameters) }
        let encoded = try EncodedParameters(parameters, query: sql)
        return try await self.perform(sql) { session in session.query(sql, encoded, after: prelude) }
    }

    /// Runs `prelude` (BEGIN) and then the statement in one round trip (libpq pipeline mode).
    func execute(
        _ sql: String,
        parameters: [any PostgresEncodable],
        after prelude: String?
    ) async throws(PostgresError) -> Int {
        guard let prelude else { return try await self.execute(sql, parameters: parameters) }
        let encoded = try EncodedParameters(parameters, query: sql)
        return try await self.perform(sql) { session in session.execute(sql, encoded, after: prelude) }
    }

    /// Runs SQL without parameters over the simple query protocol: several statements allowed. Migrations and
    /// transaction control only; never pass text built from input.
    func executeScript(_ sql: String) async throws(PostgresError) -> Int {
        try await self.perform(sql) { session in session.executeScript(sql) }
    }

    /// COMMIT, telling a lost-before-COMMIT connection (``PostgresError/Code/connectionLost``, rolled back) from a
    /// lost-during-COMMIT one (``PostgresError/Code/commitOutcomeUnknown``).
    func commit() async throws(PostgresError) {
        try await self.perform("COMMIT") { session in session.commit() }
    }

    /// Whether an idle pooled connection is still alive. Cheap when nothing arrived on its socket (one `poll`
    /// with a zero timeout, no thread hop); otherwise lets the connection thread read what came (a terminated
    /// backend's FATAL message and EOF, or stray notifications) and reports whether the session survived.
    func checkAlive() async -> Bool {
        guard self.currentStatus == .idle else { return false }
        guard LibPQSession.isReadable(self.socketDescriptor, timeoutMilliseconds: 0) else { return true }
        let alive = try? await self.perform("") { session in .success(session.drainPendingInput()) }
        return alive ?? false
    }

    /// Runs `work` with the session on the connection thread: directly when already there (a transaction body
    /// running with ``taskExecutor`` as its preference), otherwise as a job the caller awaits.
    private func perform<Value: Sendable>(
        _ sql: String,
        _ work: @escaping @Sendable (LibPQSession) -> Result<Value, PostgresError>
    ) async throws(PostgresError) -> Value {
        if let result = self.thread.runIfCurrent({ context in self.run(work, in: context, sql: sql) }) {
            return try result.get()
        }
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, PostgresError>, Never>) in
            let accepted = self.thread.submit { [self] context in
                continuation.resume(returning: self.run(work, in: context, sql: sql))
            }
            if !accepted {
                continuation.resume(returning: .failure(.connectionClosed(query: sql)))
            }
        }
        return try result.get()
    }

    /// On the connection thread: runs `work` and records whether the session is still usable.
    private func run<Value>(
        _ work: (LibPQSession) -> Result<Value, PostgresError>,
        in context: PostgresConnectionThread.Context,
        sql: String
    ) -> Result<Value, PostgresError> {
        guard let session = context.session else { return .failure(.connectionClosed(query: sql)) }
        let result = work(session)
        let status: Status = session.isConnected ? (session.isIdle ? .idle : .inTransaction) : .broken
        self.status.store(status.rawValue, ordering: .releasing)
        return result
    }
}
