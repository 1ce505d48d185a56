import Foundation

/// Where and how to connect to PostgreSQL.
///
/// Usually built from a URL such as `postgresql://orders:orders@127.0.0.1:25432/wholesail?application_name=orders`.
/// Every session is opened with `TimeZone=UTC`, `DateStyle=ISO` and `bytea_output=hex` so the text values this module
/// decodes always have the same shape.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// TLS negotiation, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// Shown in `pg_stat_activity.application_name`; name the service so operators can see who holds a connection.
    public var applicationName: String?
    /// How long opening a connection may take (libpq counts whole seconds, at least 2).
    public var connectTimeout: Duration
    /// The server-side `statement_timeout`; `nil` keeps the server's default (usually none).
    public var statementTimeout: Duration?
    /// Schemas to put on the session's `search_path`; `nil` keeps the server default (`"$user", public`).
    public var searchPath: [String]?
    /// TLS negotiation; `nil` keeps libpq's default (`prefer`).
    public var tlsMode: TLSMode?
    /// Whether sessions prepare the statements they run repeatedly (named prepared statements, parsed and planned
    /// once per session). Turn it off behind a connection pooler in transaction mode that does not track prepared
    /// statements (PgBouncer before 1.21, or without `max_prepared_statements`).
    public var preparesStatements: Bool

    public init(
        host: String = "127.0.0.1",
        port: Int = 5432,
        user: String,
        password: String? = nil,
        database: String,
        applicationName: String? = nil,
        connectTimeout: Duration = .seconds(10),
        statementTimeout: Duration? = nil,
        searchPath: [String]? = nil,
        tlsMode: TLSMode? = nil,
        preparesStatements: Bool = true
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.searchPath = searchPath
        self.tlsMode = tlsMode
        self.preparesStatements = preparesStatements
    }

    /// Parses `postgresql://user:password@host:port/database?application_name=…` (scheme `postgres` also accepted).
    ///
    /// User, password, database and query values are percent-decoded. Supported query parameters:
    /// `application_name`, `connect_timeout` (seconds), `statement_timeout` (milliseconds), `sslmode`, `search_path`
    /// (comma-separated schemas), `prepared_statements` (`on` or `off`). Anything else is rejected so a typo never goes unnoticed.
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/invalidConfiguration`` naming the bad part.
    public init(url: String) throws(PostgresError) {
        let schemes = ["postgresql://", "postgres://"]
        guard let scheme = schemes.first(where: { url.hasPrefix($0) }) else {
            let shown = url.split(separator: ":", maxSplits: 1).first.map(String.init) ?? url
            throw .invalidConfiguration("the URL scheme must be postgresql:// or postgres://, found \"\(shown)\"")
        }
        var rest = Substring(url.dropFirst(scheme.count))

        var queryPart: Substring?
        if let questionMark = rest.firstIndex(of: "?") {
            queryPart = rest[rest.index(after: questionMark)...]
            rest = rest[..<questionMark]
        }
        var authority = rest
        var pathPart: Substring?
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            pathPart = rest[rest.index(after: slash)...]
        }

        var user: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], part: "user")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], part: "password")
            } else {
                user = try Self.decode(userInfo, part: "user")
            }
        }

        var host: Substring
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let closing = hostPort.firstIndex(of: "]") else {
                throw .invalidConfiguration("the IPv6 host \"\(hostPort)\" lacks its closing \"]\"")
            }
            host = hostPort[hostPort.index(after: hostPort.startIndex)..<closing]
            let afterHost = hostPort[hostPort.index(after: closing)...]
            if afterHost.hasPrefix(":") {
                portText = afterHost.dropFirst()
            } else if !afterHost.isEmpty {
                throw .invalidConfiguration("unexpected \"\(afterHost)\" after the IPv6 host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = hostPort
        }
        guard !host.isEmpty else {
            throw .invalidConfiguration("the URL has no host (expected postgresql://user:password@host:port/database)")
        }
        var port = 5432
        if let portText {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else {
                throw .invalidConfiguration("the port \"\(portText)\" is not a number between 1 and 65535")
            }
            port = parsed
        }
        guard let user, !user.isEmpty else {
            throw .invalidConfiguration("the URL has no user name (expected postgresql://user:password@host:port/database)")
        }
        var database = user
        if let pathPart, !pathPart.isEmpty {
            database = try Self.decode(pathPart, part: "database name")
            if database.contains("/") {
                throw .invalidConfiguration("the database name \"\(database)\" contains \"/\"")
            }
        }

        self.init(host: String(host), port: port, user: user, password: password, database: database)

        if let queryPart, !queryPart.isEmpty {
            for pair in queryPart.split(separator: "&", omittingEmptySubsequences: true) {
                let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = try Self.decode(pieces[0], part: "query parameter name")
                let value = pieces.count > 1 ? try Self.decode(pieces[1], part: "value of \(name)") : ""
                try self.apply(parameter: name, value: value)
            }
        }
    }

    private mutating func apply(parameter name: String, value: String) throws(PostgresError) {
        switch name {
        case "application_name":
            self.applicationName = value
        case "connect_timeout":
            guard let seconds = Int(value), seconds >= 0 else {
                throw .invalidConfiguration("connect_timeout \"\(value)\" is not a whole number of seconds")
            }
            self.connectTimeout = .seconds(seconds)
        case "statement_timeout":
            guard let milliseconds = Int(value), milliseconds >= 0 else {
                throw .invalidConfiguration("statement_timeout \"\(value)\" is not a whole number of milliseconds")
            }
            self.statementTimeout = milliseconds == 0 ? nil : .milliseconds(milliseconds)
        case "sslmode":
            guard let mode = TLSMode(rawValue: value) else {
                let allowed = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidConfiguration("sslmode \"\(value)\" is not one of \(allowed)")
            }
            self.tlsMode = mode
        case "search_path":
            let schemas = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !schemas.isEmpty, !schemas.contains(where: \.isEmpty) else {
                throw .invalidConfiguration("search_path \"\(value)\" must be a comma-separated list of schema names")
            }
            self.searchPath = schemas
        case "prepared_statements":
            switch value {
            case "on", "true": self.preparesStatements = true
            case "off", "false": self.preparesStatements = false
            default: throw .invalidConfiguration("prepared_statements \"\(value)\" must be on or off")
            }
        default:
            throw .invalidConfiguration(
                "unknown query parameter \"\(name)\" (supported: application_name, connect_timeout, statement_timeout, sslmode, search_path, prepared_statements)"
            )
        }
    }

    private static func decode(_ text: Substring, part: String) throws(PostgresError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw .invalidConfiguration("the \(part) \"\(text)\" has an invalid percent-encoding")
        }
        return decoded
    }

    /// The URL form with the password hidden, safe to log.
    public var description: String {
        var text = "postgresql://\(self.user)"
        if self.password != nil { text += ":***" }
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        text += "@\(host):\(self.port)/\(self.database)"
        if let applicationName { text += "?application_name=\(applicationName)" }
        return text
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`; values are never spliced into a connection string.
    var libpqParameters: [(keyword: String, value: String)] {
        var parameters: [(keyword: String, value: String)] = [
            ("host", self.host),
            ("port", String(self.port)),
            ("user", self.user),
            ("dbname", self.database),
            ("client_encoding", "UTF8"),
            ("connect_timeout", String(max(2, Int(self.connectTimeout.components.seconds)))),
            ("keepalives", "1"),
            ("keepalives_idle", "30"),
            ("keepalives_interval", "10"),
            ("keepalives_count", "3"),
            ("options", self.sessionOptions),
        ]
        if let password { parameters.append(("password", password)) }
        if let applicationName { parameters.append(("application_name", applicationName)) }
        if let tlsMode { parameters.append(("sslmode", tlsMode.rawValue)) }
        return parameters
    }

    /// Session settings sent in the startup packet (no extra round trip). In libpq's `options`, spaces separate
    /// arguments and a backslash escapes the next character.
    private var sessionOptions: String {
        var settings = ["TimeZone=UTC", "DateStyle=ISO", "IntervalStyle=postgres", "bytea_output=hex", "extra_float_digits=1"]
        if let statementTimeout {
            let milliseconds = statementTimeout.components.seconds * 1000
                + statementTimeout.components.attoseconds / 1_000_000_000_000_000
            settings.append("statement_timeout=\(max(1, milliseconds))")
        }
        if let searchPath {
            let quoted = searchPath.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            settings.append("search_path=" + quoted.joined(separator: ","))
        }
        return settings.map { setting in
            var escaped = "-c "
            for character in setting {
                if character == " " || character == "\\" { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }.joined(separator: " ")
    }
}
