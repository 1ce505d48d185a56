import Synchronization

/// The statements of one transaction, run on the connection the pool leased for it.
///
/// Handed to the closure of ``PostgresPool/transaction(isolation:maximumAttempts:callerIsolation:_:)``; do not keep
/// it beyond that closure. `BEGIN` travels with the first statement, in the same round trip (libpq pipeline mode).
public struct PostgresTransaction: Sendable {
    /// The isolation level of a transaction (`BEGIN ISOLATION LEVEL …`).
    public enum IsolationLevel: Sendable, Hashable {
        /// Each statement sees data committed before it began (PostgreSQL's default).
        case readCommitted
        /// Every statement sees the snapshot taken at the first statement; conflicting writes fail with 40001.
        case repeatableRead
        /// As if transactions ran one after another; conflicts fail with 40001 and are retried by the pool.
        case serializable

        var beginStatement: String {
            switch self {
            case .readCommitted: "BEGIN"
            case .repeatableRead: "BEGIN ISOLATION LEVEL REPEATABLE READ"
            case .serializable: "BEGIN ISOLATION LEVEL SERIALIZABLE"
            }
        }
    }

    /// The leased connection; its ``PostgresConnection/backendPID`` identifies the session.
    public let connection: PostgresConnection
    /// Which attempt this is (1 for the first run of the closure, 2 after one retry, …).
    public let attempt: Int

    private let pendingBegin: PendingBegin

    /// Holds `BEGIN` until the first statement takes it.
    final class PendingBegin: Sendable {
        private let statement: Mutex<String?>

        init(_ statement: String) {
            self.statement = Mutex(statement)
        }

        /// Returns `BEGIN …` once (to the first statement), `nil` afterwards.
        func take() -> String? {
            self.statement.withLock { statement in
                defer { statement = nil }
                return statement
            }
        }

        var wasSent: Bool {
            self.statement.withLock { $0 == nil }
        }
    }

    init(connection: PostgresConnection, isolation: IsolationLevel, attempt: Int) {
        self.connection = connection
        self.attempt = attempt
        self.pendingBegin = PendingBegin(isolation.beginStatement)
    }

    /// Runs one statement inside the transaction and returns its rows.
    public func query(_ sql: String, _ parameters: any PostgresEncodable...) async throws(PostgresError) -> PostgresRows {
        try await self.connection.query(sql, parameters: parameters, after: self.pendingBegin.take())
    }

    /// Runs one statement inside the transaction with an array of parameters and returns its rows.
    public func query(_ sql: String, parameters: [any PostgresEncodable]) async throws(PostgresError) -> PostgresRows {
        try await self.connection.query(sql, parameters: parameters, after: self.pendingBegin.take())
    }

    /// Runs one statement inside the transaction and returns how many rows it affected.
    public func execute(_ sql: String, _ parameters: any PostgresEncodable...) async throws(PostgresError) -> Int {
        try await self.connection.execute(sql, parameters: parameters, after: self.pendingBegin.take())
    }

    /// Runs one statement inside the transaction with an array of parameters and returns how many rows it affected.
    public func execute(_ sql: String, parameters: [any PostgresEncodable]) async throws(PostgresError) -> Int {
        try await self.connection.execute(sql, parameters: parameters, after: self.pendingBegin.take())
    }

    /// Runs a parameterless script (several statements allowed) inside the transaction. Migrations only.
    func executeScript(_ sql: String) async throws(PostgresError) {
        if let begin = self.pendingBegin.take() {
            _ = try await self.connection.executeScript(begin)
        }
        _ = try await self.connection.executeScript(sql)
    }

    /// COMMIT, if anything was sent.
    func commit() async throws(PostgresError) {
        if self.pendingBegin.take() != nil { return }
        try await self.connection.commit()
    }

    /// ROLLBACK, if anything was sent and the connection is still usable. Never throws: a failed rollback leaves a
    /// broken connection that the pool discards, and the server rolls back on disconnect.
    func rollback() async {
        guard self.pendingBegin.wasSent, self.connection.isUsable else { return }
        _ = try? await self.connection.executeScript("ROLLBACK")
    }
}
