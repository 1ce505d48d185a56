import ArgumentParser
import Foundation

/// `--amqp-url` and `--database-url`, shared by every benchmark command: the servers to measure against.
struct BenchServerOptions: ParsableArguments {
    @Option(help: "RabbitMQ URL (default: $WHOLESAIL_TEST_AMQP_URL, else the local stack's admin URL).")
    var amqpURL: String = ProcessInfo.processInfo.environment["WHOLESAIL_TEST_AMQP_URL"]
        ?? "amqp://wholesail_admin:wholesail_admin@127.0.0.1:25672/wholesail"

    @Option(help: "PostgreSQL URL (default: $WHOLESAIL_TEST_DATABASE_URL, else the local stack's admin URL).")
    var databaseURL: String = ProcessInfo.processInfo.environment["WHOLESAIL_TEST_DATABASE_URL"]
        ?? "postgresql://wholesail_admin:wholesail_admin@127.0.0.1:25432/wholesail"
}
