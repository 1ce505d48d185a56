import Logging
import ServiceKit

/// How to run the ERP simulator, read from the environment like the services' configuration.
///
/// | Variable | Default | Meaning |
/// |---|---|---|
/// | `WHOLESAIL_HTTP_HOST` | `127.0.0.1` | address to bind (`0.0.0.0` in containers) |
/// | `WHOLESAIL_HTTP_PORT` | `28090` | `0` picks a free port |
/// | `WHOLESAIL_HTTP_MAX_BODY_SIZE` | 16 MiB | largest request body, in bytes |
/// | `WHOLESAIL_LOG_LEVEL` | `info` | trace, debug, info, notice, warning, error, critical |
/// | `WHOLESAIL_SHUTDOWN_TIMEOUT` | `10s` | how long in-flight requests may take to finish on SIGTERM |
/// | `WHOLESAIL_ERP_LATENCY_MS` | `0` | initial `latencyMilliseconds` knob (0–600000) |
/// | `WHOLESAIL_ERP_ERROR_RATE_PERCENT` | `0` | initial `errorRatePercent` knob (0–100) |
/// | `WHOLESAIL_ERP_OUTAGE` | `false` | initial `outage` knob |
public struct ERPSimulatorConfiguration: Sendable {
    /// The simulator's name in logs and start-up errors.
    public static let name = "erp-simulator"
    /// The simulator's port in the local stack.
    public static let localStackHTTPPort = 28090

    public var host: String
    /// `0` picks a free port (see ``RunningERPSimulator/port``).
    public var port: Int
    public var maximumRequestBodySize: Int
    public var logLevel: Logger.Level
    public var shutdownTimeout: Duration
    /// The knobs the simulator starts with.
    public var knobs: ERPSimulatorKnobs

    /// Defaults suit a test: a free port on 127.0.0.1, a healthy ERP.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        maximumRequestBodySize: Int = 16 << 20,
        logLevel: Logger.Level = .info,
        shutdownTimeout: Duration = .seconds(10),
        knobs: ERPSimulatorKnobs = .normal
    ) {
        self.host = host
        self.port = port
        self.maximumRequestBodySize = maximumRequestBodySize
        self.logLevel = logLevel
        self.shutdownTimeout = shutdownTimeout
        self.knobs = knobs
    }

    /// Reads the variables in the table above.
    /// - Throws: ``ConfigurationError`` for the first invalid value.
    public init(environment: EnvironmentReader) throws(ConfigurationError) {
        let host = environment.string("WHOLESAIL_HTTP_HOST", default: "127.0.0.1")
        guard !host.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw ConfigurationError(variable: "WHOLESAIL_HTTP_HOST", value: host, expected: "a host name or IP address such as 127.0.0.1 or 0.0.0.0")
        }
        let port = try environment.integer("WHOLESAIL_HTTP_PORT", default: Self.localStackHTTPPort, in: 0...65535)
        let maximumBodySize = try environment.integer("WHOLESAIL_HTTP_MAX_BODY_SIZE", default: 16 << 20, in: 1...(1 << 30))
        let logLevel = try environment.choice(
            "WHOLESAIL_LOG_LEVEL",
            default: Logger.Level.info,
            from: ["trace": .trace, "debug": .debug, "info": .info, "notice": .notice, "warning": .warning, "error": .error, "critical": .critical]
        )
        let shutdownTimeout = try environment.duration("WHOLESAIL_SHUTDOWN_TIMEOUT", default: .seconds(10), in: .seconds(1) ... .seconds(3600))
        let latency = try environment.integer("WHOLESAIL_ERP_LATENCY_MS", default: 0, in: ERPSimulatorKnobs.latencyRange)
        let errorRate = try environment.integer("WHOLESAIL_ERP_ERROR_RATE_PERCENT", default: 0, in: ERPSimulatorKnobs.errorRateRange)
        let outage = try environment.boolean("WHOLESAIL_ERP_OUTAGE", default: false)
        let knobs: ERPSimulatorKnobs
        do throws(ERPKnobsError) {
            knobs = try ERPSimulatorKnobs(latencyMilliseconds: latency, errorRatePercent: errorRate, outage: outage)
        } catch {
            // The ranges were checked above; this only guards against the two drifting apart.
            throw ConfigurationError(variable: "WHOLESAIL_ERP_*", value: "\(latency), \(errorRate), \(outage)", expected: error.description)
        }
        self.init(
            host: host, port: port, maximumRequestBodySize: maximumBodySize, logLevel: logLevel,
            shutdownTimeout: shutdownTimeout, knobs: knobs
        )
    }

    /// For `main`: the configuration, or — when a value is invalid — one line on standard error
    /// (`erp-simulator: cannot start: WHOLESAIL_ERP_OUTAGE="maybe" is invalid: expected …`) and exit status 1.
    public static func loadOrExit(environment: EnvironmentReader = EnvironmentReader()) -> ERPSimulatorConfiguration {
        do throws(ConfigurationError) {
            return try ERPSimulatorConfiguration(environment: environment)
        } catch {
            StandardError.exit(service: name, reason: error.description)
        }
    }
}
