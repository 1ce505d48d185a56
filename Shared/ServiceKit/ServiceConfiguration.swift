import Foundation
import Logging
import Messaging
import Persistence

/// Everything a service reads from its environment at start-up, with defaults that match the local stack
/// (`deploy/local/stack up`), so `swift run orders` works with no variables set.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `WHOLESAIL_DATABASE_URL` | `postgresql://<service>:<service>@127.0.0.1:25432/wholesail` | PostgreSQL |
/// | `WHOLESAIL_AMQP_URL` | `amqp://<service>:<service>@127.0.0.1:25672/wholesail` | RabbitMQ |
/// | `WHOLESAIL_HTTP_HOST` | `127.0.0.1` | address the HTTP server binds (`0.0.0.0` in containers) |
/// | `WHOLESAIL_HTTP_PORT` | pricing 28081, inventory 28082, orders 28083, shipments 28084, finance 28085, else 8080 | `0` picks a free port |
/// | `WHOLESAIL_HTTP_MAX_BODY_SIZE` | `1048576` | largest request body in bytes (larger → 413) |
/// | `WHOLESAIL_LOG_LEVEL` | `info` | trace, debug, info, notice, warning, error, critical |
/// | `WHOLESAIL_DATABASE_POOL_SIZE` | `10` | most PostgreSQL connections of the pool |
/// | `WHOLESAIL_CONSUMER_PREFETCH` | `64` | unacknowledged messages the broker may send ahead |
/// | `WHOLESAIL_CONSUMER_CONCURRENCY` | `1` (pricing, orders `4`) | handler lanes running at once (each applies its backlog in batches) |
/// | `WHOLESAIL_CONSUMER_BATCH_SIZE` | `16` | most queued messages one handler lane applies in one transaction |
/// | `WHOLESAIL_RETRY_DELAYS` | `1s,10s,60s` | delay before each retry of a failed handler (`none`: park at once) |
/// | `WHOLESAIL_DELIVERY_LIMIT` | `20` | redeliveries of a crashing message before the broker parks it |
/// | `WHOLESAIL_EVENTS_EXCHANGE` | `wholesail.events` | the topic exchange events are published to |
/// | `WHOLESAIL_OUTBOX_POLL_INTERVAL` | `1s` | relay polling when no notification arrives |
/// | `WHOLESAIL_OUTBOX_BATCH_SIZE` | `500` | outbox rows published per round |
/// | `WHOLESAIL_READINESS_TIMEOUT` | `2s` | how long each readiness check may take |
/// | `WHOLESAIL_SHUTDOWN_TIMEOUT` | `30s` | graceful shutdown budget before in-flight work is cancelled |
public struct ServiceConfiguration: Sendable {
    /// The local stack's HTTP port of each service.
    public static let localStackHTTPPorts = ["pricing": 28081, "inventory": 28082, "orders": 28083, "shipments": 28084, "finance": 28085]
    /// The HTTP port of a service the local stack does not know.
    public static let fallbackHTTPPort = 8080
    /// Handler lanes of a service unless `WHOLESAIL_CONSUMER_CONCURRENCY` says otherwise: one. A lane applies its
    /// backlog in batches (one commit each), which is where the throughput comes from; parallel lanes holding a batch's
    /// locks wait for and deadlock on the rows every message shares (inventory's popular stock positions, finance's
    /// invoice series and customer exposure), and measured slower, not faster, on a peak day.
    public static let defaultConsumerConcurrency = 1
    /// Services whose handlers share no hot rows, so lanes run in parallel: pricing's quotes only read, and every
    /// orders handler locks only its own order (confirmations share only a shared lock, orders_0006).
    public static let consumerConcurrencyDefaults = ["pricing": 4, "orders": 4]

    /// The service's name: its database schema, queue prefix and log label.
    public var service: String
    /// PostgreSQL settings; `application_name` defaults to the service, `search_path` to its schema.
    public var database: PostgresConfiguration
    /// RabbitMQ settings; the service opens two connections from it (`<service>-publish`, `<service>-consume`).
    public var amqp: AMQPConfiguration
    public var httpHost: String
    /// `0` binds a free port (tests).
    public var httpPort: Int
    public var maximumRequestBodySize: Int
    public var logLevel: Logger.Level
    public var databasePoolSize: Int
    public var consumerPrefetch: UInt16
    public var consumerConcurrency: Int
    public var consumerBatchSize: Int
    public var retryDelays: [Duration]
    public var deliveryLimit: Int
    public var eventsExchange: String
    public var outboxPollInterval: Duration
    public var outboxBatchSize: Int
    public var readinessTimeout: Duration
    public var shutdownTimeout: Duration

