/// Every failure the Persistence module reports: connecting, running statements, decoding rows, leasing from the pool.
///
/// Modelled on postgres-nio's `PSQLError`: a stable ``Code`` to branch on, the server's error fields when PostgreSQL
/// reported the failure, and a ``description`` that says what went wrong and what to do about it.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. A struct with static members (not an enum) so new codes can be added later
    /// without breaking exhaustive `switch` statements in callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: Sendable, Hashable {
            case invalidConfiguration
            case connectionFailed
            case connectionLost
            case connectionClosed
            case server
            case invalidParameter
            case decodingFailed
            case transactionAborted
            case commitOutcomeUnknown
            case unsupportedResult
            case poolClosed
            case poolAcquireTimeout
            case cancelled
        }

        let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The configuration (usually the database URL) is malformed.
        public static let invalidConfiguration = Self(.invalidConfiguration)
        /// A new connection could not be established (server down, wrong credentials, unknown database).
        public static let connectionFailed = Self(.connectionFailed)
        /// An established connection broke while in use (server restarted, backend terminated, network failure).
        public static let connectionLost = Self(.connectionLost)
        /// The connection was closed by this process (`close()` was called) before or while the statement was queued.
        public static let connectionClosed = Self(.connectionClosed)
        /// PostgreSQL rejected the statement; ``PostgresError/serverInfo`` carries the SQLSTATE and message.
        public static let server = Self(.server)
        /// A parameter cannot be sent (for example text containing a NUL character).
        public static let invalidParameter = Self(.invalidParameter)
        /// A column value could not be decoded into the requested Swift type.
        public static let decodingFailed = Self(.decodingFailed)
        /// COMMIT rolled back because an earlier statement of the transaction failed (and its error was caught).
        public static let transactionAborted = Self(.transactionAborted)
        /// The connection broke while COMMIT was in flight: the transaction may or may not have committed.
        public static let commitOutcomeUnknown = Self(.commitOutcomeUnknown)
        /// The server answered with something this module does not handle (for example COPY).
        public static let unsupportedResult = Self(.unsupportedResult)
        /// The pool was closed; no connection can be leased any more.
        public static let poolClosed = Self(.poolClosed)
        /// No pooled connection became free within the pool's acquire timeout.
        public static let poolAcquireTimeout = Self(.poolAcquireTimeout)
        /// The task was cancelled while waiting for a pooled connection.
        public static let cancelled = Self(.cancelled)

        public var description: String {
            switch self.base {
            case .invalidConfiguration: "invalidConfiguration"
            case .connectionFailed: "connectionFailed"
            case .connectionLost: "connectionLost"
            case .connectionClosed: "connectionClosed"
            case .server: "server"
            case .invalidParameter: "invalidParameter"
            case .decodingFailed: "decodingFailed"
            case .transactionAborted: "transactionAborted"
            case .commitOutcomeUnknown: "commitOutcomeUnknown"
            case .unsupportedResult: "unsupportedResult"
            case .poolClosed: "poolClosed"
            case .poolAcquireTimeout: "poolAcquireTimeout"
            case .cancelled: "cancelled"
            }
        }
    }

    /// The error fields PostgreSQL sent with an error response (`PQresultErrorField`).
    public struct ServerInfo: Sendable, Hashable {
        /// `ERROR`, `FATAL` or `PANIC`.
        public var severity: String?
        /// The five-character SQLSTATE, e.g. `23505` for a unique violation.
        public var sqlState: String?
        /// The primary, human-readable message.
        public var message: String?
        /// Optional secondary detail (for a unique violation: which key already exists).
        public var detail: String?
        /// Optional advice from the server.
        public var hint: String?
        /// The violated constraint's name, for integrity-constraint errors.
        public var constraint: String?
        /// The schema of the object involved, when the server names one.
        public var schema: String?
        /// The table involved, when the server names one.
        public var table: String?
        /// The column involved, when the server names one.
        public var column: String?

        public init(
            severity: String? = nil,
            sqlState: String? = nil,
            message: String? = nil,
            detail: String? = nil,
            hint: String? = nil,
            constraint: String? = nil,
            schema: String? = nil,
            table: String? = nil,
            column: String? = nil
        ) {
            self.severity = severity
            self.sqlState = sqlState
            self.message = message
            self.detail = detail
            self.hint = hint
            self.constraint = constraint
            self.schema = schema
            self.table = table
            self.column = column
        }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, in one sentence (libpq's message for connection failures).
    public var message: String
    /// The server's error fields, when PostgreSQL reported the failure.
    public var serverInfo: ServerInfo?
    /// The SQL text that failed (never its parameters, which may hold personal data).
    public var query: String?

    public init(code: Code, message: String, serverInfo: ServerInfo? = nil, query: String? = nil) {
        self.code = code
        self.message = message
        self.serverInfo = serverInfo
        self.query = query
    }

    /// The SQLSTATE the server reported, if any.
    public var sqlState: String? { self.serverInfo?.sqlState }

    /// SQLSTATE 40001: a serializable or repeatable-read transaction conflicted with a concurrent one; retry it.
    public var isSerializationFailure: Bool { self.sqlState == "40001" }

    /// SQLSTATE 40P01: PostgreSQL broke a deadlock by aborting this transaction; retry it.
    public var isDeadlock: Bool { self.sqlState == "40P01" }

    /// SQLSTATE 0A000 "cached plan must not change result type": a table changed (e.g. a column was added) under a
    /// statement the session had prepared. The session forgets that statement, so running it again succeeds.
    public var isStalePreparedStatement: Bool {
        self.sqlState == "0A000" && self.message.contains("cached plan must not change result type")
    }

    /// SQLSTATE 23505: an insert or update hit a unique constraint (``ServerInfo/constraint`` names it).
    public var isUniqueViolation: Bool { self.sqlState == "23505" }

    /// Whether the failure is about the connection rather than the statement: it could not be opened or it broke.
    public var isConnectionError: Bool {
        switch self.code.base {
        case .connectionFailed, .connectionLost, .commitOutcomeUnknown:
            return true
        default:
            if let sqlState = self.sqlState {
                // Class 08 (connection exception), 57P01..57P03 (admin/crash shutdown, cannot connect now).
                return sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03"
            }
            return false
        }
    }

    /// Whether ``PostgresPool/transaction(isolation:maximumAttempts:callerIsolation:_:)`` may run the whole
    /// transaction again: the server rolled it back for a reason a fresh attempt can overcome.
    public var isRetryableTransactionFailure: Bool {
        if self.isSerializationFailure || self.isDeadlock || self.isStalePreparedStatement { return true }
        return self.code == .connectionLost
    }

    public var description: String {
        var text: String
        switch self.code.base {
        case .invalidConfiguration:
            text = "Invalid PostgreSQL configuration: \(self.message). Fix the database URL or settings and start again."
        case .connectionFailed:
            text = "Could not connect to PostgreSQL: \(self.message). Check that the server is running and reachable and that the user, password and database are right."
        case .connectionLost:
            text = "The connection to PostgreSQL was lost: \(self.message). An open transaction on it was rolled back by the server; the pool replaces the connection, so retrying the work is safe."
        case .connectionClosed:
            text = "The PostgreSQL connection was already closed by this process: \(self.message). Use a new connection or lease one from a pool."
        case .server:
            text = "PostgreSQL rejected the statement: \(self.message)"
        case .invalidParameter:
            text = "A statement parameter cannot be sent to PostgreSQL: \(self.message). Fix the value before sending it."
        case .decodingFailed:
            text = "Could not decode a PostgreSQL value: \(self.message). Check the column's SQL type against the Swift type requested."
        case .transactionAborted:
            text = "The transaction was rolled back at COMMIT: \(self.message). A statement inside it failed and its error was caught; let the error propagate, or retry the whole transaction."
        case .commitOutcomeUnknown:
            text = "The connection was lost while COMMIT was in flight: \(self.message). The transaction may or may not have committed; check the database state (for example by its idempotency key) before doing the work again."
        case .unsupportedResult:
            text = "PostgreSQL answered in a way this client does not support: \(self.message)."
        case .poolClosed:
            text = "The PostgreSQL pool is closed: \(self.message). The service is shutting down; no new work can use the database."
        case .poolAcquireTimeout:
            text = "No PostgreSQL connection became available in time: \(self.message). Raise maximumConnections, shorten transactions, or reduce concurrency."
        case .cancelled:
            text = "Cancelled while waiting for a PostgreSQL connection: \(self.message)."
        }
        if let info = self.serverInfo {
            if self.code != .server, let serverMessage = info.message {
                text += " Server said: \(serverMessage)."
            }
            if let sqlState = info.sqlState { text += " (SQLSTATE \(sqlState))" }
            if let detail = info.detail { text += " Detail: \(detail)" }
            if let hint = info.hint { text += " Hint: \(hint)" }
            if let constraint = info.constraint { text += " Constraint: \(constraint)." }
        }
        if let query = self.query {
            text += " Statement: \(Self.abbreviated(query))"
        }
        return text
    }

    static func abbreviated(_ text: String, limit: Int = 200) -> String {
        if text.count <= limit { return text }
        return String(text.prefix(limit)) + "…"
    }
}

extension PostgresError {
    static func connectionClosed(_ message: String = "close() was called", query: String? = nil) -> PostgresError {
        PostgresError(code: .connectionClosed, message: message, query: query)
    }

    static func invalidConfiguration(_ message: String) -> PostgresError {
        PostgresError(code: .invalidConfiguration, message: message)
    }
}
