import ArgumentParser
import Messaging
import ServiceKit

/// How to reach RabbitMQ: `--amqp-url`, else `WHOLESAIL_AMQP_URL`, else the local stack's administrator URL.
struct BrokerOptions: ParsableArguments {
    @Option(
        name: .customLong("amqp-url"),
        help: ArgumentHelp(
            "RabbitMQ URL, amqp://user:password@host:port/vhost.",
            discussion: "Default: $WHOLESAIL_AMQP_URL, else \(LocalStack.adminAMQPURL).",
            valueName: "url"
        )
    )
    var amqpURL: String?

    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp("How long to wait for the broker before giving up (500ms, 5s, 1m).", valueName: "duration")
    )
    var connectTimeout: String = "5s"

    func validate() throws {
        _ = try configuration()
        _ = try timeout()
    }

    /// The URL in force: the flag, the environment or the local stack's.
    var url: String {
        amqpURL ?? EnvironmentReader().value("WHOLESAIL_AMQP_URL") ?? LocalStack.adminAMQPURL
    }

    func configuration() throws(ValidationError) -> AMQPConfiguration {
        do throws(AMQPError) {
            var configuration = try AMQPConfiguration(url: url, connectionName: "wholesailctl")
            configuration.reconnectInitialDelay = .milliseconds(100)
            configuration.reconnectMaximumDelay = .seconds(1)
            return configuration
        } catch {
            throw ValidationError("--amqp-url: \(error.message)")
        }
    }

    func timeout() throws(ValidationError) -> Duration {
        guard let duration = DurationText.parse(connectTimeout), duration > .zero, duration <= .seconds(600) else {
            throw ValidationError("--connect-timeout \"\(connectTimeout)\" is not a duration from 1ms to 10m such as 500ms, 5s or 1m")
        }
        return duration
    }

    /// Connects, runs `body`, and closes the connection, whatever happens. Broker failures become one-line
    /// ``WholesailctlError``s that say what to do.
    /// - Parameter queue: the queue `body` works on, to name it when the broker says it does not exist.
    func withConnection<Value>(queue: String? = nil, _ body: (AMQPConnection) async throws -> Value) async throws -> Value {
        var configuration = try configuration()
        let timeout = try timeout()
        configuration.connectTimeout = timeout
        let connection: AMQPConnection
        do {
            connection = try await AMQPConnection.connect(configuration: configuration, logger: .silent("wholesailctl.amqp"), timeout: timeout)
        } catch {
            throw WholesailctlError.failure(
                "cannot reach RabbitMQ at \(configuration.redactedURL) within \(DurationText.format(timeout)) (\(error.message)); "
                    + "\(LocalStack.startHint), or pass --amqp-url / set WHOLESAIL_AMQP_URL"
            )
        }
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch let error as AMQPError {
            await connection.close()
            throw Self.explain(error, configuration: configuration, queue: queue)
        } catch {
            await connection.close()
            throw error
        }
    }

    /// What a broker error means for an operator.
    static func explain(_ error: AMQPError, configuration: AMQPConfiguration, queue: String?) -> WholesailctlError {
        switch (error.code, error.replyCode) {
        case (.brokerRefused, 404):
            let subject = queue.map { "queue \($0)" } ?? "the queue or exchange"
            return .failure(
                "\(subject) does not exist on \(configuration.redactedURL) (\(error.message)); check the service name — "
                    + "its queues exist once the service has started or `wholesailctl topology declare` ran"
            )
        case (.brokerRefused, 403):
            return .failure("RabbitMQ refused access for user \(configuration.username) (\(error.message)); use an administrator (--amqp-url)")
        case (.brokerRefused, 406):
            return .failure(
                "RabbitMQ refused a declaration (\(error.message)); a queue exists with other arguments — pass the "
                    + "--retry-delays and --delivery-limit the services run with"
            )
        case (.connectionFailed, _), (.notConnected, _), (.connectionLost, _), (.timeout, _):
            return .failure("the connection to RabbitMQ at \(configuration.redactedURL) failed during the command (\(error.message)); run it again")
        default:
            return .failure(error.description)
        }
    }
}
