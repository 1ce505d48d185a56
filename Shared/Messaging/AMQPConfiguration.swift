import Foundation

/// How to reach RabbitMQ and how to behave when it goes away.
public struct AMQPConfiguration: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String
    public var virtualHost: String
    /// Shown in the management UI, so operators can tell connections apart.
    public var connectionName: String
    /// Heartbeat interval negotiated with the broker; a silent peer is declared dead after two.
    public var heartbeat: Duration
    /// How long one attempt to open the TCP connection and log in may take.
    public var connectTimeout: Duration
    /// First delay before reconnecting; doubles per failed attempt, with full jitter.
    public var reconnectInitialDelay: Duration
    /// Upper bound of the reconnect delay.
    public var reconnectMaximumDelay: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 5672,
        username: String = "guest",
        password: String = "guest",
        virtualHost: String = "/",
        connectionName: String = "wholesail",
        heartbeat: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(5),
        reconnectInitialDelay: Duration = .milliseconds(100),
        reconnectMaximumDelay: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.virtualHost = virtualHost
        self.connectionName = connectionName
        self.heartbeat = heartbeat
        self.connectTimeout = connectTimeout
        self.reconnectInitialDelay = reconnectInitialDelay
        self.reconnectMaximumDelay = reconnectMaximumDelay
    }

    /// Parses `amqp://user:password@host:port/vhost` (the vhost percent-encoded: `%2F` is `/`).
    ///
    /// An absent vhost path means `/`, as in RabbitMQ's URI spec.
    public init(url: String, connectionName: String = "wholesail") throws(AMQPError) {
        guard let components = URLComponents(string: url) else {
            throw AMQPError(.invalidConfiguration, "'\(url)' is not a URL; expected amqp://user:password@host:port/vhost")
        }
        guard components.scheme == "amqp" else {
            throw AMQPError(.invalidConfiguration, "scheme '\(components.scheme ?? "")' in AMQP URL is not supported; use amqp://")
        }
        guard let host = components.host, !host.isEmpty else {
            throw AMQPError(.invalidConfiguration, "AMQP URL '\(url)' has no host")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw AMQPError(.invalidConfiguration, "port \(port) in AMQP URL is out of range 1...65535")
        }
        let encodedPath = components.percentEncodedPath
        let virtualHost: String
        if encodedPath.isEmpty || encodedPath == "/" {
            virtualHost = "/"
        } else {
            let withoutSlash = String(encodedPath.dropFirst())
            guard !withoutSlash.contains("/"), let decoded = withoutSlash.removingPercentEncoding else {
                throw AMQPError(.invalidConfiguration, "vhost '\(withoutSlash)' in AMQP URL must be one percent-encoded segment (use %2F for '/')")
            }
            virtualHost = decoded
        }
        self.init(
            host: host,
            port: components.port ?? 5672,
            username: components.user ?? "guest",
            password: components.password ?? "guest",
            virtualHost: virtualHost,
            connectionName: connectionName
        )
    }

    /// The URL without the password, for logs.
    public var redactedURL: String {
        let vhost = virtualHost.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? virtualHost
        return "amqp://\(username)@\(host):\(port)/\(vhost)"
    }
}