    /// Reads the configuration of `service` from `environment`.
    /// - Throws: ``ConfigurationError`` for the first invalid value (or an invalid service name).
    public init(service: String, environment: EnvironmentReader = EnvironmentReader()) throws(ConfigurationError) {
        guard Self.isValidServiceName(service) else {
            throw ConfigurationError(
                variable: "service name",
                value: service,
                expected: "lower-case letters, digits and underscores (at most 48), starting with a letter or underscore"
            )
        }
        self.service = service

        let databaseURL = environment.string(
            "WHOLESAIL_DATABASE_URL",
            default: "postgresql://\(service):\(service)@127.0.0.1:25432/wholesail"
        )
        do throws(PostgresError) {
            var database = try PostgresConfiguration(url: databaseURL)
            if database.applicationName == nil { database.applicationName = service }
            if database.searchPath == nil { database.searchPath = [service] }
            self.database = database
        } catch {
            throw ConfigurationError(
                variable: "WHOLESAIL_DATABASE_URL",
                value: EnvironmentReader.redacted(databaseURL),
                expected: "postgresql://user:password@host:port/database (\(error.message))"
            )
        }

        let amqpURL = environment.string("WHOLESAIL_AMQP_URL", default: "amqp://\(service):\(service)@127.0.0.1:25672/wholesail")
        do throws(AMQPError) {
            amqp = try AMQPConfiguration(url: amqpURL, connectionName: service)
        } catch {
            throw ConfigurationError(
                variable: "WHOLESAIL_AMQP_URL",
                value: EnvironmentReader.redacted(amqpURL),
                expected: "amqp://user:password@host:port/vhost (\(error.message))"
            )
        }

        httpHost = environment.string("WHOLESAIL_HTTP_HOST", default: "127.0.0.1")
        guard !httpHost.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw ConfigurationError(variable: "WHOLESAIL_HTTP_HOST", value: httpHost, expected: "a host name or IP address such as 127.0.0.1 or 0.0.0.0")
        }
        httpPort = try environment.integer(
            "WHOLESAIL_HTTP_PORT",
            default: Self.localStackHTTPPorts[service] ?? Self.fallbackHTTPPort,
            in: 0...65535
        )
        maximumRequestBodySize = try environment.integer("WHOLESAIL_HTTP_MAX_BODY_SIZE", default: 1 << 20, in: 1...(1 << 30))
        logLevel = try environment.choice(
            "WHOLESAIL_LOG_LEVEL",
            default: .info,
            from: ["trace": .trace, "debug": .debug, "info": .info, "notice": .notice, "warning": .warning, "error": .error, "critical": .critical]
        )
        databasePoolSize = try environment.integer("WHOLESAIL_DATABASE_POOL_SIZE", default: 10, in: 1...200)
        consumerPrefetch = UInt16(try environment.integer("WHOLESAIL_CONSUMER_PREFETCH", default: 64, in: 1...65535))
        consumerConcurrency = try environment.integer(
            "WHOLESAIL_CONSUMER_CONCURRENCY", default: Self.consumerConcurrencyDefaults[service] ?? Self.defaultConsumerConcurrency, in: 1...256
        )
        consumerBatchSize = try environment.integer("WHOLESAIL_CONSUMER_BATCH_SIZE", default: 16, in: 1...1000)
        retryDelays = try environment.durations(
            "WHOLESAIL_RETRY_DELAYS",
            default: [.seconds(1), .seconds(10), .seconds(60)],
            eachIn: .milliseconds(1) ... .seconds(24 * 3600)
        )
        deliveryLimit = try environment.integer("WHOLESAIL_DELIVERY_LIMIT", default: 20, in: 1...1000)
        eventsExchange = environment.string("WHOLESAIL_EVENTS_EXCHANGE", default: ServiceTopology.eventsExchange)
        guard eventsExchange.utf8.count <= 255, !eventsExchange.contains(where: { $0.isWhitespace || !$0.isASCII }) else {
            throw ConfigurationError(
                variable: "WHOLESAIL_EVENTS_EXCHANGE", value: eventsExchange,
                expected: "an exchange name of at most 255 ASCII characters without spaces"
            )
        }
        outboxPollInterval = try environment.duration("WHOLESAIL_OUTBOX_POLL_INTERVAL", default: .seconds(1), in: .milliseconds(10) ... .seconds(3600))
        outboxBatchSize = try environment.integer("WHOLESAIL_OUTBOX_BATCH_SIZE", default: 500, in: 1...10_000)
        readinessTimeout = try environment.duration("WHOLESAIL_READINESS_TIMEOUT", default: .seconds(2), in: .milliseconds(10) ... .seconds(60))
        shutdownTimeout = try environment.duration("WHOLESAIL_SHUTDOWN_TIMEOUT", default: .seconds(30), in: .seconds(1) ... .seconds(3600))
    }

    /// For a service's `main`: the configuration, or — when a value is invalid — one line on standard error
    /// (`orders: cannot start: WHOLESAIL_HTTP_PORT="x" is invalid: expected …`) and exit status 1, no stack trace.
    public static func loadOrExit(service: String, environment: EnvironmentReader = EnvironmentReader()) -> ServiceConfiguration {
        do throws(ConfigurationError) {
            return try ServiceConfiguration(service: service, environment: environment)
        } catch {
            StandardError.exit(service: service, reason: error.description)
        }
    }

    static func isValidServiceName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 48 else { return false }
        let isLetter = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return isLetter(first) && name.utf8.allSatisfy { isLetter($0) || isDigit($0) }
    }
}
