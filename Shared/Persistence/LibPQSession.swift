import CLibPQ
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One libpq connection (`PGconn`). Not `Sendable` on purpose: it is created, used and finished on a single
/// dedicated thread (a ``PostgresConnectionThread`` or the notification listener's thread), never on Swift's
/// cooperative pool, because every libpq call here may block on the network.
final class LibPQSession {
    private var handle: OpaquePointer?
    let backendPID: Int32
    let socketDescriptor: Int32
    private let noticeSink: NoticeSink
    private var statements: PreparedStatements

    /// Receives the server's notices, which libpq would otherwise print to standard error, and logs them at debug
    /// level. Also catches the FATAL message a backend sends while idle before it disconnects (terminated,
    /// server shutting down): the session is doomed even though libpq has not seen the EOF yet.
    private final class NoticeSink {
        let logger: Logger
        /// The FATAL message, once received. Set and read on the session's thread only.
        var fatalMessage: String?
        var receivedFatal: Bool { self.fatalMessage != nil }

        init(logger: Logger) {
            self.logger = logger
        }
    }

    private init(handle: OpaquePointer, preparesStatements: Bool, logger: Logger) {
        self.handle = handle
        self.statements = PreparedStatements(enabled: preparesStatements)
        self.backendPID = PQbackendPID(handle)
        self.socketDescriptor = PQsocket(handle)
        self.noticeSink = NoticeSink(logger: logger)
        PQsetNoticeReceiver(
            handle,
            { context, result in
                guard let context, let result else { return }
                let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
                let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))).map { String(cString: $0) } ?? ""
                let message = LibPQSession.cleaned(PQresultErrorMessage(result))
                if severity == "FATAL" || severity == "PANIC" {
                    sink.fatalMessage = message
                }
                sink.logger.debug("PostgreSQL notice", metadata: ["postgres_severity": "\(severity)", "postgres_notice": "\(message)"])
            },
            Unmanaged.passUnretained(self.noticeSink).toOpaque()
        )
    }

    deinit {
        self.finish()
    }

    /// Opens a connection with `PQconnectdbParams` (blocking, bounded by the configuration's connect timeout).
    static func open(_ configuration: PostgresConfiguration, logger: Logger) -> Result<LibPQSession, PostgresError> {
        let parameters = configuration.libpqParameters
        var keywords: [UnsafeMutablePointer<CChar>?] = parameters.map { strdup($0.keyword) }
        var values: [UnsafeMutablePointer<CChar>?] = parameters.map { strdup($0.value) }
        keywords.append(nil)
        values.append(nil)
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let handle = keywords.withUnsafeBufferPointer { keywordPointers in
            values.withUnsafeBufferPointer { valuePointers in
                keywordPointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { keywordConstants in
                    valuePointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) { valueConstants in
                        PQconnectdbParams(keywordConstants.baseAddress, valueConstants.baseAddress, 0)
                    }
                }
            }
        }
        guard let handle else {
            return .failure(PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection (out of memory)"))
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = Self.cleaned(PQerrorMessage(handle))
            PQfinish(handle)
            return .failure(
                PostgresError(
                    code: .connectionFailed,
                    message: "\(configuration.user)@\(configuration.host):\(configuration.port)/\(configuration.database): \(message)"
                )
            )
        }
        return .success(LibPQSession(handle: handle, preparesStatements: configuration.preparesStatements, logger: logger))
    }

    /// Closes the connection (sends Terminate). Idempotent.
    func finish() {
        if let handle {
            PQfinish(handle)
            self.handle = nil
        }
    }

    /// Whether libpq considers the connection usable.
    var isConnected: Bool {
        guard let handle, !self.noticeSink.receivedFatal else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Whether the session sits outside any transaction block.
    var isIdle: Bool {
        guard let handle else { return false }
        return PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    // MARK: Statements

    /// Runs one parameterised statement (`PQexecParams`, extended protocol: one statement only) and copies its rows;
    /// with a `prelude`, sends it first in the same round trip (see ``pipelined(_:_:_:_:)``).
    func query(_ sql: String, _ parameters: EncodedParameters, after prelude: String? = nil) -> Result<PostgresRows, PostgresError> {
        if let prelude { return self.pipelined(prelude, sql, parameters, Self.rows) }
        return self.run(sql, parameters, Self.rows)
    }

    /// Runs one parameterised statement and returns the number of rows it affected (`PQcmdTuples`); with a
    /// `prelude`, sends it first in the same round trip.
    func execute(_ sql: String, _ parameters: EncodedParameters, after prelude: String? = nil) -> Result<Int, PostgresError> {
        if let prelude { return self.pipelined(prelude, sql, parameters, Self.affectedRows) }
        return self.run(sql, parameters, Self.affectedRows)
    }

    private static func rows(_ result: OpaquePointer) -> PostgresRows {
        PQresultStatus(result) == PGRES_TUPLES_OK ? Self.copyRows(result) : .empty
    }

    /// Runs SQL without parameters over the simple query protocol (`PQexec`), which allows several statements
    /// separated by semicolons. Used for transaction control and migration scripts only.
    func executeScript(_ sql: String) -> Result<Int, PostgresError> {
        guard let handle, self.isConnected else { return .failure(self.lostError(sql, result: nil)) }
        let result = PQexec(handle, sql)
        return self.consume(result, sql: sql, Self.affectedRows)
    }

    /// Sends COMMIT and tells apart the three outcomes a caller must treat differently: committed; rolled back
    /// (server error such as a serialization failure, or a connection already lost before COMMIT left this
    /// process); and unknown (the connection broke after COMMIT was sent).
    func commit() -> Result<Void, PostgresError> {
        guard let handle, self.isConnected else {
            return .failure(self.lostError("COMMIT", result: nil, detail: "before COMMIT was sent"))
        }
        // A backend terminated while idle in the transaction has already sent its FATAL message: read it now so
        // the loss is known to have happened before COMMIT (the server rolled back) rather than during it.
        guard self.drainPendingInput() else {
            return .failure(self.lostError("COMMIT", result: nil, detail: "before COMMIT was sent"))
        }
        guard let result = PQexec(handle, "COMMIT") else {
            return .failure(self.outcomeUnknownError())
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            if PQstatus(handle) != CONNECTION_OK {
                return .failure(self.outcomeUnknownError())
            }
            return .failure(self.serverError(result, sql: "COMMIT"))
        }
        if let status = PQcmdStatus(result), String(cString: status) == "ROLLBACK" {
            return .failure(
                PostgresError(
                    code: .transactionAborted,
                    message: "COMMIT answered ROLLBACK because an earlier statement in the transaction failed",
                    query: "COMMIT"
                )
            )
        }
        return .success(())
    }

    private func run<Value>(
        _ sql: String,
        _ parameters: EncodedParameters,
        _ extract: (OpaquePointer) -> Value
    ) -> Result<Value, PostgresError> {
        guard let handle, self.isConnected else { return .failure(self.lostError(sql, result: nil)) }
        let name: String?
        switch self.preparedName(for: sql, parameterCount: parameters.count) {
        case .success(let preparedName): name = preparedName
        case .failure(let error): return .failure(error)
        }
        let result = parameters.withValuePointers { values in
            if let name {
                return PQexecPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
            }
            return PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        let outcome = self.consume(result, sql: sql, extract)
        if name != nil, case .failure(let error) = outcome, error.isStalePreparedStatement {
            self.statements.forget(sql)
            // Outside a transaction nothing ran and nothing is aborted: run it again, planned afresh.
            if self.isIdle { return self.run(sql, parameters, extract) }
        }
        return outcome
    }

    /// The name `sql` is prepared under on this session, preparing it (one extra round trip, once) when this is the
    /// second time the session runs it; `nil` to send it unprepared. A statement that cannot be prepared fails here
    /// with the server's error — the same error running it would give (syntax, unknown table or column, types).
    private func preparedName(for sql: String, parameterCount: Int) -> Result<String?, PostgresError> {
        guard let handle else { return .success(nil) }
        switch self.statements.lookup(sql) {
        case .prepared(let name):
            return .success(name)
        case .unprepared:
            return .success(nil)
        case .prepare(let name):
            guard let result = PQprepare(handle, name, sql, Int32(parameterCount), nil) else {
                return .failure(self.lostError(sql, result: nil))
            }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COMMAND_OK else {
                return .failure(self.failure(result, sql: sql))
            }
            self.statements.remember(sql, as: name)
            return .success(name)
        }
    }

    /// A table changed under a prepared statement in a way PostgreSQL cannot re-plan ("cached plan must not change
    /// result type"): forget it, so the next run prepares it afresh.
    private func forgetIfStale(_ sql: String, _ error: PostgresError) -> PostgresError {
        if error.isStalePreparedStatement { self.statements.forget(sql) }
        return error
    }

    /// Turns a `PGresult` into a value or an error, and frees it.
    private func consume<Value>(
        _ result: OpaquePointer?,
        sql: String,
        _ extract: (OpaquePointer) -> Value
    ) -> Result<Value, PostgresError> {
        guard let result else { return .failure(self.lostError(sql, result: nil)) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return .success(extract(result))
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // Leaving copy mode cleanly needs the data stream; drop the connection instead.
            self.finish()
            return .failure(
                PostgresError(
                    code: .unsupportedResult,
                    message: "COPY is not supported over this API (the connection was closed); use INSERT … SELECT or unnest($1)",
                    query: sql
                )
            )
        default:
            return .failure(self.failure(result, sql: sql))
        }
    }

    /// A failed result: the connection's loss, or the server's error.
    private func failure(_ result: OpaquePointer, sql: String) -> PostgresError {
        if let handle, PQstatus(handle) != CONNECTION_OK {
            return self.lostError(sql, result: result)
        }
        return self.serverError(result, sql: sql)
    }

    /// Runs `prelude` (a parameterless statement such as BEGIN) and then one parameterised statement in a single
    /// round trip, using libpq's pipeline mode. An error in `prelude` is reported instead of the statement's.
    func pipelined<Value>(
        _ prelude: String,
        _ sql: String,
        _ parameters: EncodedParameters,
        _ extract: (OpaquePointer) -> Value
    ) -> Result<Value, PostgresError> {
        guard let handle, self.isConnected else { return .failure(self.lostError(sql, result: nil)) }
        // Outside a transaction here (the prelude is BEGIN), so preparing first cannot abort one.
        let name: String?
        switch self.preparedName(for: sql, parameterCount: parameters.count) {
        case .success(let preparedName): name = preparedName
        case .failure(let error): return .failure(error)
        }
        guard PQenterPipelineMode(handle) == 1 else {
            return self.executeScript(prelude).flatMap { _ in self.run(sql, parameters, extract) }
        }
        defer {
            if PQpipelineStatus(handle) != PQ_PIPELINE_OFF && PQexitPipelineMode(handle) != 1 {
                // Results are still pending on a connection in an unknown state: never reuse it.
                self.finish()
            }
        }
        let sent = PQsendQueryParams(handle, prelude, 0, nil, nil, nil, nil, 0) == 1
            && parameters.withValuePointers { values in
                if let name {
                    return PQsendQueryPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
                }
                return PQsendQueryParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
            } == 1
            && PQpipelineSync(handle) == 1
        guard sent else {
            return .failure(self.isConnected ? self.clientError(sql) : self.lostError(sql, result: nil))
        }

        var preludeError: PostgresError?
        var outcome: Result<Value, PostgresError>?
        var queryIndex = 0
        var consecutiveEnds = 0
        while true {
            guard let result = PQgetResult(handle) else {
                // NULL ends one query's results; a broken connection yields only NULLs.
                guard PQstatus(handle) == CONNECTION_OK else { break }
                queryIndex += 1
                consecutiveEnds += 1
                if consecutiveEnds > 2 { break }
                continue
            }
            consecutiveEnds = 0
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC { break }
            let isSuccess = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY
            if queryIndex == 0 {
                if !isSuccess { preludeError = self.failure(result, sql: prelude) }
            } else if queryIndex == 1 && status != PGRES_PIPELINE_ABORTED {
                outcome = isSuccess ? .success(extract(result)) : .failure(self.forgetIfStale(sql, self.failure(result, sql: sql)))
            }
        }
        if let preludeError { return .failure(preludeError) }
        if let outcome { return outcome }
        return .failure(self.lostError(sql, result: nil))
    }

    /// A failure libpq reported without a result, on a connection that is still up.
    private func clientError(_ sql: String) -> PostgresError {
        let message = self.handle.map { Self.cleaned(PQerrorMessage($0)) } ?? ""
        return PostgresError(code: .server, message: message.isEmpty ? "libpq could not send the statement" : message, query: sql)
    }

    private func serverError(_ result: OpaquePointer, sql: String) -> PostgresError {
        let info = Self.serverInfo(result)
        let message = info.message ?? Self.cleaned(PQresultErrorMessage(result))
        return PostgresError(code: .server, message: message.isEmpty ? "unknown server error" : message, serverInfo: info, query: sql)
    }

    private func lostError(_ sql: String, result: OpaquePointer?, detail: String? = nil) -> PostgresError {
        var message = self.handle.map { Self.cleaned(PQerrorMessage($0)) } ?? ""
        if message.isEmpty, let fatal = self.noticeSink.fatalMessage {
            message = "the server ended the session while it was idle: \(fatal)"
        }
        if message.isEmpty { message = "the connection is closed" }
        if let detail { message += " (\(detail))" }
        let info = result.map(Self.serverInfo)
        return PostgresError(code: .connectionLost, message: message, serverInfo: info?.sqlState == nil ? nil : info, query: sql)
    }

    private func outcomeUnknownError() -> PostgresError {
        let message = self.handle.map { Self.cleaned(PQerrorMessage($0)) } ?? "the connection is closed"
        return PostgresError(code: .commitOutcomeUnknown, message: message, query: "COMMIT")
    }

    // MARK: Input outside statements

    /// Reads whatever the server sent while no statement was running (notifications, or the FATAL message and EOF
    /// of a terminated backend). Returns whether the connection is still usable.
    func consumeInput() -> Bool {
        guard let handle else { return false }
        return PQconsumeInput(handle) != 0 && self.isConnected
    }

    /// Between statements: reads everything already waiting on the socket (a terminated backend sends its FATAL
    /// message first and the EOF shows only on the next read), drops stray notifications, and returns whether the
    /// connection survived. Costs one `poll` with a zero timeout when nothing is waiting.
    func drainPendingInput() -> Bool {
        guard self.isConnected else { return false }
        var reads = 0
        while reads < 8 && Self.isReadable(self.socketDescriptor, timeoutMilliseconds: 0) {
            guard self.consumeInput() else { return false }
            reads += 1
        }
        self.discardNotifications()
        return self.isConnected
    }

    /// Notifications received so far, in arrival order.
    func takeNotifications() -> [PostgresNotification] {
        guard let handle else { return [] }
        var notifications: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            let channel = notify.pointee.relname.map { String(cString: $0) } ?? ""
            let payload = notify.pointee.extra.map { String(cString: $0) } ?? ""
            notifications.append(PostgresNotification(channel: channel, payload: payload, backendPID: notify.pointee.be_pid))
            PQfreemem(notify)
        }
        return notifications
    }

    private func discardNotifications() {
        guard let handle else { return }
        while let notify = PQnotifies(handle) {
            PQfreemem(notify)
        }
    }

    /// Waits up to `timeoutMilliseconds` (0: just checks) for `descriptor` to become readable (or hung up).
    static func isReadable(_ descriptor: Int32, timeoutMilliseconds: Int32) -> Bool {
        guard descriptor >= 0 else { return false }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, timeoutMilliseconds)
        return ready > 0 && entry.revents != 0
    }

    // MARK: Result copying

    private static func affectedRows(_ result: OpaquePointer) -> Int {
        guard let text = PQcmdTuples(result) else { return 0 }
        var count = 0
        var pointer = text
        while pointer.pointee >= 0x30 && pointer.pointee <= 0x39 {
            count = count * 10 + Int(pointer.pointee - 0x30)
            pointer += 1
        }
        return count
    }

    private static func copyRows(_ result: OpaquePointer) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var columns: [String] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            columns.append(PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?")
        }
        let cellCount = rowCount * columnCount
        var lengths: [Int] = []
        lengths.reserveCapacity(cellCount)
        var totalBytes = 0
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) != 0 {
                    lengths.append(-1)
                } else {
                    let length = Int(PQgetlength(result, row, column))
                    lengths.append(length)
                    totalBytes += length
                }
            }
        }
        var starts: [Int] = []
        starts.reserveCapacity(cellCount)
        let bytes = [UInt8](unsafeUninitializedCapacity: totalBytes) { buffer, initialized in
            var offset = 0
            var cell = 0
            for row in 0..<Int32(rowCount) {
                for column in 0..<Int32(columnCount) {
                    starts.append(offset)
                    let length = lengths[cell]
                    cell += 1
                    guard length > 0, let value = PQgetvalue(result, row, column) else { continue }
                    UnsafeMutableRawPointer(buffer.baseAddress! + offset).copyMemory(from: value, byteCount: length)
                    offset += length
                }
            }
            initialized = offset
        }
        return PostgresRows(
            storage: PostgresRows.Storage(columns: columns, rowCount: rowCount, bytes: bytes, starts: starts, lengths: lengths)
        )
    }

    private static func serverInfo(_ result: OpaquePointer) -> PostgresError.ServerInfo {
        // libpq's PG_DIAG_* macros are character literals, which Swift does not import.
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue else { return nil }
            return PQresultErrorField(result, Int32(ascii)).map { String(cString: $0) }
        }
        var info = PostgresError.ServerInfo()
        info.severity = field("V") ?? field("S")
        info.sqlState = field("C")
        info.message = field("M")
        info.detail = field("D")
        info.hint = field("H")
        info.constraint = field("n")
        info.schema = field("s")
        info.table = field("t")
        info.column = field("c")
        return info
    }

    /// libpq messages end in newlines and may span lines; make them one line.
    static func cleaned(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "" }
        return String(cString: message)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
